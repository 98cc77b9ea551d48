using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using Xunit;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// Every chat-completions cassette (see <see cref="CorpusCassettes"/>) replayed end to end through
    /// the typed client: each recorded request is rebuilt from the typed API and must be the body the
    /// client writes (the replay handler compares them); each response must decode to what an
    /// independent reading of the recorded bytes says; the tool calls of one answer must be the ones
    /// the recording sent back in the next request; structured content must tokenize to the JSON it is.
    /// </summary>
    public class CassetteCorpusReplayTests
    {
        public static IEnumerable<object[]> Cassettes => CorpusCassettes.All();

        [Theory]
        [MemberData(nameof(Cassettes))]
        public async Task Replays_end_to_end_at_event_boundaries(string cassette) => await ReplayAsync(cassette, ChunkingMode.EventBoundaries);

        [Theory]
        [MemberData(nameof(Cassettes))]
        public async Task Replays_end_to_end_in_reads_of_seven_bytes(string cassette) => await ReplayAsync(cassette, ChunkingMode.FixedSize(7));

        private static async Task ReplayAsync(string cassettePath, ChunkingMode chunking)
        {
            var cassette = CassetteLoader.Load(CorpusCassettes.Resolve(cassettePath));
            var handler = new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = chunking });
            using var http = new HttpClient(handler);
            IReadOnlyList<ToolCall> previousCalls = Array.Empty<ToolCall>();

            for (int i = 0; i < cassette.Interactions.Count; i++)
            {
                var interaction = cassette.Interactions[i];
                var where = cassettePath + " interaction " + i;
                var request = RecordedRequest.From(interaction.Request);
                AssertToolCallsWereSentBack(previousCalls, request, where);

                var options = new ChatCompletionsClientOptions
                {
                    Endpoint = request.Endpoint,
                    ApiKey = "sk-corpus-not-a-key",
                    Defaults = new ChatRequestOptions(),
                    MaxRetries = 0,
                    ThinkTagsAsReasoning = false, // the reference keeps content byte for byte
                };
                using var client = new ChatCompletionsClient(options, http);
                var response = interaction.Response;

                if (response.Code >= 400)
                {
                    var api = await Assert.ThrowsAsync<ChatApiException>(() => RunAsync(client, request, new List<ChatStreamUpdate>()));
                    Assert.Equal(response.Code, (int)api.StatusCode);
                    previousCalls = Array.Empty<ToolCall>();
                    continue;
                }

                var reference = ReferenceTranscript.FromBody(response.Body, IsEventStream(response));
                var updates = new List<ChatStreamUpdate>();
                ChatStreamState state;
                if (reference.HasInvalidChunk || reference.ErrorMessage is not null || reference.FinishReason is null)
                {
                    var failure = await Assert.ThrowsAsync<ChatStreamException>(() => RunAsync(client, request, updates));
                    var expected = reference.HasInvalidChunk ? ChatStreamFailure.InvalidChunk
                        : reference.ErrorMessage is not null ? ChatStreamFailure.ProviderError
                        : ChatStreamFailure.Truncated;
                    Assert.Equal(expected, failure.Failure);
                    if (reference.ErrorMessage is not null) Assert.Contains(reference.ErrorMessage, failure.Message, StringComparison.Ordinal);
                    Assert.Equal(reference.Content.ToString(), failure.State.Content);
                    previousCalls = Array.Empty<ToolCall>();
                    continue;
                }

                state = await RunAsync(client, request, updates);

                Assert.True(reference.Content.ToString() == state.Content, where + ": content differs from the recorded deltas.");
                Assert.True(reference.Reasoning.ToString() == state.Reasoning, where + ": reasoning differs from the recorded deltas.");
                Assert.Equal(reference.FinishReason, state.FinishReason?.Value);
                AssertUsage(reference, state.Usage, where);
                AssertToolCalls(reference, state.ToolCalls, where);
                if (request.Stream) AssertUpdatesAddUp(updates, state, where);
                if (request.ResponseFormatType is "json_schema" or "json_object" && state.FinishReason?.Value == "stop")
                {
                    AssertStructuredContentTokenizes(reference, where);
                }

                previousCalls = state.ToolCalls;
            }

            handler.AssertAllUsed();
        }

        private static async Task<ChatStreamState> RunAsync(ChatCompletionsClient client, RecordedRequest request, List<ChatStreamUpdate> updates)
        {
            if (!request.Stream) return await client.CompleteAsync(request.Messages, request.Options);
            var stream = client.StreamAsync(request.Messages, request.Options);
            await foreach (var update in stream) updates.Add(update);
            return stream.State;
        }

        private static bool IsEventStream(CassetteResponse response) =>
            response.Headers.TryGetValues("Content-Type", out var types)
                ? types.Any(t => t.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
                : response.Body.TrimStart().StartsWith("data:", StringComparison.Ordinal);

        private static void AssertUsage(ReferenceTranscript reference, ChatUsage? usage, string where)
        {
            if (reference.TotalTokens is null)
            {
                Assert.True(usage is null, where + ": usage reported but none was recorded.");
                return;
            }

            Assert.True(usage is not null, where + ": the recorded usage was not read.");
            Assert.Equal((reference.PromptTokens, reference.CompletionTokens, reference.TotalTokens), (usage!.PromptTokens, usage.CompletionTokens, usage.TotalTokens));
        }

        private static void AssertToolCalls(ReferenceTranscript reference, IReadOnlyList<ToolCall> calls, string where)
        {
            Assert.True(reference.ToolCalls.Count == calls.Count, $"{where}: {calls.Count} tool calls decoded, {reference.ToolCalls.Count} recorded.");
            for (int i = 0; i < calls.Count; i++)
            {
                var expected = reference.ToolCalls[i];
                Assert.Equal(expected.Name ?? string.Empty, calls[i].Name);
                if (expected.Id is not null) Assert.Equal(expected.Id, calls[i].Id);
                var arguments = expected.Arguments.Length == 0 ? "{}" : expected.Arguments.ToString();
                Assert.Equal(arguments, calls[i].Arguments); // valid JSON or not: that is the model's doing, not the client's
            }
        }

        // What the stream handed out, piece by piece, is what the state holds at the end.
        private static void AssertUpdatesAddUp(List<ChatStreamUpdate> updates, ChatStreamState state, string where)
        {
            Assert.True(state.Content == string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text)), where + ": content deltas do not add up.");
            Assert.True(state.Reasoning == string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text)), where + ": reasoning deltas do not add up.");
            var completed = updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCall!).ToList();
            Assert.Equal(state.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments)), completed.Select(c => (c.Id, c.Name, c.Arguments)));
            Assert.Equal(state.ToolCalls.Count, updates.Count(u => u.Kind == ChatStreamUpdateKind.ToolCallStarted));
            Assert.Equal(Enumerable.Range(0, state.ToolCalls.Count), updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCallIndex));
            Assert.All(updates.Where(u => u.Kind is ChatStreamUpdateKind.ToolCallStarted or ChatStreamUpdateKind.ToolCallArgumentsDelta),
                u => Assert.Equal(state.ToolCalls[u.ToolCallIndex].Name, u.ToolName));
            Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.Finished);
        }

        // The recording library sent the calls it decoded back in the next request: they must be ours.
        private static void AssertToolCallsWereSentBack(IReadOnlyList<ToolCall> previous, RecordedRequest request, string where)
        {
            if (previous.Count == 0) return;
            var sent = request.LastAssistantToolCalls();
            if (sent.Count == 0 || !sent.Any(s => previous.Any(p => p.Id == s.Id))) return;
            Assert.True(previous.Count == sent.Count, $"{where}: the recording sent back {sent.Count} tool calls, {previous.Count} were decoded.");
            for (int i = 0; i < sent.Count; i++)
            {
                var ours = previous.FirstOrDefault(p => p.Id == sent[i].Id);
                Assert.True(ours is not null, $"{where}: the recorded call '{sent[i].Id}' was not decoded from the previous answer.");
                Assert.Equal(sent[i].Name, ours!.Name);
                Assert.True(JsonSemanticDiff.AreEquivalent(sent[i].Arguments, ours.Arguments), $"{where}: arguments of '{sent[i].Id}' differ: sent {sent[i].Arguments}, decoded {ours.Arguments}.");
            }
        }

        // The streaming tokenizer, fed the deltas as they arrived (less a leading <think> block, as the
        // client's default does), must read the document the content is, or reject it when the model
        // wrote something that is not one JSON document.
        private static void AssertStructuredContentTokenizes(ReferenceTranscript reference, string where)
        {
            var rebuilt = new JsonRebuildingSink();
            var tokenizer = new JsonStreamTokenizer(rebuilt);
            var thinkTags = new ThinkTagSplitter();
            var document = new System.Text.StringBuilder();
            StructuredOutputException? rejected = null;
            try
            {
                foreach (var delta in reference.ContentDeltas)
                {
                    thinkTags.Split(delta, out var content, out _);
                    if (content is null) continue;
                    document.Append(content);
                    tokenizer.Append(content.AsSpan());
                }

                thinkTags.Flush(out var rest, out _);
                document.Append(rest);
                tokenizer.Append(rest.AsSpan());
                tokenizer.Complete();
            }
            catch (StructuredOutputException ex)
            {
                rejected = ex;
            }

            bool valid;
            try
            {
                using (JsonDocument.Parse(document.ToString()))
                {
                    valid = true;
                }
            }
            catch (JsonException)
            {
                valid = false;
            }

            Assert.True(valid == (rejected is null), where + (valid ? ": valid JSON content was rejected: " + rejected?.Message : ": content that is not one JSON document was accepted."));
            if (!valid) return;
            var differences = JsonSemanticDiff.Compare(document.ToString().Trim(), rebuilt.ToJson(), "content", "tokenized");
            Assert.True(differences.Count == 0, where + ": " + string.Join("; ", differences));
        }

    }
}
