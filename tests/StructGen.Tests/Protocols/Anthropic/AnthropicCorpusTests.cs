using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// Every Anthropic Messages cassette (URL path ending in <c>/messages</c>) under the test output's
    /// <c>cassettes/</c> and the folders listed in <c>STRUCTGEN_CASSETTES</c>, replayed through the typed
    /// API: the rebuilt request must be the recorded body, and the answer must decode to what an
    /// independent reading of the recorded events gives (text, tool calls, stop reason, error).
    /// </summary>
    public class AnthropicCorpusTests
    {
        public static IEnumerable<object[]> Cassettes() =>
            CassetteCorpus.CorpusCassettes.Files(CassetteCorpus.CorpusCassettes.IsMessagesUrl, withProviderShapes: true).Select(f => new object[] { f });

        [Fact]
        public void The_repository_recordings_are_in_the_corpus() =>
            Assert.True(Cassettes().Count(c => ((string)c[0]).Contains("anthropic-claude-sonnet-4", StringComparison.Ordinal)) == 4);

        [Theory]
        [MemberData(nameof(Cassettes))]
        public async Task Replays_at_event_boundaries(string path) => await ReplayAsync(path, ChunkingMode.EventBoundaries);

        [Theory]
        [MemberData(nameof(Cassettes))]
        public async Task Replays_in_reads_of_five_bytes(string path) => await ReplayAsync(path, ChunkingMode.FixedSize(5));

        

        private static async Task ReplayAsync(string path, ChunkingMode chunking)
        {
            var cassette = CassetteLoader.Load(path);
            var handler = new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = chunking });
            using var http = new HttpClient(handler);
            for (int i = 0; i < cassette.Interactions.Count; i++)
            {
                var interaction = cassette.Interactions[i];
                var where = Path.GetFileName(path) + " interaction " + i;
                var request = MessagesRecordedRequest.From(interaction.Request);
                var options = request.ClientOptions();
                using var client = new AnthropicClient(options, http);

                if (interaction.Response.Code >= 400)
                {
                    var api = await Assert.ThrowsAsync<ChatApiException>(() => RunAsync(client, request));
                    Assert.Equal(interaction.Response.Code, (int)api.StatusCode);
                    continue;
                }

                var expected = Reference.Read(interaction.Response);
                if (expected.Error is not null || expected.StopReason is null)
                {
                    var failure = await Assert.ThrowsAsync<ChatStreamException>(() => RunAsync(client, request));
                    Assert.Equal(expected.Error is not null ? ChatStreamFailure.ProviderError : ChatStreamFailure.Truncated, failure.Failure);
                    if (expected.Error is not null) Assert.Equal(expected.Error, failure.ErrorMessage);
                    Assert.Equal(expected.Text.ToString(), failure.State.Content);
                    continue;
                }

                var state = await RunAsync(client, request);
                Assert.True(expected.Text.ToString() == state.Content, where + ": text differs from the recorded deltas.");
                Assert.True(expected.Thinking.ToString() == state.Reasoning, where + ": thinking differs from the recorded deltas.");
                Assert.Equal(expected.StopReason, state.FinishReason!.Value);
                Assert.Equal(expected.Calls.Count, state.ToolCalls.Count);
                for (int c = 0; c < expected.Calls.Count; c++)
                {
                    var (id, name, arguments) = expected.Calls[c];
                    Assert.Equal((id, name), (state.ToolCalls[c].Id, state.ToolCalls[c].Name));
                    Assert.True(arguments.Length == 0 ? state.ToolCalls[c].Arguments == "{}" : JsonSemanticDiff.AreEquivalent(arguments, state.ToolCalls[c].Arguments), where + ": arguments of " + id + " differ.");
                }

                if (expected.OutputTokens is int output) Assert.Equal(output, state.Usage!.CompletionTokens);
            }

            handler.AssertAllUsed();
        }

        private static async Task<ChatStreamState> RunAsync(AnthropicClient client, MessagesRecordedRequest request)
        {
            if (!request.Stream) return await client.CompleteAsync(request.Messages, request.Options);
            var stream = client.StreamAsync(request.Messages, request.Options);
            await foreach (var _ in stream) { }
            return stream.State;
        }

        /// <summary>The recorded answer read independently of the client: JsonNode over each data line (or the whole body).</summary>
        private sealed class Reference
        {
            public StringBuilder Text { get; } = new();

            public StringBuilder Thinking { get; } = new();

            public List<(string Id, string Name, string Arguments)> Calls { get; } = new();

            public string? StopReason { get; private set; }

            public string? Error { get; private set; }

            public int? OutputTokens { get; private set; }

            /// <summary>Reads a recorded answer; Amazon Bedrock's binary event stream as the events its chunks carry.</summary>
            public static Reference Read(CassetteResponse response)
            {
                if (response.BinaryBody is null) return Read(response.Body);
                var sse = new StringBuilder();
                foreach (var (headers, payload) in StructGen.Tests.Support.EventStreamFrames.Decode(response.BinaryBody))
                {
                    headers.TryGetValue(":message-type", out var messageType);
                    if (messageType == "event" && headers.TryGetValue(":event-type", out var eventType) && eventType == "chunk")
                    {
                        var bytes = Convert.FromBase64String((string)JsonNode.Parse(payload)!["bytes"]!);
                        sse.Append("data: ").Append(JsonNode.Parse(bytes)!.ToJsonString()).Append('\n');
                    }
                    else if (messageType == "exception")
                    {
                        var error = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["message"] = (string?)JsonNode.Parse(payload)!["message"] } };
                        sse.Append("data: ").Append(error.ToJsonString()).Append('\n');
                    }
                }

                return Read(sse.ToString());
            }

            public static Reference Read(string body)
            {
                var reference = new Reference();
                if (body.TrimStart().StartsWith("{", StringComparison.Ordinal))
                {
                    var message = JsonNode.Parse(body)!;
                    if ((string?)message["type"] == "error") reference.Error = (string?)message["error"]?["message"];
                    foreach (var block in message["content"]?.AsArray() ?? new JsonArray()) reference.Block(block!, whole: true);
                    reference.StopReason = (string?)message["stop_reason"];
                    reference.OutputTokens = (int?)message["usage"]?["output_tokens"];
                    return reference;
                }

                var blocks = new Dictionary<int, int>(); // block index -> call index (tool_use blocks only)
                foreach (var line in body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)))
                {
                    var e = JsonNode.Parse(line.Substring(5))!;
                    switch ((string?)e["type"])
                    {
                        case "content_block_start":
                            if ((string?)e["content_block"]!["type"] == "tool_use") blocks[(int)e["index"]!] = reference.Calls.Count;
                            reference.Block(e["content_block"]!, whole: false);
                            break;
                        case "content_block_delta":
                            var delta = e["delta"]!;
                            switch ((string?)delta["type"])
                            {
                                case "text_delta": reference.Text.Append((string?)delta["text"]); break;
                                case "thinking_delta": reference.Thinking.Append((string?)delta["thinking"]); break;
                                case "input_json_delta" when blocks.TryGetValue((int)e["index"]!, out var call):
                                    var (id, name, args) = reference.Calls[call];
                                    reference.Calls[call] = (id, name, args + (string?)delta["partial_json"]);
                                    break;
                            }

                            break;
                        case "message_delta":
                            reference.StopReason = (string?)e["delta"]?["stop_reason"] ?? reference.StopReason;
                            reference.OutputTokens = (int?)e["usage"]?["output_tokens"] ?? reference.OutputTokens;
                            break;
                        case "error":
                            reference.Error ??= (string?)e["error"]?["message"];
                            break;
                    }

                    if (reference.Error is not null) break;
                }

                return reference;
            }

            private void Block(JsonNode block, bool whole)
            {
                switch ((string?)block["type"])
                {
                    case "text": Text.Append((string?)block["text"]); break;
                    case "thinking": Thinking.Append((string?)block["thinking"]); break;
                    case "tool_use":
                        var input = block["input"];
                        var seeded = input is JsonObject o && (whole || o.Count > 0) ? input.ToJsonString() : string.Empty;
                        Calls.Add(((string)block["id"]!, (string)block["name"]!, seeded));
                        break;
                }
            }
        }
    }
}
