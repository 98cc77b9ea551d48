using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// A recorded chat-completions request turned back into this client's typed API: the messages
    /// through the typed factories where their shape allows (raw <see cref="ModelMessage.FromJson"/>
    /// otherwise), the members with a <see cref="ChatRequestOptions"/> property through it, the rest
    /// as <see cref="ChatRequestOptions.AdditionalProperties"/>. Replaying it proves the client writes
    /// the recorded body.
    /// </summary>
    internal sealed class RecordedRequest
    {
        private RecordedRequest(Uri endpoint, IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, bool stream, int typedMessages)
        {
            Endpoint = endpoint;
            Messages = messages;
            Options = options;
            Stream = stream;
            TypedMessages = typedMessages;
        }

        public Uri Endpoint { get; }

        public IReadOnlyList<ModelMessage> Messages { get; }

        public ChatRequestOptions Options { get; }

        /// <summary>Whether the request asked for a stream (<c>"stream": true</c>).</summary>
        public bool Stream { get; }

        /// <summary>How many messages went through the typed factories (the rest are raw JSON).</summary>
        public int TypedMessages { get; }

        /// <summary>The <c>response_format</c> type (<c>json_schema</c>, <c>json_object</c>) when one was sent.</summary>
        public string? ResponseFormatType { get; private set; }

        /// <summary>The recorded <c>tools</c> array, sent as is (raw JSON through AdditionalProperties).</summary>
        public string? ToolsJson => Options.AdditionalProperties is { } raw && raw.TryGetValue("tools", out var tools) ? tools : null;

        // Recorded payloads go back byte for byte through the raw-JSON escape hatch.
        private static void Raw(ChatRequestOptions options, string name, JsonElement value) =>
            (options.AdditionalProperties ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value.GetRawText();

        public static RecordedRequest From(CassetteRequest request)
        {
            var url = new Uri(request.Url);
            var path = url.AbsolutePath;
            var endpoint = new UriBuilder(url) { Path = path.Substring(0, path.Length - "chat/completions".Length) }.Uri;

            using var document = JsonDocument.Parse(request.Body);
            var root = document.RootElement;
            var options = new ChatRequestOptions();
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            var messages = new List<ModelMessage>();
            int typed = 0;
            bool stream = false;
            string? responseFormatType = null;
            foreach (var member in root.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "messages":
                        foreach (var message in value.EnumerateArray())
                        {
                            var typedMessage = Typed(message);
                            if (typedMessage is not null) typed++;
                            messages.Add(typedMessage ?? ModelMessage.FromJson(message.GetRawText()));
                        }

                        break;
                    case "model" when value.ValueKind == JsonValueKind.String:
                        options.Model = value.GetString();
                        break;
                    case "max_completion_tokens" when value.TryGetInt32(out var maxCompletion):
                        options.MaxCompletionTokens = maxCompletion;
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
                    case "seed" when value.TryGetInt64(out var seed):
                        options.Seed = seed;
                        break;
                    case "reasoning_effort" when value.ValueKind == JsonValueKind.String:
                        options.ReasoningEffort = value.GetString();
                        break;
                    case "stream_options" when IsIncludeUsageOnly(value):
                        options.IncludeUsage = true;
                        break;
                    case "response_format":
                        Raw(options, member.Name, value);
                        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                        {
                            responseFormatType = type.GetString();
                        }

                        break;
                    case "tools":
                        Raw(options, member.Name, value);
                        break;
                    case "tool_choice":
                        Raw(options, member.Name, value);
                        break;
                    case "parallel_tool_calls" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        options.ParallelToolCalls = value.GetBoolean();
                        break;
                    case "stream" when value.ValueKind == JsonValueKind.True:
                        stream = true;
                        break;
                    default:
                        extra[member.Name] = value.GetRawText();
                        break;
                }
            }

            // Merged, not assigned: tools, tool_choice and response_format already went through Raw.
            foreach (var (name, raw) in extra) (options.AdditionalProperties ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = raw;
            options.Model ??= string.Empty; // no model member: the endpoint picks it (Azure deployment URLs)
            if (!stream)
            {
                options.IncludeUsage = null;
                options.Stream = false;
            }

            return new RecordedRequest(endpoint, messages, options, stream, typed) { ResponseFormatType = responseFormatType };
        }

        /// <summary>The tool calls of the last assistant message (what the previous answer's calls became).</summary>
        public IReadOnlyList<ToolCall> LastAssistantToolCalls() =>
            Messages.LastOrDefault(m => m.Role == MessageRole.Assistant && m.ToolCalls.Count > 0)?.ToolCalls ?? Array.Empty<ToolCall>();

        private static bool IsIncludeUsageOnly(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object &&
            value.EnumerateObject().Count() == 1 &&
            value.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;

        // The typed factory that writes exactly this message, or null when only the raw JSON does.
        private static ModelMessage? Typed(JsonElement message)
        {
            if (message.ValueKind != JsonValueKind.Object) return null;
            string? role = null, content = null, toolCallId = null, reasoningDetails = null, reasoningContent = null, reasoning = null;
            List<ToolCall>? calls = null;
            foreach (var member in message.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "role" when member.Value.ValueKind == JsonValueKind.String:
                        role = member.Value.GetString();
                        break;
                    case "content" when member.Value.ValueKind == JsonValueKind.String:
                        content = member.Value.GetString();
                        break;
                    case "tool_call_id" when member.Value.ValueKind == JsonValueKind.String:
                        toolCallId = member.Value.GetString();
                        break;
                    case "reasoning_details" when member.Value.ValueKind == JsonValueKind.Array:
                        reasoningDetails = member.Value.GetRawText();
                        break;
                    case "reasoning_content" when member.Value.ValueKind == JsonValueKind.String:
                        reasoningContent = member.Value.GetString();
                        break;
                    case "reasoning" when member.Value.ValueKind == JsonValueKind.String:
                        reasoning = member.Value.GetString();
                        break;
                    case "tool_calls" when member.Value.ValueKind == JsonValueKind.Array:
                        calls = TypedCalls(member.Value);
                        if (calls is null) return null;
                        break;
                    default:
                        return null;
                }
            }

            switch (role)
            {
                case not "assistant" when reasoningDetails is not null || reasoningContent is not null || reasoning is not null:
                    return null;
                case "assistant" when reasoningContent is not null && reasoning is not null && reasoningContent != reasoning:
                    return null; // two different texts: only the raw JSON writes that
                case "system" when content is not null && toolCallId is null && calls is null:
                    return ModelMessage.System(content);
                case "developer" when content is not null && toolCallId is null && calls is null:
                    return ModelMessage.Developer(content);
                case "user" when content is not null && toolCallId is null && calls is null:
                    return ModelMessage.User(content);
                case "assistant" when toolCallId is null && (content is not null || calls is { Count: > 0 }):
                    return ModelMessage.Assistant(content, calls, Reasoning(reasoningDetails, reasoningContent, reasoning));
                case "tool" when content is not null && toolCallId is { Length: > 0 } && calls is null:
                    return ModelMessage.Tool(toolCallId, content);
                default:
                    return null;
            }
        }

        // The reasoning blocks the agent loop would put on the message: reasoning_details, and the text in the field(s) it was sent in.
        private static ReasoningContent[]? Reasoning(string? details, string? reasoningContent, string? reasoning)
        {
            var blocks = new List<ReasoningContent>();
            if (reasoningContent is not null || reasoning is not null)
            {
                blocks.Add(ReasoningText.Block((reasoningContent ?? reasoning)!, reasoningContent is not null, reasoning is not null));
            }

            if (details is not null) blocks.Add(new ReasoningContent(WireProtocols.ChatCompletions, string.Empty, payloadJson: details));
            return blocks.Count == 0 ? null : blocks.ToArray();
        }

        private static List<ToolCall>? TypedCalls(JsonElement array)
        {
            var calls = new List<ToolCall>();
            foreach (var call in array.EnumerateArray())
            {
                if (call.ValueKind != JsonValueKind.Object) return null;
                string? id = null, name = null, arguments = null;
                bool typed = false;
                foreach (var member in call.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "id" when member.Value.ValueKind == JsonValueKind.String:
                            id = member.Value.GetString();
                            break;
                        case "type" when member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() == "function":
                            typed = true;
                            break;
                        case "function" when member.Value.ValueKind == JsonValueKind.Object:
                            foreach (var f in member.Value.EnumerateObject())
                            {
                                if (f.Name == "name" && f.Value.ValueKind == JsonValueKind.String) name = f.Value.GetString();
                                else if (f.Name == "arguments" && f.Value.ValueKind == JsonValueKind.String) arguments = f.Value.GetString();
                                else return null;
                            }

                            break;
                        default:
                            return null;
                    }
                }

                if (id is null || name is null || arguments is null || !typed) return null;
                calls.Add(new ToolCall(id, name, arguments));
            }

            return calls;
        }
    }
}
