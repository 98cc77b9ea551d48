using System;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>Streams that succeed, in every shape real providers send them.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportStreamTests
    {
        private readonly LoopbackServer _server;

        public TransportStreamTests(LoopbackServer server) => _server = server;

        [Theory]
        [InlineData("normal")]
        [InlineData("drip")]
        [InlineData("crlf")]
        [InlineData("keepalive")]
        [InlineData("garbage")]
        [InlineData("jsonsse")]
        public async Task Stream_delivers_every_delta_in_order(string scenario)
        {
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint(scenario), logger);
            var stream = client.StreamAsync(TransportTest.Messages);

            var updates = await TransportTest.ReadAllAsync(stream);

            Assert.Equal(scenario == "garbage" ? new[] { "Hel", "lo" } : new[] { "Hel", "lo", " world" },
                updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text).ToArray());
            Assert.Equal(scenario == "garbage" ? "Hello" : "Hello world", stream.State.Content);
            Assert.Equal("stop", stream.State.FinishReason?.Value);
            Assert.Equal(Scenarios.RequestId, stream.State.RequestId);
            Assert.Equal("chatcmpl-1", stream.State.Id);
            Assert.Equal(1, stream.State.Attempts);
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatRequestCompleted" && e.Text.Contains(Scenarios.RequestId, StringComparison.Ordinal));
            if (scenario is "normal" or "drip" or "crlf" or "jsonsse")
            {
                Assert.Equal(12, stream.State.Usage!.TotalTokens);
                Assert.Equal(ChatStreamUpdateKind.Usage, updates[updates.Count - 1].Kind);
            }
        }

        [Fact]
        public async Task Ids_only_in_first_chunk_null_content_reasoning_and_usage_inside_the_last_choice()
        {
            using var client = TransportTest.Client(_server.Endpoint("variety"));
            var stream = client.StreamAsync(TransportTest.Messages);

            var updates = await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Hi", stream.State.Content);
            Assert.Equal("think more", stream.State.Reasoning);
            Assert.Equal(new[] { "think ", "more" }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text).ToArray());
            Assert.Equal("chatcmpl-v", stream.State.Id);
            Assert.Equal("m-1", stream.State.Model);
            Assert.Equal("stop", stream.State.FinishReason?.Value);
            Assert.Equal(5, stream.State.Usage!.PromptTokens);
            Assert.Equal(7, stream.State.Usage.TotalTokens); // total_tokens: null is computed
        }

        [Fact]
        public async Task A_whole_tool_call_in_one_chunk()
        {
            using var client = TransportTest.Client(_server.Endpoint("toolswhole"));
            var stream = client.StreamAsync(TransportTest.Messages);

            var updates = await TransportTest.ReadAllAsync(stream);

            var call = Assert.Single(stream.State.ToolCalls);
            Assert.Equal(("call_a", "get_weather", "{\"city\":\"Paris\"}"), (call.Id, call.Name, call.Arguments));
            Assert.Equal("tool_calls", stream.State.FinishReason?.Value);
            Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
        }

        [Fact]
        public async Task Parallel_tool_calls_interleaved_by_index()
        {
            using var client = TransportTest.Client(_server.Endpoint("toolsparallel"));
            var stream = client.StreamAsync(TransportTest.Messages);

            var updates = await TransportTest.ReadAllAsync(stream);

            var calls = stream.State.ToolCalls;
            Assert.Equal(2, calls.Count);
            Assert.Equal(("call_a", "a", "{\"x\":1}"), (calls[0].Id, calls[0].Name, calls[0].Arguments));
            Assert.Equal(("call_b", "b", "{\"y\":2}"), (calls[1].Id, calls[1].Name, calls[1].Arguments));
            Assert.Equal(new[] { 0, 1 }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCallIndex).ToArray());
        }

        [Fact]
        public async Task Tool_calls_without_index_are_told_apart_by_id_and_object_arguments_are_kept_as_json()
        {
            using var client = TransportTest.Client(_server.Endpoint("toolsnoindex"));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            var calls = stream.State.ToolCalls;
            Assert.Equal(2, calls.Count);
            Assert.Equal(("call_1", "a", "{\"x\":1}"), (calls[0].Id, calls[0].Name, calls[0].Arguments));
            Assert.Equal(("call_2", "b", "{\"y\":2}"), (calls[1].Id, calls[1].Name, calls[1].Arguments));
        }

        [Fact]
        public async Task A_missing_DONE_after_the_finish_reason_is_fine()
        {
            using var client = TransportTest.Client(_server.Endpoint("nodone"));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Hello", stream.State.Content);
            Assert.Equal("stop", stream.State.FinishReason?.Value);
        }

        [Fact]
        public async Task A_connection_dropped_after_the_finish_reason_ends_normally()
        {
            using var client = TransportTest.Client(_server.Endpoint("dropafterfinish"));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Done", stream.State.Content);
            Assert.Equal("stop", stream.State.FinishReason?.Value);
        }

        [Fact]
        public async Task A_non_streamed_json_body_is_read_as_one_chunk()
        {
            using var client = TransportTest.Client(_server.Endpoint("jsonbody"));
            var text = client.StreamTextAsync(TransportTest.Messages);

            var deltas = await ToListAsync(text);

            Assert.Equal(new[] { "Whole answer" }, deltas);
            Assert.Equal("stop", text.FinishReason?.Value);
            Assert.Equal(5, text.Usage!.TotalTokens);
        }

        [Fact]
        public async Task A_one_megabyte_content_line_arrives_whole()
        {
            using var client = TransportTest.Client(_server.Endpoint("big"));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            string content = stream.State.Content;
            Assert.Equal("start ".Length + 1024 * 1024 - 7 + 4, content.Length);
            Assert.StartsWith("start xxx", content, StringComparison.Ordinal);
            Assert.EndsWith("x\u00e9\u4e16\ud83c\udf0d", content, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Invalid_utf8_inside_a_json_string_becomes_the_replacement_character()
        {
            using var client = TransportTest.Client(_server.Endpoint("badutf8"));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Hello\uFFFDwor\uFFFDld", stream.State.Content);
            Assert.Equal("stop", stream.State.FinishReason?.Value);
        }

        [Fact]
        public async Task Text_stream_does_not_throw_on_length_and_exposes_the_finish_reason()
        {
            using var client = TransportTest.Client(_server.Endpoint("length"));
            var text = client.StreamTextAsync(TransportTest.Messages);

            var deltas = await ToListAsync(text);

            Assert.Equal("Cut sh", string.Concat(deltas));
            Assert.Equal("length", text.FinishReason?.Value);
            Assert.Equal(12, text.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Request_carries_the_bearer_key_and_asks_for_an_event_stream()
        {
            // The echo scenario puts the Authorization header in its error; the exception masks it, so the
            // proof that the header was sent is that the mask is there.
            using var client = TransportTest.Client(_server.Endpoint("echokey-http"));
            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));
            Assert.Equal("Invalid key Bearer ***", ex.ErrorMessage);
        }

        private static async Task<System.Collections.Generic.List<string>> ToListAsync(TextStream text)
        {
            var list = new System.Collections.Generic.List<string>();
            await foreach (var delta in text) list.Add(delta);
            return list;
        }
    }
}
