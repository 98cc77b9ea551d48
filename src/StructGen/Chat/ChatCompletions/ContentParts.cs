using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// Reads a delta's <c>content</c>. It is a string almost everywhere; a few providers (Mistral's
    /// reasoning models) stream an array of typed parts instead: text parts are content, thinking
    /// parts are reasoning.
    /// </summary>
    internal static class ContentParts
    {
        public static void Read(ref Utf8JsonReader reader, DeltaDto delta)
        {
            if (!reader.Read()) throw new JsonException("The chunk ended early.");
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    delta.Content = ChunkReader.StringValue(ref reader);
                    return;
                case JsonTokenType.Null:
                    return;
                case JsonTokenType.StartArray:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        var content = new StringBuilder();
                        var reasoning = new StringBuilder();
                        foreach (var part in document.RootElement.EnumerateArray()) CollectPart(part, content, reasoning, inThinking: false);
                        if (content.Length > 0) delta.Content = content.ToString();
                        if (reasoning.Length > 0) delta.ReasoningContent = (delta.ReasoningContent ?? string.Empty) + reasoning.ToString();
                    }

                    return;
                default:
                    throw new JsonException("Expected the content to be a string, an array of parts or null but found " + reader.TokenType + ".");
            }
        }

        private static void CollectPart(JsonElement part, StringBuilder content, StringBuilder reasoning, bool inThinking)
        {
            switch (part.ValueKind)
            {
                case JsonValueKind.String:
                    (inThinking ? reasoning : content).Append(part.GetString());
                    return;
                case JsonValueKind.Array:
                    foreach (var item in part.EnumerateArray()) CollectPart(item, content, reasoning, inThinking);
                    return;
                case JsonValueKind.Object:
                    bool thinking = inThinking ||
                        (part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                         (type.ValueEquals("thinking"u8) || type.ValueEquals("reasoning"u8)));
                    if (part.TryGetProperty("text", out var text)) CollectPart(text, content, reasoning, thinking);
                    if (part.TryGetProperty("thinking", out var nested)) CollectPart(nested, content, reasoning, inThinking: true);
                    return;
            }
        }
    }
}
