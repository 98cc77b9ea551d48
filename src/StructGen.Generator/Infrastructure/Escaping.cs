using System.Globalization;
using System.Text;

namespace StructGen.Generator.Infrastructure
{
    /// <summary>
    /// The one place where text is escaped: for JSON string values (schema text) and for C# string
    /// literals in generated code. Generated code never uses raw string literals, so it compiles with
    /// any language version that supports <c>#nullable</c>.
    /// </summary>
    internal static class Escaping
    {
        /// <summary>A JSON string token (with the quotes) whose value is exactly <paramref name="value"/>.</summary>
        public static string JsonString(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            AppendJsonString(builder, value);
            return builder.ToString();
        }

        /// <summary>Appends a JSON string token. Non-ASCII text is kept as is, except line/paragraph
        /// separators and lone surrogates, which are written as <c>\uXXXX</c>.</summary>
        public static void AppendJsonString(StringBuilder builder, string value)
        {
            builder.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || IsLoneSurrogate(value, i))
                        {
                            AppendUnicodeEscape(builder, c);
                        }
                        else
                        {
                            builder.Append(c);
                            if (char.IsHighSurrogate(c))
                            {
                                builder.Append(value[++i]);
                            }
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        /// <summary>
        /// A C# verbatim string literal (<c>@"..."</c>) for text that is already free of control
        /// characters (such as compact JSON); quotes are doubled. Falls back to a regular literal when
        /// the text holds characters that would make the source fragile.
        /// </summary>
        public static string CSharpVerbatimString(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029' || IsLoneSurrogate(value, i))
                {
                    return CSharpString(value);
                }

                if (char.IsHighSurrogate(c))
                {
                    i++;
                }
            }

            return "@\"" + value.Replace("\"", "\"\"") + "\"";
        }

        /// <summary>
        /// A regular C# string literal (<c>"..."</c>) with every special character escaped, written by
        /// the compiler's own <see cref="Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(string, bool)"/>
        /// (control characters, line separators and lone surrogates come out as escapes).
        /// </summary>
        public static string CSharpString(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>Escapes text for an XML documentation comment (a single line).</summary>
        public static string XmlDocText(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '\r':
                    case '\n':
                    case '\u0085':
                    case '\u2028':
                    case '\u2029':
                        builder.Append(' ');
                        break;
                    default: builder.Append(c); break;
                }
            }

            return builder.ToString();
        }

        private static bool IsLoneSurrogate(string value, int index)
        {
            char c = value[index];
            if (char.IsHighSurrogate(c))
            {
                return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
            }

            // A low surrogate reached here was not consumed by a preceding high surrogate.
            return char.IsLowSurrogate(c);
        }

        private static void AppendUnicodeEscape(StringBuilder builder, char c)
        {
            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
    }
}
