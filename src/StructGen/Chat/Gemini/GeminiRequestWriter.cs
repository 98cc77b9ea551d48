using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using StructGen.Chat.Transport;
using StructGen.Tools;

namespace StructGen.Chat
{
    /// <summary>Writes a <c>GenerateContentRequest</c> body (the model goes in the URL, streaming in the method name).</summary>
    internal static class GeminiRequestWriter
    {
        public static byte[] Write(IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, GeminiToolSchemaFormat schemaFormat, bool writeIds)
        {
            if (options.ReasoningEffort is not null)
            {
                throw new InvalidOperationException(
                    "Gemini has no reasoning_effort: set the thinking budget through ChatRequestOptions.AdditionalProperties[\"generationConfig\"] = {\"thinkingConfig\":{…}} instead.");
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                bool hasSystem = WriteSystemInstruction(writer, messages);
                WriteContents(writer, messages, writeIds);
                WriteTools(writer, options.Tools, schemaFormat);
                WriteToolConfig(writer, options);
                using var extraConfig = ExtraGenerationConfig(options);
                WriteGenerationConfig(writer, options, extraConfig?.RootElement);
                WriteAdditional(writer, options, hasSystem);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static bool WriteSystemInstruction(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages)
        {
            bool open = false;
            foreach (var message in messages)
            {
                if (!IsSystem(message)) continue;
                if (!open)
                {
                    writer.WriteStartObject("systemInstruction");
                    writer.WriteStartArray("parts");
                    open = true;
                }

                writer.WriteStartObject();
                writer.WriteString("text", message.Text ?? string.Empty);
                writer.WriteEndObject();
            }

            if (!open) return false;
            writer.WriteEndArray();
            writer.WriteString("role", "user");
            writer.WriteEndObject();
            return true;
        }

        private static void WriteContents(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages, bool writeIds)
        {
            writer.WriteStartArray("contents");
            for (int i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                switch (message.Role.Value)
                {
                    case "system":
                    case "developer":
                        break;
                    case "assistant":
                        WriteModelContent(writer, message, writeIds);
                        break;
                    case "tool":
                        // Consecutive tool results answer one model turn: one user content, one part each, in order.
                        writer.WriteStartObject();
                        writer.WriteStartArray("parts");
                        for (; i < messages.Count && messages[i].Role == MessageRole.Tool; i++)
                        {
                            foreach (var result in messages[i].ToolResults) WriteFunctionResponse(writer, messages, i, result, writeIds);
                        }

                        i--;
                        writer.WriteEndArray();
                        writer.WriteString("role", "user");
                        writer.WriteEndObject();
                        break;
                    default:
                        writer.WriteStartObject();
                        writer.WriteStartArray("parts");
                        WriteTextParts(writer, message);
                        writer.WriteEndArray();
                        writer.WriteString("role", "user");
                        writer.WriteEndObject();
                        break;
                }
            }

            writer.WriteEndArray();
        }

        private static void WriteModelContent(Utf8JsonWriter writer, ModelMessage message, bool writeIds)
        {
            // A signature that came on a text part goes back on the text part; a call's signature on its own part.
            string? textSignature = null;
            foreach (var block in message.Reasoning)
            {
                if (block.Protocol == WireProtocols.Gemini && block.Signature is { Length: > 0 }) textSignature = block.Signature;
            }

            writer.WriteStartObject();
            writer.WriteStartArray("parts");
            if (message.Text is { Length: > 0 } || textSignature is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("text", message.Text ?? string.Empty);
                if (textSignature is not null) writer.WriteString("thoughtSignature", textSignature);
                writer.WriteEndObject();
            }

            foreach (var call in message.ToolCalls)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("functionCall");
                writer.WriteString("name", call.Name);
                writer.WritePropertyName("args");
                WriteArguments(writer, call);
                if (writeIds) writer.WriteString("id", call.Id);
                writer.WriteEndObject();
                if (call.Signature is { Length: > 0 }) writer.WriteString("thoughtSignature", call.Signature);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("role", "model");
            writer.WriteEndObject();
        }

        private static void WriteArguments(Utf8JsonWriter writer, ToolCall call)
        {
            var text = string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }
            }
            catch (JsonException)
            {
            }

            throw new InvalidOperationException("The arguments of tool call '" + call.Id + "' (" + call.Name + ") are not a JSON object; Gemini takes function-call arguments as an object.");
        }

        private static void WriteTextParts(Utf8JsonWriter writer, ModelMessage message)
        {
            bool wrote = false;
            foreach (var part in message.Parts)
            {
                if (part is not TextPart text) continue;
                writer.WriteStartObject();
                writer.WriteString("text", text.Text);
                writer.WriteEndObject();
                wrote = true;
            }

            if (wrote) return;
            writer.WriteStartObject();
            writer.WriteString("text", string.Empty);
            writer.WriteEndObject();
        }

        private static void WriteFunctionResponse(Utf8JsonWriter writer, IReadOnlyList<ModelMessage> messages, int index, ToolResult result, bool writeIds)
        {
            var name = result.ToolName ?? NameOfCall(messages, index, result.CallId)
                ?? throw new InvalidOperationException(
                    "Tool result '" + result.CallId + "' answers no call of an earlier assistant message and has no tool name: Gemini needs the function name (ModelMessage.Tool(id, content, toolName)).");
            writer.WriteStartObject();
            writer.WriteStartObject("functionResponse");
            writer.WriteString("name", name);
            if (writeIds) writer.WriteString("id", result.CallId);

            // Gemini's documented keys: "error" for a failure, anything else for output.
            writer.WriteStartObject("response");
            writer.WriteString(result.IsError ? "error" : "result", result.Content);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static string? NameOfCall(IReadOnlyList<ModelMessage> messages, int before, string id)
        {
            for (int i = before - 1; i >= 0; i--)
            {
                foreach (var call in messages[i].ToolCalls)
                {
                    if (call.Id == id) return call.Name;
                }
            }

            return null;
        }

        private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition>? tools, GeminiToolSchemaFormat format)
        {
            if (tools is null || tools.Count == 0) return;
            writer.WriteStartArray("tools");
            writer.WriteStartObject();
            writer.WriteStartArray("functionDeclarations");
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                if (tool.Description is not null) writer.WriteString("description", tool.Description);
                // The Gemini dialect (natural shape, nullable as anyOf, no pattern or exclusive bounds) in either form.
                string schema = tool.GetParametersJsonSchema(SchemaDialect.Gemini);
                if (format == GeminiToolSchemaFormat.ParametersJsonSchema)
                {
                    writer.WritePropertyName("parametersJsonSchema");
                    writer.WriteRawValue(schema, skipInputValidation: false);
                }
                else
                {
                    writer.WritePropertyName("parameters");
                    GeminiSchemaConverter.WriteOpenApiSchema(writer, schema, tool.Name);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        private static void WriteToolConfig(Utf8JsonWriter writer, ChatRequestOptions options)
        {
            var choice = options.ToolChoice;
            if (choice is null) return; // Gemini's default is AUTO; the agent loop sets ToolChoice.Auto, which is written.
            writer.WriteStartObject("toolConfig");
            writer.WriteStartObject("functionCallingConfig");
            switch (choice.Kind)
            {
                case ToolChoiceKind.None:
                    writer.WriteString("mode", "NONE");
                    break;
                case ToolChoiceKind.Required:
                    writer.WriteString("mode", "ANY");
                    break;
                case ToolChoiceKind.Tool:
                    writer.WriteString("mode", "ANY");
                    writer.WriteStartArray("allowedFunctionNames");
                    writer.WriteStringValue(choice.ToolName);
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteString("mode", "AUTO");
                    break;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static JsonDocument? ExtraGenerationConfig(ChatRequestOptions options)
        {
            if (options.AdditionalProperties is not { } extra || !extra.TryGetValue("generationConfig", out var raw)) return null;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(raw ?? "null");
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException("ChatRequestOptions.AdditionalProperties['generationConfig'] is not valid JSON: " + ex.Message, ex);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidOperationException("ChatRequestOptions.AdditionalProperties['generationConfig'] must be a JSON object; its members are added to the generationConfig the typed options write.");
            }

            return document;
        }

        private static void WriteGenerationConfig(Utf8JsonWriter writer, ChatRequestOptions options, JsonElement? extra)
        {
            var written = new List<string>();
            int? maxTokens = options.MaxTokens ?? options.MaxCompletionTokens;
            var format = options.ResponseFormat;
            bool json = format is { Kind: ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema };
            if (maxTokens is null && options.Temperature is null && options.TopP is null && options.Seed is null && !json && extra is null) return;

            writer.WriteStartObject("generationConfig");
            if (maxTokens is int max) Add(written, "maxOutputTokens", () => writer.WriteNumber("maxOutputTokens", max));
            if (options.Temperature is double temperature) Add(written, "temperature", () => writer.WriteNumber("temperature", temperature));
            if (options.TopP is double topP) Add(written, "topP", () => writer.WriteNumber("topP", topP));
            if (options.Seed is long seed) Add(written, "seed", () => writer.WriteNumber("seed", seed));
            if (json) Add(written, "responseMimeType", () => writer.WriteString("responseMimeType", "application/json"));
            if (format is { Kind: ResponseFormatKind.JsonSchema })
            {
                Add(written, "responseJsonSchema", () =>
                {
                    writer.WritePropertyName("responseJsonSchema");
                    writer.WriteRawValue(format.GetJsonSchema(SchemaDialect.Gemini)!, skipInputValidation: false);
                });
            }

            if (extra is { } members)
            {
                foreach (var member in members.EnumerateObject())
                {
                    if (written.Contains(member.Name))
                    {
                        throw new InvalidOperationException(
                            "ChatRequestOptions.AdditionalProperties['generationConfig'] sets '" + member.Name + "', which the typed options already write: set it in one place only.");
                    }

                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        private static void Add(List<string> written, string name, Action write)
        {
            written.Add(name);
            write();
        }

        // generationConfig is merged into the typed one by WriteGenerationConfig.
        private static void WriteAdditional(Utf8JsonWriter writer, ChatRequestOptions options, bool hasSystem) =>
            RawMembers.Write(
                writer,
                options,
                name => name switch
                {
                    "contents" => true,
                    "systemInstruction" => hasSystem,
                    "tools" => options.Tools is { Count: > 0 },
                    "toolConfig" => options.ToolChoice is not null,
                    _ => false,
                },
                name => name == "generationConfig");

        private static bool IsSystem(ModelMessage message) => message.Role.IsInstructions;
    }
}
