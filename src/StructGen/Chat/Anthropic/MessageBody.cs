using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// A non-streamed answer (<c>{"type":"message","content":[…]}</c>) as the same updates a stream of
    /// it gives, block by block in order, so one state and one structured accumulator serve both modes.
    /// </summary>
    internal static class MessageBody
    {
        public static void Decode(JsonElement root, MessagesEventDecoder decoder, List<ChatStreamUpdate> updates)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("The answer is not a JSON object but " + root.ValueKind + ".");
            if (String(root, "type") == "error") throw decoder.ProviderFailure(Transport.ProviderError.FromElement(root)!);

            decoder.Identify(String(root, "id"), String(root, "model"), updates);
            if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in content.EnumerateArray()) DecodeBlock(block, decoder, updates);
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                decoder.ReportUsage(ReadUsage(usage), updates);
            }

            decoder.SetStopReason(String(root, "stop_reason"));
            decoder.Finish(updates);
        }

        private static void DecodeBlock(JsonElement block, MessagesEventDecoder decoder, List<ChatStreamUpdate> updates)
        {
            if (block.ValueKind != JsonValueKind.Object) return;
            switch (String(block, "type"))
            {
                case "text":
                    if (String(block, "text") is { Length: > 0 } text) updates.Add(ChatStreamUpdate.ContentDelta(text));
                    break;
                case "thinking":
                    var thinking = String(block, "thinking") ?? string.Empty;
                    if (thinking.Length > 0) updates.Add(ChatStreamUpdate.ReasoningDelta(thinking));
                    updates.Add(MessagesEventDecoder.Thinking(thinking, String(block, "signature") is { Length: > 0 } signature ? signature : null));
                    break;
                case "redacted_thinking":
                    updates.Add(MessagesEventDecoder.RedactedThinking(String(block, "data") ?? string.Empty));
                    break;
                case "tool_use":
                    int index = decoder.NextToolCall();
                    updates.Add(ChatStreamUpdate.ToolCallStarted(index, String(block, "id"), String(block, "name") ?? string.Empty));
                    if (block.TryGetProperty("input", out var input) && input.ValueKind != JsonValueKind.Null)
                    {
                        updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(index, input.GetRawText()));
                    }

                    updates.Add(ChatStreamUpdate.ToolCallCompleted(index));
                    break;
            }
        }

        private static MessagesUsage ReadUsage(JsonElement usage)
        {
            var result = new MessagesUsage
            {
                InputTokens = Int(usage, "input_tokens"),
                OutputTokens = Int(usage, "output_tokens"),
                CacheReadInputTokens = Int(usage, "cache_read_input_tokens"),
                CacheCreationInputTokens = Int(usage, "cache_creation_input_tokens"),
            };
            if (usage.TryGetProperty("output_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object)
            {
                result.ThinkingTokens = Int(details, "thinking_tokens");
            }

            return result;
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int? Int(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;
    }
}
