using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using StructGen.Chat.Transport;
using StructGen.Tools;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// Writes the Anthropic Messages request body with one <see cref="Utf8JsonWriter"/>: system and
    /// developer messages become the top-level <c>system</c> text blocks, consecutive tool results one
    /// user message of <c>tool_result</c> blocks, and every unset option is left out.
    /// </summary>
    internal static class MessagesRequestWriter
    {
        // Vertex AI and Bedrock take the model in the URL and the version as an anthropic_version member; Bedrock's URL
        // also says whether to stream (no stream member), and it takes the betas as an anthropic_beta array.
        public static byte[] Write(IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, bool stream, AnthropicClientOptions client, AnthropicPlatform platform)
        {
            stream &= options.Stream != false;
            bool streamMember = stream && platform != AnthropicPlatform.Bedrock;
            bool modelInUrl = platform != AnthropicPlatform.Messages;
            string? version = platform switch
            {
                AnthropicPlatform.VertexAI => client.VertexApiVersion,
                AnthropicPlatform.Bedrock => client.BedrockApiVersion,
                _ => null,
            };
            var betas = platform == AnthropicPlatform.Bedrock ? SplitBetas(client.Beta) : null;
            if (options.Seed is not null)
            {
                throw new InvalidOperationException("Anthropic Messages has no seed: leave ChatRequestOptions.Seed unset for AnthropicClient.");
            }

            int maxTokens = options.MaxTokens ?? options.MaxCompletionTokens ?? client.DefaultMaxTokens
                ?? throw new InvalidOperationException(
                    "Anthropic Messages requires max_tokens: set ChatRequestOptions.MaxTokens (or MaxCompletionTokens) or AnthropicClientOptions.DefaultMaxTokens.");
            if (options.Model is null)
            {
                throw new InvalidOperationException("No model is set: set AnthropicClientOptions.Model or ChatRequestOptions.Model (an empty string sends no model member, for gateways that take it from the URL).");
            }

            var tools = options.Tools is { Count: > 0 } list ? list : null;
            CheckThinking(options, tools);

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("max_tokens", maxTokens);
                MessagesWriter.WriteMessages(writer, messages);
                if (options.Model.Length > 0 && !modelInUrl) writer.WriteString("model", options.Model);
                MessagesWriter.WriteSystem(writer, messages);
                if (options.Temperature is double temperature) writer.WriteNumber("temperature", temperature);
                if (options.TopP is double topP) writer.WriteNumber("top_p", topP);
                if (tools is not null)
                {
                    WriteToolChoice(writer, options.ToolChoice, options.ParallelToolCalls);
                    WriteTools(writer, tools);
                }

                WriteOutputConfig(writer, options);
                if (streamMember) writer.WriteBoolean("stream", true);
                if (version is not null) writer.WriteString("anthropic_version", version);
                if (betas is not null)
                {
                    writer.WriteStartArray("anthropic_beta");
                    foreach (var name in betas) writer.WriteStringValue(name);
                    writer.WriteEndArray();
                }

                RawMembers.Write(writer, options, name => name == "anthropic_beta" ? betas is not null : IsWritten(name, options, messages, tools is not null, streamMember, modelInUrl));
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        // AnthropicClientOptions.Beta is comma-separated, as the anthropic-beta header takes it; Bedrock wants a JSON array.
        private static List<string>? SplitBetas(string? beta)
        {
            if (beta is null) return null;
            var names = new List<string>();
            foreach (var part in beta.Split(','))
            {
                var name = part.Trim();
                if (name.Length > 0) names.Add(name);
            }

            return names.Count > 0 ? names : null;
        }

        // Forced tool use with thinking on is a 400 ("Thinking may not be enabled when tool_choice forces tool use"): say so before sending.
        private static void CheckThinking(ChatRequestOptions options, IReadOnlyList<ToolDefinition>? tools)
        {
            if (tools is null || options.ToolChoice is not { Kind: ToolChoiceKind.Tool or ToolChoiceKind.Required }) return;
            if (options.AdditionalProperties is null || !options.AdditionalProperties.TryGetValue("thinking", out var thinking) || thinking is null) return;
            try
            {
                using var document = JsonDocument.Parse(thinking);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                    type.GetString() is "enabled" or "adaptive")
                {
                    throw new InvalidOperationException(
                        "Anthropic rejects a forced tool choice while thinking is on. For structured output with thinking, set ChatRequestOptions.StructuredOutputMode = ResponseFormat (native JSON output, on models that support it), or use ToolChoice.Auto.");
                }
            }
            catch (JsonException)
            {
                // Reported by RawMembers.Write with the member's name.
            }
        }

        private static bool HasOutputConfig(ChatRequestOptions options) =>
            options.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema } || options.ReasoningEffort is not null;

        private static void WriteOutputConfig(Utf8JsonWriter writer, ChatRequestOptions options)
        {
            if (!HasOutputConfig(options)) return;
            writer.WriteStartObject("output_config");
            if (options.ReasoningEffort is not null) writer.WriteString("effort", options.ReasoningEffort);
            if (options.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema } format)
            {
                // Anthropic's JSON outputs compile the schema into a grammar: its own dialect (closed objects,
                // nullable as anyOf, no numeric or array-size bounds), else a 400.
                writer.WriteStartObject("format");
                writer.WriteString("type", "json_schema");
                writer.WritePropertyName("schema");
                writer.WriteRawValue(format.GetJsonSchema(SchemaDialect.Anthropic)!, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        private static void WriteToolChoice(Utf8JsonWriter writer, ToolChoice? choice, bool? parallel)
        {
            if (choice is null && parallel != false) return;
            writer.WriteStartObject("tool_choice");
            switch (choice?.Kind ?? ToolChoiceKind.Auto)
            {
                case ToolChoiceKind.None:
                    writer.WriteString("type", "none");
                    writer.WriteEndObject();
                    return;
                case ToolChoiceKind.Tool:
                    writer.WriteString("type", "tool");
                    writer.WriteString("name", choice!.ToolName);
                    break;
                case ToolChoiceKind.Required:
                    writer.WriteString("type", "any");
                    break;
                default:
                    writer.WriteString("type", "auto");
                    break;
            }

            writer.WriteBoolean("disable_parallel_tool_use", parallel == false);
            writer.WriteEndObject();
        }

        private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition> tools)
        {
            writer.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                // A strict tool is compiled into a grammar: its schema is the Anthropic dialect (closed objects,
                // nullable as anyOf, no numeric or array-size bounds); a non-strict tool takes plain JSON Schema.
                writer.WritePropertyName("input_schema");
                writer.WriteRawValue(tool.GetParametersJsonSchema(SchemaDialect.Anthropic), skipInputValidation: true);
                writer.WriteString("name", tool.Name);
                if (tool.Description is not null) writer.WriteString("description", tool.Description);
                if (tool.Strict) writer.WriteBoolean("strict", true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // An additional property may add a member (top_k, stop_sequences, thinking, metadata…), never repeat one.
        private static bool IsWritten(string name, ChatRequestOptions options, IReadOnlyList<ModelMessage> messages, bool tools, bool stream, bool modelInUrl) => name switch
        {
            "max_tokens" or "messages" => true,
            "model" => options.Model is { Length: > 0 } && !modelInUrl,
            "anthropic_version" => modelInUrl,
            "system" => MessagesWriter.HasSystem(messages),
            "temperature" => options.Temperature is not null,
            "top_p" => options.TopP is not null,
            "tool_choice" => tools && (options.ToolChoice is not null || options.ParallelToolCalls == false),
            "tools" => tools,
            "output_config" => HasOutputConfig(options),
            "stream" => stream,
            _ => false,
        };
    }
}
