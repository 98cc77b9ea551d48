using System.Collections.Generic;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    public class SimpleStreamingReplayTests
    {
        private static readonly ModelMessage[] Conversation =
        {
            ModelMessage.System("You are a helpful assistant"),
            ModelMessage.User("Say hi in Portuguese"),
        };

        [Theory]
        [InlineData("openai-o4-mini/simple_streaming.yaml")]
        [InlineData("openai-o4-mini/simple_streaming.openai-go.yaml")]
        public async Task Text_stream_replays_with_the_recorded_request_usage_and_finish_reason(string cassette)
        {
            var (client, handler) = Cassettes.Client(cassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
            var stream = client.StreamTextAsync(Conversation);
            var deltas = new List<string>();
            await foreach (var delta in stream) deltas.Add(delta);

            Assert.Equal(new[] { "Oi", "!" }, deltas);
            Assert.Equal("Oi!", stream.Text);
            Assert.Equal("stop", stream.FinishReason);
            Assert.Equal(19, stream.Usage!.PromptTokens);
            Assert.Equal(148, stream.Usage.CompletionTokens);
            Assert.Equal(167, stream.Usage.TotalTokens);
            Assert.Equal(128, stream.Usage.ReasoningTokens);
            Assert.Equal("o4-mini-2025-04-16", stream.State.Model);
            handler.AssertAllUsed();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        public async Task Text_stream_survives_tiny_network_reads(int readSize)
        {
            var (client, _) = Cassettes.Client("openai-o4-mini/simple_streaming.yaml", "o4-mini", d => d.MaxCompletionTokens = 4000, ChunkingMode.FixedSize(readSize));
            var stream = client.StreamTextAsync(Conversation);
            await foreach (var _ in stream) { }
            Assert.Equal("Oi!", stream.Text);
            Assert.Equal(167, stream.Usage!.TotalTokens);
        }

        [Fact]
        public async Task A_request_that_differs_from_the_recording_fails_with_a_readable_diff()
        {
            var (client, _) = Cassettes.Client("openai-o4-mini/simple_streaming.yaml", "o4-mini", d => d.MaxCompletionTokens = 2000);
            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(async () =>
            {
                await foreach (var _ in client.StreamTextAsync(Conversation)) { }
            });
            Assert.Contains("$.max_completion_tokens", ex.Message);
            Assert.Contains("4000", ex.Message);
            Assert.Contains("2000", ex.Message);
        }
    }
}
