using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    // Single values with the tolerances of a JSON serializer configured for these DTOs: numbers as strings,
    // ids as numbers, arguments as objects, text in other shapes; unknown values skipped.
    internal sealed partial class ChunkReader
    {
        private static string? ReadArguments(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Null: return null;
                default:
                    // A few local servers send the arguments as a JSON object: keep its JSON text.
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        return document.RootElement.GetRawText();
                    }
            }
        }

        // An id is a string everywhere we know of; a number (some local servers) is kept as its text.
        private static string? ReadId(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.ValueSpan.ToArray()); // one chunk is one contiguous span
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default: return null;
            }
        }

        // A text field some provider may one day send in another shape (an object with "text" or
        // "content", an array): the text is taken when there is one, anything else is skipped, never fatal.
        private static string? ReadText(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.StartObject:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        var root = document.RootElement;
                        if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String) return text.GetString();
                        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String) return content.GetString();
                        return null;
                    }

                case JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        // Kept as JSON text, cut straight from the chunk's bytes (the reader runs over exactly `data`);
        // only providers with structured reasoning send it, so the cost stays with them.
        private static string? ReadRawJson(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // OpenRouter sends "reasoning_details": [] on almost every chunk: nothing to keep, nothing to allocate.
                var lookahead = reader;
                if (lookahead.Read() && lookahead.TokenType == JsonTokenType.EndArray)
                {
                    reader.Read();
                    return null;
                }
            }

            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            return Encoding.UTF8.GetString(data.Slice(start, (int)reader.BytesConsumed - start).ToArray());
        }

        // System.Text.Json unescapes a string of more than 256 bytes with escapes into an array rented from
        // the shared ArrayPool, which keeps it for the life of the process: one 10 MB content delta with a
        // "\n" in it would leave a 16 MB array there. Long escaped strings are unescaped into our own array.
        internal static string? StringValue(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length <= StructGen.Sse.BoundedArrayPool.MaxPooledLength)
            {
                return reader.GetString();
            }

            var unescaped = new byte[reader.ValueSpan.Length];
            int written = reader.CopyString(unescaped);
            return Encoding.UTF8.GetString(unescaped, 0, written);
        }

        private static string? ReadString(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return StringValue(ref reader);
                case JsonTokenType.Null: return null;
                default: throw new JsonException("Expected a string or null but found " + reader.TokenType + ".");
            }
        }

        // The last model name read by any stream. A process talks to a few models, and every open stream keeps its
        // model's name (ChatStreamState.Model): streams of the same model share one string instead of one each.
        private static string? s_lastModel;

        private static string? ReadModel(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.String) return reader.TokenType == JsonTokenType.Null ? null : throw new JsonException("Expected a string or null but found " + reader.TokenType + ".");
            if (System.Threading.Volatile.Read(ref s_lastModel) is { } last && reader.ValueTextEquals(last)) return last;
            string? model = StringValue(ref reader);
            if (model is not null) System.Threading.Volatile.Write(ref s_lastModel, model);
            return model;
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out int number)) return number;
                    throw new JsonException("Expected a 32-bit integer but found a number outside that range or with a fraction.");
                case JsonTokenType.Null: return null;
                case JsonTokenType.String:
                    // Number handling AllowReadingFromString, as the source-generated context had.
                    var text = StringValue(ref reader);
                    if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value)) return value;
                    throw new JsonException("Expected an integer but found \"" + text + "\".");
                default: throw new JsonException("Expected an integer but found " + reader.TokenType + ".");
            }
        }

        private static string? SkipValue(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            return null;
        }

        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw new JsonException("The chunk ended early.");
            return reader.TokenType;
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (reader.TokenType == JsonTokenType.None) Next(ref reader);
            if (reader.TokenType != type) throw new JsonException("Expected " + type + " but found " + reader.TokenType + ".");
        }
    }
}
