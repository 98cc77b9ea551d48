using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// The conversation in Anthropic's shape: <c>system</c> text blocks; user text blocks; assistant
    /// thinking blocks, then text, then <c>tool_use</c> blocks; tool results grouped into one user message.
    /// </summary>
    internal static class MessagesWriter
    {
        public static bool HasSystem(IReadOnlyList<ModelMessage> messages)
        {
            foreach (var message in messages)
            {
                if (IsSystem(message)) return true;
            }

            return false;
        }

        /// <summary>Every system and developer message, in order, as one array of text blocks (none: no member).</summary>
        public static void WriteSystem(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages)
        {
            if (!HasSystem(messages)) return;
            writer.WriteStartArray("system");
            foreach (var message in messages)
            {
                if (!IsSystem(message)) continue;
                if (message.Text is null && message.RawJson is not null && WriteRawContentBlocks(writer, message.RawJson)) continue;
                WriteTextBlock(writer, message.Text ?? string.Empty);
            }

            writer.WriteEndArray();
        }

        public static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages)
        {
            writer.WriteStartArray("messages");
            for (int i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                if (IsSystem(message)) continue;
                if (message.Role == MessageRole.Tool)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("content");
                    while (true)
                    {
                        foreach (var result in messages[i].ToolResults) WriteToolResult(writer, result);
                        if (i + 1 < messages.Count && messages[i + 1].Role == MessageRole.Tool) i++;
                        else break;
                    }

                    writer.WriteEndArray();
                    writer.WriteString("role", "user");
                    writer.WriteEndObject();
                    continue;
                }

                if (message.RawJson is not null)
                {
                    writer.WriteRawValue(message.RawJson, skipInputValidation: true);
                    continue;
                }

                if (message.Role == MessageRole.Assistant)
                {
                    WriteAssistant(writer, message);
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteStartArray("content");
                bool wroteText = false;
                foreach (var part in message.Parts)
                {
                    if (part is not TextPart text) continue;
                    WriteTextBlock(writer, text.Text);
                    wroteText = true;
                }

                if (!wroteText) WriteTextBlock(writer, string.Empty);
                writer.WriteEndArray();
                writer.WriteString("role", message.Role.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static bool IsSystem(ModelMessage message) => message.Role.IsInstructions;

        private static void WriteAssistant(Utf8JsonWriter writer, ModelMessage message)
        {
            bool any = !string.IsNullOrEmpty(message.Text) || message.ToolCalls.Count > 0;
            foreach (var block in message.Reasoning) any |= block.Protocol == WireProtocols.AnthropicMessages;
            if (!any) return; // An empty assistant turn is rejected by the API; the turns around it are merged.

            writer.WriteStartObject();
            writer.WriteStartArray("content");

            // Blocks in the order of the turn (thinking first, as the model wrote it): the API checks
            // thinking signatures on the next turn of a tool loop, so they go back complete and unchanged.
            foreach (var part in message.Parts)
            {
                switch (part)
                {
                    case ReasoningContent block when block.Protocol == WireProtocols.AnthropicMessages:
                        WriteThinking(writer, block);
                        break;
                    case TextPart { Text.Length: > 0 } text:
                        WriteTextBlock(writer, text.Text);
                        break;
                    case ToolCall call:
                        writer.WriteStartObject();
                        writer.WriteString("id", call.Id);
                        writer.WritePropertyName("input");
                        WriteInput(writer, call.Arguments);
                        writer.WriteString("name", call.Name);
                        writer.WriteString("type", "tool_use");
                        writer.WriteEndObject();
                        break;
                }
            }

            writer.WriteEndArray();
            writer.WriteString("role", "assistant");
            writer.WriteEndObject();
        }

        private static void WriteThinking(Utf8JsonWriter writer, ReasoningContent block)
        {
            if (block.PayloadJson is not null)
            {
                writer.WriteRawValue(block.PayloadJson, skipInputValidation: true);
                return;
            }

            writer.WriteStartObject();
            if (block.Signature is not null) writer.WriteString("signature", block.Signature);
            writer.WriteString("thinking", block.Text);
            writer.WriteString("type", "thinking");
            writer.WriteEndObject();
        }

        // The API takes the arguments as an object. Arguments that are not one (the model wrote broken
        // JSON, and the tool result already says so) go back as {}: the turn must still be accepted.
        private static void WriteInput(Utf8JsonWriter writer, string arguments)
        {
            try
            {
                using var document = JsonDocument.Parse(arguments);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }
            }
            catch (JsonException)
            {
            }

            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        private static void WriteToolResult(Utf8JsonWriter writer, ToolResult result)
        {
            writer.WriteStartObject();
            writer.WriteString("tool_use_id", result.CallId);
            if (result.Content.Length > 0)
            {
                writer.WriteStartArray("content");
                WriteTextBlock(writer, result.Content);
                writer.WriteEndArray();
            }

            writer.WriteString("type", "tool_result");
            if (result.IsError) writer.WriteBoolean("is_error", true);
            writer.WriteEndObject();
        }

        private static void WriteTextBlock(Utf8JsonWriter writer, string text)
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteString("type", "text");
            writer.WriteEndObject();
        }

        // A raw system message whose content is an array of blocks (cache_control and all): its blocks, verbatim.
        private static bool WriteRawContentBlocks(Utf8JsonWriter writer, string rawJson)
        {
            using var document = JsonDocument.Parse(rawJson);
            if (!document.RootElement.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return false;
            foreach (var block in content.EnumerateArray()) block.WriteTo(writer);
            return true;
        }
    }
}
