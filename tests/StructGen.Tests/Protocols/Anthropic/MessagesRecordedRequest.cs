using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tools;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// A recorded Messages request rebuilt through the typed API: messages through the typed
    /// factories when their blocks have the shape the client writes (raw <see cref="ModelMessage.FromJson"/>
    /// otherwise), system/tools/tool_choice/output_config through typed options when they have that
    /// shape, every other member as <see cref="ChatRequestOptions.AdditionalProperties"/>.
    /// </summary>
    internal sealed class MessagesRecordedRequest
    {
        public Uri Endpoint { get; private set; } = null!;

        public List<ModelMessage> Messages { get; } = new();

        public ChatRequestOptions Options { get; } = new() { AdditionalProperties = new Dictionary<string, string>(StringComparer.Ordinal) };

        public bool Stream { get; private set; }

        /// <summary>The recorded <c>anthropic_version</c> body member of a Vertex AI request (null for the Messages API).</summary>
        public string? VertexApiVersion { get; private set; }

        /// <summary>The recorded <c>anthropic_version</c> body member of an Amazon Bedrock request (null elsewhere).</summary>
        public string? BedrockApiVersion { get; private set; }

        /// <summary>The recorded <c>anthropic_beta</c> array of an Amazon Bedrock request, comma-joined (null when absent).</summary>
        public string? BedrockBeta { get; private set; }

        /// <summary>Client settings that send this request where it was recorded (the key is a stand-in).</summary>
        public AnthropicClientOptions ClientOptions() => new()
        {
            Endpoint = Endpoint,
            ApiKey = "sk-ant-corpus",
            Defaults = new ChatRequestOptions(),
            MaxRetries = 0,
            DefaultMaxTokens = null,
            VertexApiVersion = VertexApiVersion ?? AnthropicClientOptions.DefaultVertexApiVersion,
            BedrockApiVersion = BedrockApiVersion ?? AnthropicClientOptions.DefaultBedrockApiVersion,
            Beta = BedrockBeta,
        };

        public static MessagesRecordedRequest From(CassetteRequest request)
        {
            var url = new Uri(request.Url);
            var result = new MessagesRecordedRequest();
            bool vertex = CassetteCorpus.CorpusCassettes.IsVertexMessagesUrl(url);
            bool bedrock = false;
            if (vertex)
            {
                // …/publishers/anthropic/models/{model}:streamRawPredict: the endpoint ends at the publisher, the model is in the URL.
                int models = url.AbsolutePath.IndexOf("models/", url.AbsolutePath.IndexOf("/publishers/anthropic/", StringComparison.Ordinal), StringComparison.Ordinal);
                int colon = url.AbsolutePath.LastIndexOf(':');
                result.Endpoint = new UriBuilder(url) { Path = url.AbsolutePath.Substring(0, models), Query = string.Empty }.Uri;
                result.Options.Model = Uri.UnescapeDataString(url.AbsolutePath.Substring(models + "models/".Length, colon - models - "models/".Length));
            }
            else if (CassetteCorpus.CorpusCassettes.BedrockModel(url) is { } bedrockModel)
            {
                // bedrock-runtime.{region}.amazonaws.com/model/{escaped model}/invoke[-with-response-stream]: the URL says whether
                // to stream (the body has no stream member) and holds the model.
                result.Endpoint = new UriBuilder(url) { Path = "/", Query = string.Empty }.Uri;
                result.Options.Model = bedrockModel;
                result.Stream = url.AbsolutePath.EndsWith("/invoke-with-response-stream", StringComparison.Ordinal);
                bedrock = true;
            }
            else
            {
                result.Endpoint = new UriBuilder(url) { Path = url.AbsolutePath.Substring(0, url.AbsolutePath.Length - "messages".Length) }.Uri;
            }

            using var document = JsonDocument.Parse(request.Body);
            var root = document.RootElement;
            var options = result.Options;
            var extra = options.AdditionalProperties!;
            var system = root.TryGetProperty("system", out var s) ? TypedSystem(s) : null;
            var tools = root.TryGetProperty("tools", out var t) ? TypedTools(t) : null;
            foreach (var member in root.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "messages":
                        if (system is not null) result.Messages.AddRange(system);
                        foreach (var message in value.EnumerateArray()) result.Messages.AddRange(Typed(message) ?? new[] { ModelMessage.FromJson(message.GetRawText()) });
                        break;
                    case "system" when system is not null:
                        break;
                    case "anthropic_version" when vertex && value.ValueKind == JsonValueKind.String:
                        result.VertexApiVersion = value.GetString();
                        break;
                    case "anthropic_version" when bedrock && value.ValueKind == JsonValueKind.String:
                        result.BedrockApiVersion = value.GetString();
                        break;
                    case "anthropic_beta" when bedrock && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
                                                && value.EnumerateArray().All(b => b.ValueKind == JsonValueKind.String && !b.GetString()!.Contains(',')):
                        result.BedrockBeta = string.Join(",", value.EnumerateArray().Select(b => b.GetString()));
                        break;
                    case "model" when value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0:
                        options.Model = value.GetString();
                        break;
                    case "max_tokens" when value.TryGetInt32(out var maxTokens):
                        options.MaxTokens = maxTokens;
                        break;
                    case "temperature" when value.ValueKind == JsonValueKind.Number:
                        options.Temperature = value.GetDouble();
                        break;
                    case "top_p" when value.ValueKind == JsonValueKind.Number:
                        options.TopP = value.GetDouble();
                        break;
                    case "stream" when value.ValueKind == JsonValueKind.True:
                        result.Stream = true;
                        break;
                    case "tools" when tools is not null:
                        options.Tools = tools;
                        break;
                    case "tool_choice" when tools is not null && TypedChoice(value, options):
                        break;
                    case "output_config" when TypedOutputConfig(value, options):
                        break;
                    default:
                        extra[member.Name] = value.GetRawText();
                        break;
                }
            }

            options.Stream = result.Stream;
            return result;
        }

        private static bool Keys(JsonElement obj, params string[] allowed) =>
            obj.ValueKind == JsonValueKind.Object && obj.EnumerateObject().All(p => allowed.Contains(p.Name));

        private static bool IsTextBlock(JsonElement block) => Keys(block, "text", "type") && Str(block, "type") == "text" && Str(block, "text") is { Length: > 0 };

        private static string? Str(JsonElement obj, string name) => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static List<ModelMessage>? TypedSystem(JsonElement system) =>
            system.ValueKind == JsonValueKind.Array && system.GetArrayLength() > 0 && system.EnumerateArray().All(IsTextBlock)
                ? system.EnumerateArray().Select(b => ModelMessage.System(Str(b, "text")!)).ToList()
                : null;

        private static IReadOnlyList<ModelMessage>? Typed(JsonElement message)
        {
            if (!Keys(message, "role", "content") || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0) return null;
            var blocks = content.EnumerateArray().ToList();
            switch (Str(message, "role"))
            {
                case "user" when blocks.Count == 1 && IsTextBlock(blocks[0]):
                    return new[] { ModelMessage.User(Str(blocks[0], "text")!) };
                case "user" when blocks.All(IsToolResult):
                    return blocks.Select(b => ModelMessage.Tool(Str(b, "tool_use_id")!, b.TryGetProperty("content", out var c) ? Str(c[0], "text")! : string.Empty, isError: b.TryGetProperty("is_error", out _))).ToList();
                case "assistant":
                    return TypedAssistant(blocks);
                default:
                    return null;
            }
        }

        // tool_result as the client writes it: one text block or no content, is_error only when true.
        private static bool IsToolResult(JsonElement block) =>
            Keys(block, "type", "tool_use_id", "content", "is_error") && Str(block, "type") == "tool_result" && Str(block, "tool_use_id") is { Length: > 0 } &&
            (!block.TryGetProperty("content", out var c) || (c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 1 && IsTextBlock(c[0]))) &&
            (!block.TryGetProperty("is_error", out var e) || e.ValueKind == JsonValueKind.True);

        // Thinking blocks, then at most one text block, then tool_use blocks with object inputs: the order the client writes.
        private static IReadOnlyList<ModelMessage>? TypedAssistant(List<JsonElement> blocks)
        {
            var reasoning = new List<ReasoningContent>();
            var calls = new List<ToolCall>();
            string? text = null;
            int stage = 0;
            foreach (var block in blocks)
            {
                switch (Str(block, "type"))
                {
                    case "thinking" when stage == 0 && Keys(block, "type", "thinking", "signature") && Str(block, "thinking") is { } thinking:
                        reasoning.Add(new ReasoningContent(WireProtocols.AnthropicMessages, thinking, Str(block, "signature"), null, true));
                        break;
                    case "redacted_thinking" when stage == 0:
                        reasoning.Add(new ReasoningContent(WireProtocols.AnthropicMessages, string.Empty, null, block.GetRawText(), true));
                        break;
                    case "text" when stage == 0 && IsTextBlock(block):
                        text = Str(block, "text");
                        stage = 1;
                        break;
                    case "tool_use" when Keys(block, "type", "id", "name", "input") && block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object:
                        calls.Add(new ToolCall(Str(block, "id")!, Str(block, "name")!, input.GetRawText()));
                        stage = 2;
                        break;
                    default:
                        return null;
                }
            }

            return text is null && calls.Count == 0 ? null : new[] { ModelMessage.Assistant(text, calls, reasoning) };
        }

        private static IReadOnlyList<ToolDefinition>? TypedTools(JsonElement tools)
        {
            if (tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0) return null;
            var list = new List<ToolDefinition>();
            foreach (var tool in tools.EnumerateArray())
            {
                if (!Keys(tool, "name", "description", "input_schema", "strict") || Str(tool, "name") is not { } name || !tool.TryGetProperty("input_schema", out var schema)) return null;
                bool strict = tool.TryGetProperty("strict", out var st) && st.ValueKind == JsonValueKind.True;
                if (tool.TryGetProperty("strict", out _) && !strict) return null;
                if (tool.TryGetProperty("description", out var d) && d.ValueKind != JsonValueKind.String) return null;
                list.Add(new ToolDefinition(name, Str(tool, "description"), schema.GetRawText(), strict));
            }

            return list;
        }

        private static bool TypedChoice(JsonElement choice, ChatRequestOptions options)
        {
            var type = Str(choice, "type");
            if (type == "none") return Keys(choice, "type") && (options.ToolChoice = ToolChoice.None) is not null;
            if (!Keys(choice, "type", "name", "disable_parallel_tool_use") || !choice.TryGetProperty("disable_parallel_tool_use", out var disable) || disable.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return false;
            ToolChoice? typed = type switch
            {
                "auto" => ToolChoice.Auto,
                "any" => ToolChoice.Required,
                "tool" when Str(choice, "name") is { Length: > 0 } name => ToolChoice.Tool(name),
                _ => null,
            };
            if (typed is null || (type != "tool" && choice.TryGetProperty("name", out _))) return false;
            options.ToolChoice = typed;
            if (disable.ValueKind == JsonValueKind.True) options.ParallelToolCalls = false;
            return true;
        }

        private static bool TypedOutputConfig(JsonElement config, ChatRequestOptions options)
        {
            if (!Keys(config, "format", "effort")) return false;
            bool hasEffort = config.TryGetProperty("effort", out var effort);
            bool hasFormat = config.TryGetProperty("format", out var format);
            if (hasEffort && effort.ValueKind != JsonValueKind.String) return false;
            JsonElement schema = default;
            if (hasFormat && (!Keys(format, "type", "schema") || Str(format, "type") != "json_schema" || !format.TryGetProperty("schema", out schema))) return false;
            if (hasEffort) options.ReasoningEffort = effort.GetString();
            if (hasFormat) options.ResponseFormat = ResponseFormat.ForJsonSchema("recorded", schema.GetRawText());
            return true;
        }
    }
}
