using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StructGen.Cassettes
{
    /// <summary>Renders values for difference messages: short, one line, and pointing at where long strings differ.</summary>
    internal static class JsonValueText
    {
        private const int MaxRenderedLength = 120;
        private const int ContextBefore = 30;
        private const int ContextAfter = 50;

        private static readonly JsonWriterOptions CompactRelaxed = new JsonWriterOptions
        {
            Indented = false,

            // Messages are for people: keep non-ASCII text as is instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Render(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                return Quote(element.GetString()!, 0, int.MaxValue);
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, CompactRelaxed))
            {
                element.WriteTo(writer);
            }

            string text = Encoding.UTF8.GetString(buffer.ToArray());
            return text.Length > MaxRenderedLength ? text.Substring(0, MaxRenderedLength) + "…" : text;
        }

        /// <summary>
        /// Describes two different strings. Short strings are shown whole; long ones as a window around
        /// the first differing character, so a one-word change deep in a system prompt is visible.
        /// </summary>
        public static string DescribeStringDifference(string expected, string actual)
        {
            if (expected.Length <= MaxRenderedLength && actual.Length <= MaxRenderedLength)
            {
                return $"expected {Quote(expected, 0, int.MaxValue)} but was {Quote(actual, 0, int.MaxValue)}";
            }

            int at = 0;
            int limit = Math.Min(expected.Length, actual.Length);
            while (at < limit && expected[at] == actual[at])
            {
                at++;
            }

            int start = Math.Max(0, at - ContextBefore);
            return $"expected {Quote(expected, start, ContextBefore + ContextAfter)} but was {Quote(actual, start, ContextBefore + ContextAfter)}"
                + $" (first difference at character {at.ToString(CultureInfo.InvariantCulture)}; lengths {expected.Length.ToString(CultureInfo.InvariantCulture)} and {actual.Length.ToString(CultureInfo.InvariantCulture)})";
        }

        /// <summary>Quotes <paramref name="value"/> (or the window of it from <paramref name="start"/>) as a JSON-like string.</summary>
        public static string Quote(string value, int start, int length)
        {
            int end = (int)Math.Min(value.Length, (long)start + length);
            var sb = new StringBuilder();
            if (start > 0)
            {
                sb.Append('…');
            }

            sb.Append('"');
            for (int i = start; i < end; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            sb.Append('"');
            if (end < value.Length)
            {
                sb.Append('…');
            }

            return sb.ToString();
        }
    }
}
