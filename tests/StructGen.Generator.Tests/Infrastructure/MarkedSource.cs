using Microsoft.CodeAnalysis.Text;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>A test source in <c>namespace Demo</c> where <c>/*!*/</c> marks where a diagnostic must start.</summary>
    internal sealed class MarkedSource
    {
        public const string Marker = "/*!*/";

        public MarkedSource(string body)
        {
            string full = Sources.Usings + "namespace Demo\n{\n" + body + "\n}\n";
            int index = full.IndexOf(Marker, System.StringComparison.Ordinal);
            Text = full.Replace(Marker, string.Empty);
            if (index >= 0)
            {
                LinePosition position = SourceText.From(Text).Lines.GetLinePosition(index);
                Line = position.Line + 1;
                Column = position.Character + 1;
            }
        }

        public string Text { get; }

        /// <summary>1-based line of the marker (0 when there is none).</summary>
        public int Line { get; }

        /// <summary>1-based column of the marker.</summary>
        public int Column { get; }
    }
}
