using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StructGen.Tests.Cassettes
{
    /// <summary>Rewrites JSON request bodies for matching tests (same meaning, different bytes).</summary>
    internal static class JsonRewrite
    {
        /// <summary>The same document with every object's keys in reverse order and some whitespace.</summary>
        public static string ReverseKeys(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(document.RootElement, writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(JsonElement element, Utf8JsonWriter writer)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (JsonProperty property in element.EnumerateObject().Reverse())
                    {
                        writer.WritePropertyName(property.Name);
                        Write(property.Value, writer);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        Write(item, writer);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }

        public static string Replace(string json, string oldValue, string newValue)
        {
            if (!json.Contains(oldValue, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"'{oldValue}' not found in the body; the test no longer edits anything.");
            }

            return json.Replace(oldValue, newValue, StringComparison.Ordinal);
        }
    }
}
