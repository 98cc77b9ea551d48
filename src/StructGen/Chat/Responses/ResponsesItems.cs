using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>Reads the members of Responses API objects (output items, the response) the decoder needs.</summary>
    internal static class ResponsesItems
    {
        public static string? String(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>Whether a reasoning item carries non-empty <c>encrypted_content</c> (what makes it worth sending back).</summary>
        public static bool HasEncryptedContent(JsonElement item) => String(item, "encrypted_content") is { Length: > 0 };

        /// <summary>The reasoning text an item shows: its summary parts, then any raw reasoning text, separated by blank lines.</summary>
        public static string ReasoningText(JsonElement item)
        {
            var text = new StringBuilder();
            AppendTexts(item, "summary", text);
            AppendTexts(item, "content", text);
            return text.ToString();
        }

        /// <summary><c>usage</c> of a response, or <see langword="null"/>.</summary>
        public static ChatUsage? Usage(JsonElement response)
        {
            if (!response.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object) return null;
            int input = Int(usage, "input_tokens") ?? 0;
            int output = Int(usage, "output_tokens") ?? 0;
            return new ChatUsage(
                input,
                output,
                Int(usage, "total_tokens") ?? input + output,
                usage.TryGetProperty("output_tokens_details", out var outputDetails) ? Int(outputDetails, "reasoning_tokens") : null,
                usage.TryGetProperty("input_tokens_details", out var inputDetails) ? Int(inputDetails, "cached_tokens") : null);
        }

        private static int? Int(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

        private static void AppendTexts(JsonElement item, string member, StringBuilder text)
        {
            if (!item.TryGetProperty(member, out var parts) || parts.ValueKind != JsonValueKind.Array) return;
            foreach (var part in parts.EnumerateArray())
            {
                if (String(part, "text") is not { Length: > 0 } piece) continue;
                if (text.Length > 0) text.Append("\n\n");
                text.Append(piece);
            }
        }
    }
}
