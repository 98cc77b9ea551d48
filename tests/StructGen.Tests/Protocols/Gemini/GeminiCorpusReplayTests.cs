using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// Every Gemini cassette (a URL with <c>:streamGenerateContent</c> or <c>:generateContent</c>) in the test output's
    /// <c>cassettes/</c> and the folders in <c>STRUCTGEN_CASSETTES</c>: each recorded request is rebuilt through the
    /// typed API (the replay handler compares the body), and each answer must decode to what an independent reading
    /// of the recorded events gives. One client per cassette, so synthesized call ids number as when recorded.
    /// </summary>
    public class GeminiCorpusReplayTests
    {
        public static IEnumerable<object[]> Cassettes() =>
            CassetteCorpus.CorpusCassettes.Files(CassetteCorpus.CorpusCassettes.IsGeminiUrl, withProviderShapes: true).Select(f => new object[] { f });

        

        [Fact]
        public void The_repository_recordings_are_found_in_the_test_output()
        {
            var found = Cassettes().Select(c => Path.GetFileName((string)c[0])).ToList();
            foreach (var name in new[] { "complex_object.yaml", "complex_object_streaming.yaml", "simple_streaming.yaml", "tool_streaming.yaml" }) Assert.Contains(name, found);
        }

        [Theory]
        [MemberData(nameof(Cassettes))]
        public Task Replays_at_event_boundaries(string cassette) => ReplayAsync(cassette, ChunkingMode.EventBoundaries);

        [Theory]
        [MemberData(nameof(Cassettes))]
        public Task Replays_in_reads_of_seven_bytes(string cassette) => ReplayAsync(cassette, ChunkingMode.FixedSize(7));

        private static async Task ReplayAsync(string path, ChunkingMode chunking)
        {
            var cassette = CassetteLoader.Load(path);
            var first = Rebuild(cassette.Interactions[0].Request.Url, JsonNode.Parse(cassette.Interactions[0].Request.Body)!);
            var options = new GeminiClientOptions
            {
                Endpoint = first.Endpoint,
                ApiKey = "AIza-corpus-not-a-key",
                Defaults = new ChatRequestOptions(),
                MaxRetries = 0,
                ToolSchemaFormat = first.SchemaFormat,
                SendToolCallIds = cassette.Interactions.Any(i => i.Request.Body.Contains("\"functionCall\"", StringComparison.Ordinal)) ? cassette.Interactions.Any(i => HasIds(JsonNode.Parse(i.Request.Body)!)) : null,
            };
            using var client = new GeminiClient(options, new HttpClient(new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = chunking })));

            IReadOnlyList<ToolCall> previousCalls = Array.Empty<ToolCall>();
            IReadOnlyList<string?> previousWireIds = Array.Empty<string?>();
            for (int i = 0; i < cassette.Interactions.Count; i++)
            {
                var interaction = cassette.Interactions[i];
                var where = path + " interaction " + i;
                var request = Rebuild(interaction.Request.Url, JsonNode.Parse(interaction.Request.Body)!);
                AssertCallsWereSentBack(previousCalls, previousWireIds, request.Messages, where);
                previousCalls = Array.Empty<ToolCall>();
                if (interaction.Response.Code >= 400)
                {
                    var api = await Assert.ThrowsAsync<ChatApiException>(() => RunAsync(client, request));
                    Assert.Equal(interaction.Response.Code, (int)api.StatusCode);
                    continue;
                }

                var reference = Reference.Read(interaction.Response.Body, request.Stream);
                if (reference.Failure is { } expected)
                {
                    var failure = await Assert.ThrowsAsync<ChatStreamException>(() => RunAsync(client, request));
                    Assert.True(expected == failure.Failure, where + ": " + failure.Message);
                    continue;
                }

                var state = await RunAsync(client, request);
                Assert.True(reference.Content == state.Content, where + ": content");
                Assert.True(reference.Reasoning == state.Reasoning, where + ": reasoning");
                Assert.True(reference.Finish == state.FinishReason?.Value, where + ": finish " + state.FinishReason);
                Assert.Equal(reference.Calls.Select(c => c.Name), state.ToolCalls.Select(c => c.Name));
                foreach (var (expectedCall, call) in reference.Calls.Zip(state.ToolCalls))
                {
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedCall.Args), JsonNode.Parse(call.Arguments)), where + ": arguments of " + call.Name);
                    Assert.Equal(expectedCall.Signature, call.Signature);
                    if (expectedCall.Id is not null) Assert.Equal(expectedCall.Id, call.Id); // Vertex and newer models send ids
                }

                Assert.Equal(reference.Usage, state.Usage is { } u ? (u.PromptTokens, u.CompletionTokens, u.TotalTokens, u.ReasoningTokens) : null);
                previousCalls = state.ToolCalls;
                previousWireIds = reference.Calls.Select(c => c.Id).ToList();
            }
        }

        // The calls this client decoded must be the ones the recorder sent back: names, arguments, signatures, and ids
        // when the answer carried them (an id the recorder made up for an id-less call is its own convention, not ours).
        private static void AssertCallsWereSentBack(IReadOnlyList<ToolCall> decoded, IReadOnlyList<string?> wireIds, List<ModelMessage> next, string where)
        {
            if (decoded.Count == 0) return;
            var sent = next.LastOrDefault(m => m.Role == MessageRole.Assistant)?.ToolCalls;
            if (sent is null) return; // the recorder started a new conversation
            Assert.True(decoded.Count == sent.Count, where + ": " + decoded.Count + " decoded calls, " + sent.Count + " sent back");
            foreach (var ((call, back), wireId) in decoded.Zip(sent).Zip(wireIds))
            {
                // A recorder that dropped the signature (older SDKs did) says nothing about ours; one it kept must be ours.
                Assert.True(call.Name == back.Name && (back.Signature is null || call.Signature == back.Signature), where + ": call " + call.Name + " came back as " + back.Name + " with another signature");
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(call.Arguments), JsonNode.Parse(back.Arguments)), where + ": arguments of " + call.Name);
                if (wireId is not null && !back.Id.StartsWith("corpus-", StringComparison.Ordinal)) Assert.True(call.Id == back.Id, where + ": id " + call.Id + " came back as " + back.Id);
            }
        }

        private static async Task<ChatStreamState> RunAsync(GeminiClient client, Rebuilt request)
        {
            if (!request.Stream) return await client.CompleteAsync(request.Messages, request.Options);
            var stream = client.StreamAsync(request.Messages, request.Options);
            await foreach (var _ in stream)
            {
            }

            return stream.State;
        }

        private sealed record Rebuilt(Uri Endpoint, bool Stream, List<ModelMessage> Messages, ChatRequestOptions Options, GeminiToolSchemaFormat SchemaFormat);

        private static bool HasIds(JsonNode body) =>
            body["contents"]?.AsArray().SelectMany(c => c!["parts"]?.AsArray() ?? new JsonArray()).Any(p => p?["functionCall"]?["id"] is not null || p?["functionResponse"]?["id"] is not null) == true;

        // The recorded body, expressed through messages and typed options; what has no typed home goes in AdditionalProperties.
        private static Rebuilt Rebuild(string url, JsonNode body)
        {
            var uri = new Uri(url);
            int models = uri.AbsolutePath.LastIndexOf("/models/", StringComparison.Ordinal);
            var endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.Substring(0, models + 1));
            var method = uri.AbsolutePath.Substring(models + "/models/".Length);
            var options = new ChatRequestOptions { Model = Uri.UnescapeDataString(method.Substring(0, method.IndexOf(':'))), AdditionalProperties = new Dictionary<string, string>() };
            var messages = new List<ModelMessage>();
            var schemaFormat = GeminiToolSchemaFormat.Parameters;

            foreach (var part in body["systemInstruction"]?["parts"]?.AsArray() ?? new JsonArray()) messages.Add(ModelMessage.System(part!["text"]!.GetValue<string>()));
            int synthetic = 0;
            foreach (var content in body["contents"]!.AsArray())
            {
                var parts = content!["parts"]!.AsArray();
                if (content["role"]?.GetValue<string>() == "model")
                {
                    string? text = null;
                    var reasoning = new List<ReasoningContent>();
                    var calls = new List<ToolCall>();
                    foreach (var part in parts)
                    {
                        var signature = part!["thoughtSignature"]?.GetValue<string>();
                        if (part["functionCall"] is { } call)
                        {
                            calls.Add(new ToolCall(call["id"]?.GetValue<string>() ?? "corpus-" + ++synthetic, call["name"]!.GetValue<string>(), call["args"]?.ToJsonString() ?? "{}", signature));
                        }
                        else
                        {
                            Assert.True(text is null && part["thought"] is null, "not rebuildable: a model content with several text or thought parts");
                            text = part["text"]!.GetValue<string>();
                            if (signature is not null) reasoning.Add(new ReasoningContent(WireProtocols.Gemini, string.Empty, signature));
                        }
                    }

                    messages.Add(ModelMessage.Assistant(text, calls, reasoning));
                }
                else if (parts.All(p => p!["functionResponse"] is not null))
                {
                    foreach (var part in parts)
                    {
                        var response = part!["functionResponse"]!;
                        var result = response["response"]!["result"] ?? throw new InvalidOperationException("not rebuildable: functionResponse.response without 'result'");
                        var id = response["id"]?.GetValue<string>() ?? CallId(messages, response["name"]!.GetValue<string>());
                        messages.Add(ModelMessage.Tool(id, result.GetValueKind() == JsonValueKind.String ? result.GetValue<string>() : result.ToJsonString(), response["name"]!.GetValue<string>()));
                    }
                }
                else
                {
                    Assert.True(parts.Count == 1 && parts[0]!["text"] is not null, "not rebuildable: a user content other than one text part");
                    messages.Add(ModelMessage.User(parts[0]!["text"]!.GetValue<string>()));
                }
            }

            var tools = body["tools"]?.AsArray();
            if (tools is { Count: 1 } && tools[0]!.AsObject().Count == 1 && tools[0]!["functionDeclarations"] is JsonArray declarations)
            {
                options.Tools = declarations.Select(d =>
                {
                    if (d!["parametersJsonSchema"] is not null) schemaFormat = GeminiToolSchemaFormat.ParametersJsonSchema;
                    var schema = d["parametersJsonSchema"] ?? d["parameters"] ?? new JsonObject();
                    return new ToolDefinition(d["name"]!.GetValue<string>(), d["description"]?.GetValue<string>(), schema.ToJsonString(), strict: false);
                }).ToList();
            }
            else if (tools is not null)
            {
                options.AdditionalProperties["tools"] = tools.ToJsonString();
            }

            var calling = body["toolConfig"]?["functionCallingConfig"];
            var allowed = calling?["allowedFunctionNames"]?.AsArray();
            var mode = calling?["mode"]?.GetValue<string>();
            if (body["toolConfig"] is { } toolConfig)
            {
                if (toolConfig.AsObject().Count == 1 && calling!.AsObject().Count == (allowed is null ? 1 : 2) && (mode is "AUTO" or "NONE" || (mode == "ANY" && allowed is null or { Count: 1 })))
                {
                    options.ToolChoice = mode == "AUTO" ? ToolChoice.Auto : mode == "NONE" ? ToolChoice.None : allowed is null ? ToolChoice.Required : ToolChoice.Tool(allowed[0]!.GetValue<string>());
                }
                else
                {
                    options.AdditionalProperties["toolConfig"] = toolConfig.ToJsonString();
                }
            }

            if (body["generationConfig"] is JsonObject config)
            {
                var rest = new JsonObject();
                var mime = config["responseMimeType"]?.GetValue<string>();
                foreach (var (name, value) in config)
                {
                    switch (name)
                    {
                        case "maxOutputTokens": options.MaxTokens = value!.GetValue<int>(); break;
                        case "temperature": options.Temperature = value!.GetValue<double>(); break;
                        case "topP": options.TopP = value!.GetValue<double>(); break;
                        case "seed": options.Seed = value!.GetValue<long>(); break;
                        case "responseMimeType" when mime == "application/json": break;
                        case "responseJsonSchema" when mime == "application/json": break;
                        default: rest[name] = value?.DeepClone(); break;
                    }
                }

                if (mime == "application/json")
                {
                    options.ResponseFormat = config["responseJsonSchema"] is { } schema
                        ? ResponseFormat.ForJsonSchema("response", schema.ToJsonString(), strict: false, naturalJsonSchema: schema.ToJsonString())
                        : ResponseFormat.JsonObject;
                }

                if (rest.Count > 0) options.AdditionalProperties["generationConfig"] = rest.ToJsonString();
            }

            foreach (var (name, value) in body.AsObject())
            {
                if (name is not ("contents" or "systemInstruction" or "tools" or "toolConfig" or "generationConfig")) options.AdditionalProperties[name] = value?.ToJsonString() ?? "null";
            }

            return new Rebuilt(endpoint, url.Contains(":streamGenerateContent", StringComparison.Ordinal), messages, options, schemaFormat);
        }

        private static string CallId(List<ModelMessage> messages, string name)
        {
            var call = messages.LastOrDefault(m => m.ToolCalls.Any(c => c.Name == name))?.ToolCalls.First(c => c.Name == name);
            return call?.Id ?? "corpus-result";
        }

        /// <summary>An independent reading of a recorded answer: events split by blank lines, candidate 0 followed.</summary>
        private sealed class Reference
        {
            public string Content { get; private set; } = string.Empty;

            public string Reasoning { get; private set; } = string.Empty;

            public string? Finish { get; private set; }

            public List<(string Name, string Args, string? Signature, string? Id)> Calls { get; } = new();

            public (int, int, int, int?)? Usage { get; private set; }

            public ChatStreamFailure? Failure { get; private set; }

            public static Reference Read(string body, bool stream)
            {
                var reference = new Reference();
                var events = stream
                    ? body.Replace("\r\n", "\n").Split("\n\n").Select(e => string.Concat(e.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l.Substring(5).TrimStart(' ')))).Where(e => e.Trim().Length > 0)
                    : new[] { body };
                foreach (var data in events)
                {
                    JsonNode? node;
                    try
                    {
                        node = JsonNode.Parse(data);
                    }
                    catch (JsonException)
                    {
                        reference.Failure = ChatStreamFailure.InvalidChunk;
                        return reference;
                    }

                    if (node?["error"] is not null)
                    {
                        reference.Failure = ChatStreamFailure.ProviderError;
                        return reference;
                    }

                    reference.Apply(node!);
                }

                if (reference.Finish is null) reference.Failure = ChatStreamFailure.Truncated;
                return reference;
            }

            private void Apply(JsonNode response)
            {
                var candidates = response["candidates"]?.AsArray();
                var candidate = candidates?.FirstOrDefault(c => (c?["index"]?.GetValue<int>() ?? 0) == 0) ?? candidates?.FirstOrDefault();
                foreach (var part in candidate?["content"]?["parts"]?.AsArray() ?? new JsonArray())
                {
                    if (part!["functionCall"] is { } call) Calls.Add((call["name"]!.GetValue<string>(), call["args"]?.ToJsonString() ?? "{}", part["thoughtSignature"]?.GetValue<string>(), call["id"]?.GetValue<string>()));
                    else if (part["thought"]?.GetValue<bool>() == true) Reasoning += part["text"]?.GetValue<string>();
                    else Content += part["text"]?.GetValue<string>();

                    // A function-calling turn is signed on its first call: a signature that a later part brings to a turn
                    // whose first call came unsigned is that call's (Gemini 3 can send it alone on an empty text part).
                    if (part["functionCall"] is null && part["thoughtSignature"] is { } late && Calls.Count > 0 && Calls[0].Signature is null)
                    {
                        Calls[0] = Calls[0] with { Signature = late.GetValue<string>() };
                    }
                }

                if (response["usageMetadata"] is { } u)
                {
                    int Count(string name) => u[name]?.GetValue<int>() ?? 0;
                    Usage = (Count("promptTokenCount"), Count("candidatesTokenCount"), Count("totalTokenCount"), u["thoughtsTokenCount"]?.GetValue<int>());
                }

                if (Finish is not null) return;
                if (candidate?["finishReason"] is { } finish) Finish = finish.GetValue<string>();
                else if (candidate is null && response["promptFeedback"]?["blockReason"] is { } blocked) Finish = "PROMPT_BLOCKED:" + blocked.GetValue<string>();
            }
        }
    }
}
