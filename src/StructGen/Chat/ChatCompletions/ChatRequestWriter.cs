using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// Writes the chat-completions request body by hand with <see cref="Utf8JsonWriter"/>: no
    /// reflection, no null members (providers reject unknown nulls), and generated schema/tool JSON
    /// embedded verbatim.
    /// </summary>
    internal static class ChatRequestWriter
    {
        public static byte[] Write(IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, bool stream)
        {
            stream &= options.Stream != false;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                WriteMessages(writer, messages);
                // A null model was refused when the request was created (ModelClient).
                if (options.Model is { Length: > 0 }) writer.WriteString("model", options.Model);
                if (options.MaxCompletionTokens is int maxCompletion) writer.WriteNumber("max_completion_tokens", maxCompletion);
                if (options.MaxTokens is int maxTokens) writer.WriteNumber("max_tokens", maxTokens);
                if (options.Temperature is double temperature) writer.WriteNumber("temperature", temperature);
                if (options.TopP is double topP) writer.WriteNumber("top_p", topP);
                if (options.Seed is long seed) writer.WriteNumber("seed", seed);
                if (options.ReasoningEffort is not null) writer.WriteString("reasoning_effort", options.ReasoningEffort);
                if (stream && options.IncludeUsage == true)
                {
                    writer.WriteStartObject("stream_options");
                    writer.WriteBoolean("include_usage", true);
                    writer.WriteEndObject();
                }

                WriteResponseFormat(writer, options.ResponseFormat);
                WriteToolChoice(writer, options.ToolChoice);
                WriteTools(writer, options.Tools);
                if (options.ParallelToolCalls is bool parallel) writer.WriteBoolean("parallel_tool_calls", parallel);
                if (stream) writer.WriteBoolean("stream", true);
                RawMembers.Write(writer, options, name => IsWritten(name, options, stream));
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages)
        {
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                if (message.RawJson is not null)
                {
                    writer.WriteRawValue(message.RawJson, skipInputValidation: true);
                    continue;
                }

                if (message.Role == MessageRole.Tool)
                {
                    // One wire message per result: chat completions has no message that answers two calls.
                    foreach (var result in message.ToolResults) WriteToolResult(writer, result);
                    continue;
                }

                writer.WriteStartObject();
                if (message.Text is not null) writer.WriteString("content", message.Text);
                if (message.ToolCalls.Count > 0)
                {
                    writer.WriteStartArray("tool_calls");
                    foreach (var call in message.ToolCalls)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", call.Id);
                        writer.WriteStartObject("function");
                        writer.WriteString("arguments", call.Arguments);
                        writer.WriteString("name", call.Name);
                        writer.WriteEndObject();
                        writer.WriteString("type", "function");
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                WriteReasoning(writer, message.Reasoning);
                writer.WriteString("role", message.Role.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static void WriteToolResult(Utf8JsonWriter writer, ToolResult result)
        {
            writer.WriteStartObject();
            writer.WriteString("content", result.Content);
            writer.WriteString("tool_call_id", result.CallId);
            writer.WriteString("role", "tool");
            writer.WriteEndObject();
        }

        // Whether this request already has the member: an additional property may not repeat one (a
        // duplicate key is read differently by different servers), but may set one the options leave out.
        private static bool IsWritten(string name, ChatRequestOptions options, bool stream) => name switch
        {
            "messages" => true,
            "model" => options.Model is { Length: > 0 },
            "max_completion_tokens" => options.MaxCompletionTokens is not null,
            "max_tokens" => options.MaxTokens is not null,
            "temperature" => options.Temperature is not null,
            "top_p" => options.TopP is not null,
            "seed" => options.Seed is not null,
            "reasoning_effort" => options.ReasoningEffort is not null,
            "stream_options" => stream && options.IncludeUsage == true,
            "response_format" => options.ResponseFormat is not null,
            "tool_choice" => options.ToolChoice is not null,
            "tools" => options.Tools is not null,
            "parallel_tool_calls" => options.ParallelToolCalls is not null,
            "stream" => stream,
            _ => false,
        };

        private static void WriteResponseFormat(Utf8JsonWriter writer, ResponseFormat? format)
        {
            if (format is null) return;
            writer.WriteStartObject("response_format");
            switch (format.Kind)
            {
                case ResponseFormatKind.Text:
                    writer.WriteString("type", "text");
                    break;
                case ResponseFormatKind.JsonObject:
                    writer.WriteString("type", "json_object");
                    break;
                default:
                    writer.WriteString("type", "json_schema");
                    writer.WriteStartObject("json_schema");
                    writer.WriteString("name", format.Name);
                    writer.WriteBoolean("strict", format.Strict);
                    if (format.Description is not null) writer.WriteString("description", format.Description);
                    writer.WritePropertyName("schema");
                    writer.WriteRawValue(format.Strict ? format.JsonSchema! : format.NaturalJsonSchema!, skipInputValidation: true);
                    writer.WriteEndObject();
                    break;
            }

            writer.WriteEndObject();
        }

        private static void WriteToolChoice(Utf8JsonWriter writer, ToolChoice? choice)
        {
            if (choice is null) return;
            switch (choice.Kind)
            {
                case ToolChoiceKind.Tool:
                    writer.WriteStartObject("tool_choice");
                    writer.WriteString("type", "function");
                    writer.WriteStartObject("function");
                    writer.WriteString("name", choice.ToolName);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                default:
                    writer.WriteString("tool_choice", choice.Kind == ToolChoiceKind.Auto ? "auto" : choice.Kind == ToolChoiceKind.None ? "none" : "required");
                    break;
            }
        }

        private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<StructGen.Tools.ToolDefinition>? tools)
        {
            if (tools is null) return;
            writer.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", tool.Name);
                writer.WriteBoolean("strict", tool.Strict);
                if (tool.Description is not null) writer.WriteString("description", tool.Description);
                writer.WritePropertyName("parameters");
                writer.WriteRawValue(tool.ParametersJsonSchema, skipInputValidation: true);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // This protocol's reasoning blocks: reasoning_details arrays merged into one array, reasoning
        // text objects written as their members (reasoning_content, reasoning); other protocols' blocks are skipped.
        private static void WriteReasoning(Utf8JsonWriter writer, IReadOnlyList<ReasoningContent> reasoning)
        {
            bool open = false;
            List<JsonDocument>? members = null;
            try
            {
                foreach (var block in reasoning)
                {
                    if (block.Protocol != WireProtocols.ChatCompletions || block.PayloadJson is null) continue;
                    var document = Parse(block.PayloadJson);
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        (members ??= new List<JsonDocument>()).Add(document);
                        continue;
                    }

                    using (document)
                    {
                        if (!open)
                        {
                            writer.WriteStartArray("reasoning_details");
                            open = true;
                        }

                        foreach (var item in document.RootElement.EnumerateArray()) item.WriteTo(writer);
                    }
                }

                if (open) writer.WriteEndArray();
                if (members is null) return;
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var document in members)
                {
                    foreach (var member in document.RootElement.EnumerateObject())
                    {
                        // Two text blocks in one message (rare) go back as one field: the first wins.
                        if (written.Add(member.Name)) member.WriteTo(writer);
                    }
                }
            }
            finally
            {
                if (members is not null)
                {
                    foreach (var document in members) document.Dispose();
                }
            }
        }

        private const string ExpectedPayload =
            "A chat-completions reasoning block's PayloadJson must be a JSON array of reasoning_details entries, " +
            "or a JSON object whose only members are the strings reasoning_content and/or reasoning";

        private static JsonDocument Parse(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException(ExpectedPayload + ": " + ex.Message, ex);
            }

            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array) return document;
            if (root.ValueKind == JsonValueKind.Object && IsTextMembers(root)) return document;
            var kind = root.ValueKind;
            document.Dispose();
            throw new InvalidOperationException(ExpectedPayload + ", not " + (kind == JsonValueKind.Object ? "an object with other members" : "a JSON " + kind) + ".");
        }

        private static bool IsTextMembers(JsonElement root)
        {
            bool any = false;
            foreach (var member in root.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String) return false;
                if (member.Name != ReasoningText.ContentField && member.Name != ReasoningText.ReasoningField) return false;
                any = true;
            }

            return any;
        }
    }
}
