using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using StructGen.Chat.Transport;
using StructGen.Tools;

namespace StructGen.Chat
{
    /// <summary>
    /// Writes the Responses API request body with one <see cref="Utf8JsonWriter"/>: no reflection, no
    /// null members, generated schema and tool JSON embedded verbatim. Messages become <c>input</c> items
    /// (easy messages, <c>function_call</c>, <c>function_call_output</c>, <c>reasoning</c>).
    /// </summary>
    internal static class ResponsesRequestWriter
    {
        public static byte[] Write(IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, bool stream, ResponsesClientOptions client)
        {
            stream &= options.Stream != false;
            if (options.Model is null)
            {
                throw new InvalidOperationException(
                    "No model is set: set ResponsesClientOptions.Model or ChatRequestOptions.Model (an empty string sends no model member).");
            }

            if (options.Seed is not null)
            {
                throw new InvalidOperationException("The Responses API has no seed: leave ChatRequestOptions.Seed unset (or send it through AdditionalProperties to a server that takes one).");
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (options.Model.Length > 0) writer.WriteString("model", options.Model);
                WriteInput(writer, messages, SystemRole(client, options.Model));
                if (client.Instructions is not null) writer.WriteString("instructions", client.Instructions);
                if ((options.MaxTokens ?? options.MaxCompletionTokens) is int max) writer.WriteNumber("max_output_tokens", max);
                if (options.Temperature is double temperature) writer.WriteNumber("temperature", temperature);
                if (options.TopP is double topP) writer.WriteNumber("top_p", topP);
                if (options.ReasoningEffort is not null || client.ReasoningSummary is not null)
                {
                    writer.WriteStartObject("reasoning");
                    if (options.ReasoningEffort is not null) writer.WriteString("effort", options.ReasoningEffort);
                    if (client.ReasoningSummary is not null) writer.WriteString("summary", client.ReasoningSummary);
                    writer.WriteEndObject();
                }

                WriteTextFormat(writer, options.ResponseFormat, client.ExplicitSchemaSettings);
                WriteToolChoice(writer, options.ToolChoice);
                WriteTools(writer, options.Tools);
                if (options.ParallelToolCalls is bool parallel) writer.WriteBoolean("parallel_tool_calls", parallel);
                if (client.Store is bool store) writer.WriteBoolean("store", store);
                if (client.Include.Count > 0)
                {
                    writer.WriteStartArray("include");
                    foreach (var item in client.Include) writer.WriteStringValue(item);
                    writer.WriteEndArray();
                }

                if (client.PreviousResponseId is not null) writer.WriteString("previous_response_id", client.PreviousResponseId);
                if (stream) writer.WriteBoolean("stream", true);
                RawMembers.Write(writer, options, name => IsWritten(name, options, client, stream));
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>The role of <c>system</c> messages: the option, else <c>developer</c> for reasoning models.</summary>
        internal static string SystemRole(ResponsesClientOptions client, string model)
        {
            if (client.SystemRole is { Length: > 0 } role) return role;
            var name = model.Substring(model.LastIndexOf('/') + 1);
            bool reasoning = (name.Length >= 2 && name[0] == 'o' && char.IsDigit(name[1])) ||
                name.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("gpt-oss", StringComparison.OrdinalIgnoreCase) ||
                name.IndexOf("codex", StringComparison.OrdinalIgnoreCase) >= 0 ||
                name.StartsWith("computer-use", StringComparison.OrdinalIgnoreCase);
            return reasoning ? "developer" : "system";
        }

        private static void WriteInput(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages, string systemRole)
        {
            writer.WriteStartArray("input");
            foreach (var message in messages)
            {
                if (message.RawJson is not null)
                {
                    writer.WriteRawValue(message.RawJson, skipInputValidation: true);
                    continue;
                }

                switch (message.Role.Value)
                {
                    case "user":
                        writer.WriteStartObject();
                        writer.WriteString("role", "user");
                        writer.WriteStartArray("content");
                        foreach (var part in message.Parts)
                        {
                            if (part is not TextPart text) continue;
                            writer.WriteStartObject();
                            writer.WriteString("type", "input_text");
                            writer.WriteString("text", text.Text);
                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                        writer.WriteEndObject();
                        break;
                    case "assistant":
                        // Input items in the order the turn produced them: reasoning, message, calls.
                        foreach (var part in message.Parts)
                        {
                            switch (part)
                            {
                                case ReasoningContent reasoning:
                                    WriteReasoning(writer, reasoning);
                                    break;
                                case TextPart { Text.Length: > 0 } text:
                                    WriteEasyMessage(writer, "assistant", text.Text);
                                    break;
                                case ToolCall call:
                                    writer.WriteStartObject();
                                    writer.WriteString("type", "function_call");
                                    writer.WriteString("call_id", call.Id);
                                    writer.WriteString("name", call.Name);
                                    writer.WriteString("arguments", call.Arguments);
                                    writer.WriteEndObject();
                                    break;
                            }
                        }

                        break;
                    case "tool":
                        foreach (var result in message.ToolResults)
                        {
                            writer.WriteStartObject();
                            writer.WriteString("type", "function_call_output");
                            writer.WriteString("call_id", result.CallId);
                            writer.WriteString("output", result.Content);
                            writer.WriteEndObject();
                        }

                        break;
                    case "system":
                        WriteEasyMessage(writer, systemRole, message.Text ?? string.Empty);
                        break;
                    default:
                        WriteEasyMessage(writer, message.Role.Value, message.Text ?? string.Empty);
                        break;
                }
            }

            writer.WriteEndArray();
        }

        private static void WriteEasyMessage(Utf8JsonWriter writer, string role, string content)
        {
            writer.WriteStartObject();
            writer.WriteString("role", role);
            writer.WriteString("content", content);
            writer.WriteEndObject();
        }

        // Reasoning items of this protocol go back only when they carry encrypted_content: with store false a bare
        // id cannot be resolved by the server (rejected), and with store true previous_response_id carries them.
        private static void WriteReasoning(Utf8JsonWriter writer, ReasoningContent block)
        {
            if (block.Protocol != WireProtocols.Responses || block.PayloadJson is null) return;
            using var item = JsonDocument.Parse(block.PayloadJson);
            var root = item.RootElement;
            if (!ResponsesItems.HasEncryptedContent(root)) return;
            writer.WriteStartObject();
            writer.WriteString("type", "reasoning");
            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) writer.WriteString("id", id.GetString());
            writer.WritePropertyName("summary");
            if (root.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Array) summary.WriteTo(writer);
            else writer.WriteRawValue("[]", skipInputValidation: true);
            writer.WriteString("encrypted_content", root.GetProperty("encrypted_content").GetString());
            writer.WriteEndObject();
        }

        private static void WriteTextFormat(Utf8JsonWriter writer, ResponseFormat? format, bool explicitSettings)
        {
            if (format is null) return;
            writer.WriteStartObject("text");
            writer.WriteStartObject("format");
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
                    writer.WriteString("name", format.Name);
                    if (explicitSettings || !format.Strict) writer.WriteBoolean("strict", format.Strict);
                    if (explicitSettings && format.Description is not null) writer.WriteString("description", format.Description);
                    writer.WritePropertyName("schema");
                    writer.WriteRawValue(format.Strict ? format.JsonSchema! : format.NaturalJsonSchema!, skipInputValidation: true);
                    break;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static void WriteToolChoice(Utf8JsonWriter writer, ToolChoice? choice)
        {
            if (choice is null) return;
            if (choice.Kind == ToolChoiceKind.Tool)
            {
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteString("name", choice.ToolName);
                writer.WriteEndObject();
                return;
            }

            writer.WriteString("tool_choice", choice.Kind == ToolChoiceKind.Auto ? "auto" : choice.Kind == ToolChoiceKind.None ? "none" : "required");
        }

        private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition>? tools)
        {
            if (tools is null) return;
            writer.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WriteString("name", tool.Name);
                if (tool.Description is not null) writer.WriteString("description", tool.Description);
                writer.WritePropertyName("parameters");
                writer.WriteRawValue(tool.ParametersJsonSchema, skipInputValidation: true);
                writer.WriteBoolean("strict", tool.Strict);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // Whether this request already has the member: an additional property may not repeat one.
        private static bool IsWritten(string name, ChatRequestOptions options, ResponsesClientOptions client, bool stream) => name switch
        {
            "input" => true,
            "model" => options.Model is { Length: > 0 },
            "instructions" => client.Instructions is not null,
            "max_output_tokens" => (options.MaxTokens ?? options.MaxCompletionTokens) is not null,
            "temperature" => options.Temperature is not null,
            "top_p" => options.TopP is not null,
            "reasoning" => options.ReasoningEffort is not null || client.ReasoningSummary is not null,
            "text" => options.ResponseFormat is not null,
            "tool_choice" => options.ToolChoice is not null,
            "tools" => options.Tools is not null,
            "parallel_tool_calls" => options.ParallelToolCalls is not null,
            "store" => client.Store is not null,
            "include" => client.Include.Count > 0,
            "previous_response_id" => client.PreviousResponseId is not null,
            "stream" => stream,
            _ => false,
        };
    }
}
