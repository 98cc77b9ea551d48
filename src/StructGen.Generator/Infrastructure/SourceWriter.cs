using System.Text;

namespace StructGen.Generator.Infrastructure
{
    /// <summary>
    /// A tiny indenting text writer for generated C#. Lines end with <c>\n</c> on every platform so
    /// generated output is byte-identical everywhere.
    /// </summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public int Indentation => _indent;

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
        public void WriteLine(string line)
        {
            if (line.Length > 0)
            {
                for (int i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
        }

        public void WriteLine() => _builder.Append('\n');

        /// <summary>Writes <c>{</c> and indents.</summary>
        public void OpenBrace()
        {
            WriteLine("{");
            Indent();
        }

        /// <summary>Unindents and writes <c>}</c>.</summary>
        public void CloseBrace()
        {
            Unindent();
            WriteLine("}");
        }

        public override string ToString() => _builder.ToString();
    }
}
