using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tools;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>
    /// A recorded Responses request rebuilt through the typed API: input items become neutral messages,
    /// known members typed options; any member the typed writer does not reproduce exactly goes through
    /// <see cref="ChatRequestOptions.AdditionalProperties"/> (so the recording's unusual members are still sent).
    /// </summary>
    internal sealed class ResponsesCorpusRequest
    {
        public required List<ModelMessage> Messages { get; init; }

        public required ChatRequestOptions Options { get; init; }

        public required ResponsesClientOptions Client { get; init; }

        public required bool Stream { get; init; }

        public static ResponsesCorpusRequest Rebuild(string body)
        {
            var root = JsonNode.Parse(body)!.AsObject();
            var client = new ResponsesClientOptions { Model = "", SystemRole = "system", Store = null, ApiKey = ResponsesTestClients.Key };
            var options = new ChatRequestOptions { Model = (string?)root["model"] ?? string.Empty };
            bool stream = root["stream"] is JsonValue s && s.GetValue<bool>();
            var typed = new HashSet<string>(StringComparer.Ordinal) { "input", "model", "stream" };
            foreach (var (name, value) in root)
            {
                if (value is null) continue;
                bool known = true;
                switch (name)
                {
                    case "input" or "model" or "stream": break;
                    case "instructions": client.Instructions = (string?)value; break;
                    case "max_output_tokens": options.MaxTokens = value.GetValue<int>(); break;
                    case "temperature": options.Temperature = value.GetValue<double>(); break;
                    case "top_p": options.TopP = value.GetValue<double>(); break;
                    case "parallel_tool_calls": options.ParallelToolCalls = value.GetValue<bool>(); break;
                    case "store": client.Store = value.GetValue<bool>(); break;
                    case "previous_response_id": client.PreviousResponseId = (string?)value; break;
                    case "include": foreach (var item in value.AsArray()) client.Include.Add((string)item!); break;
                    case "reasoning":
                        options.ReasoningEffort = (string?)value["effort"];
                        client.ReasoningSummary = (string?)value["summary"];
                        break;
                    case "tool_choice":
                        options.ToolChoice = value is JsonValue ? (string?)value switch { "auto" => ToolChoice.Auto, "none" => ToolChoice.None, _ => ToolChoice.Required } : ToolChoice.Tool((string)value["name"]!);
                        break;
                    case "tools":
                        options.Tools = value.AsArray().Select(t => new ToolDefinition((string)t!["name"]!, (string?)t["description"], t["parameters"]?.ToJsonString() ?? "{}", t["strict"] is JsonValue v && v.GetValue<bool>())).ToList();
                        break;
                    case "text":
                        var format = value["format"];
                        client.ExplicitSchemaSettings = format?["strict"] is JsonValue strictValue && strictValue.GetValue<bool>();
                        options.ResponseFormat = (string?)format?["type"] switch
                        {
                            "json_schema" => ResponseFormat.ForJsonSchema((string)format!["name"]!, format["schema"]!.ToJsonString(), (string?)format["description"], format["strict"] is not JsonValue st || st.GetValue<bool>()),
                            "json_object" => ResponseFormat.JsonObject,
                            _ => ResponseFormat.Text,
                        };
                        break;
                    default: known = false; break;
                }

                if (known) typed.Add(name);
                else (options.AdditionalProperties ??= new Dictionary<string, string>())[name] = value.ToJsonString();
            }

            var request = new ResponsesCorpusRequest { Messages = ReadInput(root["input"]!), Options = options, Client = client, Stream = stream };
            request.MoveUnreproducedMembers(root);
            return request;
        }

        // A typed member whose written form differs from the recording (a tools entry of a built-in tool, text.verbosity,
        // a reasoning object with more members…) is sent raw instead, with its typed option cleared.
        private void MoveUnreproducedMembers(JsonObject recorded)
        {
            var written = JsonNode.Parse(ResponsesRequestWriter.Write(Messages, Options, Stream, Client))!.AsObject();
            foreach (var (name, value) in recorded)
            {
                if (name is "input" or "model" or "stream" || JsonNode.DeepEquals(value, written[name])) continue;
                if (Options.AdditionalProperties?.ContainsKey(name) == true) continue;
                switch (name)
                {
                    case "reasoning": Options.ReasoningEffort = null; Client.ReasoningSummary = null; break;
                    case "text": Options.ResponseFormat = null; break;
                    case "tools": Options.Tools = null; break;
                    case "tool_choice": Options.ToolChoice = null; break;
                    default: continue; // Scalars the typed options write exactly.
                }

                (Options.AdditionalProperties ??= new Dictionary<string, string>())[name] = value?.ToJsonString() ?? "null";
            }
        }

        /// <summary>
        /// The recorded body without the <c>id</c> of <c>function_call</c> input items: an optional echo of the output
        /// item's id that this client does not write (the call goes back by <c>call_id</c>; see docs/protocols/responses.md),
        /// so a recorder that sent it is not held against the client. Everything else is compared as recorded.
        /// </summary>
        public static string WithoutEchoedCallItemIds(string body)
        {
            if (!body.Contains("\"function_call\"", StringComparison.Ordinal)) return body;
            var root = JsonNode.Parse(body);
            if (root?["input"] is not JsonArray input) return body;
            bool changed = false;
            foreach (var item in input)
            {
                if (item is JsonObject call && (string?)call["type"] == "function_call" && call.Remove("id")) changed = true;
            }

            return changed ? root.ToJsonString() : body;
        }

        private static List<ModelMessage> ReadInput(JsonNode input)
        {
            var messages = new List<ModelMessage>();
            if (input is JsonValue) return new List<ModelMessage> { ModelMessage.User((string)input!) };
            var reasoning = new List<ReasoningContent>();
            var calls = new List<ToolCall>();
            string? assistantText = null;

            void FlushAssistant()
            {
                if (assistantText is null && calls.Count == 0)
                {
                    if (reasoning.Count > 0) throw new NotSupportedException("A reasoning item with no assistant text or call after it.");
                    return;
                }

                messages.Add(ModelMessage.Assistant(assistantText, calls.ToList(), reasoning.ToList()));
                reasoning.Clear();
                calls.Clear();
                assistantText = null;
            }

            foreach (var item in input.AsArray())
            {
                var type = (string?)item!["type"];
                var role = (string?)item["role"];
                switch (type ?? "message")
                {
                    case "reasoning":
                        if (assistantText is not null || calls.Count > 0) FlushAssistant();
                        reasoning.Add(new ReasoningContent(WireProtocols.Responses, string.Empty, payloadJson: item.ToJsonString(), mustSendBack: true));
                        break;
                    case "function_call":
                        calls.Add(new ToolCall((string)item["call_id"]!, (string)item["name"]!, (string)item["arguments"]!));
                        break;
                    case "function_call_output":
                        FlushAssistant();
                        messages.Add(ModelMessage.Tool((string)item["call_id"]!, item["output"] is JsonValue o ? (string)o! : item["output"]!.ToJsonString()));
                        break;
                    case "message" when role == "assistant" && item["content"] is JsonValue && type is null:
                        if (assistantText is not null || calls.Count > 0) FlushAssistant();
                        assistantText = (string)item["content"]!;
                        break;
                    default:
                        FlushAssistant();
                        messages.Add(Message(item, role));
                        break;
                }
            }

            FlushAssistant();
            return messages;
        }

        private static ModelMessage Message(JsonNode item, string? role)
        {
            var content = item["content"];
            bool easy = item["type"] is null && item.AsObject().Count == 2;
            if (easy && content is JsonValue && role is "system") return ModelMessage.System((string)content!);
            if (easy && content is JsonValue && role is "developer") return ModelMessage.Developer((string)content!);
            if (easy && role is "user" && content is JsonArray { Count: 1 } parts && parts[0]!.AsObject().Count == 2 && (string?)parts[0]!["type"] == "input_text")
            {
                return ModelMessage.User((string)parts[0]!["text"]!);
            }

            return ModelMessage.FromJson(item.ToJsonString()); // Images, files, other roles: sent verbatim.
        }
    }
}
