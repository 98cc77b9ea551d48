using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>The four o4-mini Responses recordings replayed end to end through the typed API (request bodies matched by the replay handler).</summary>
    public class ResponsesRecordingTests
    {
        private const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        public async Task Streamed_book_replays_with_every_partial_guarantee(int readSize)
        {
            var chunking = readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize);
            var (client, handler) = ResponsesTestClients.Replay("complex_object_streaming.yaml", d => d.MaxCompletionTokens = 4000, chunking);
            var stream = client.GenerateBookStreamAsync(Prompt);

            var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);

            handler.AssertAllUsed();
            var book = stream.Result.Value;
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "British"), book.Author);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
            AssertUsage(stream.Usage, 138, 452, 590, 384, 0);
            Assert.Equal(new FinishReason(FinishKind.Stop, "completed"), stream.FinishReason);
            Assert.Equal("resp_09379b2c44023f740169b319cea32081978d4b27b8eb7553b0", stream.State.Id);
            Assert.Equal("o4-mini-2025-04-16", stream.State.Model);

            // 40 text deltas: at least as many partials as there are visible changes, none showing a wrong year.
            Assert.True(partials.Count >= 15, $"only {partials.Count} partials");
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
            var final = observations[^1];
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, "replay");
            Assert.Equal(FieldState.Complete, partials[^1].State);

            // The reasoning item had no encrypted_content: kept, but nothing to send back.
            var reasoning = Assert.Single(stream.State.ReasoningBlocks);
            Assert.Equal(WireProtocols.Responses, reasoning.Protocol);
            Assert.False(reasoning.MustSendBack);
            Assert.Contains("\"type\":\"reasoning\"", reasoning.PayloadJson);
        }

        [Fact]
        public async Task Non_streamed_book_replays_from_the_whole_response_body()
        {
            var (client, handler) = ResponsesTestClients.Replay("complex_object.yaml", d =>
            {
                d.MaxCompletionTokens = 4000;
                d.Stream = false;
            });
            var result = await client.GenerateBookAsync(Prompt);

            handler.AssertAllUsed();
            Assert.Equal(new Author("J.R.R. Tolkien", "English"), result.Value.Author);
            Assert.Equal("The Lord of the Rings", result.Value.Title);
            Assert.Equal(new[] { "fantasy", "adventure" }, result.Value.Genres);
            Assert.Equal(1954, result.Value.PublishedYear);
            AssertUsage(result.Usage, 138, 434, 572, 384, 0);
            Assert.Equal(new FinishReason(FinishKind.Stop, "completed"), result.FinishReason);
            Assert.Equal("resp_05ec23e6760348680169b319c85f708193a530450b951622fc", result.State.Id);
            Assert.StartsWith("{\"author\":", result.Text);
            Assert.False(Assert.Single(result.State.ReasoningBlocks).MustSendBack);
        }

        [Fact]
        public async Task Genres_stream_element_by_element_from_the_responses_stream()
        {
            var (client, handler) = ResponsesTestClients.Replay("complex_object_streaming.yaml", d => d.MaxCompletionTokens = 4000, ChunkingMode.FixedSize(5));
            var stream = client.GenerateBookStreamAsync(Prompt);
            var genres = new List<string>();
            await foreach (var genre in stream.GenresElementsAsync()) genres.Add(genre);
            Assert.Equal(new[] { "fantasy", "adventure" }, genres);
            Assert.Equal(1954, stream.Result.Value.PublishedYear);
            handler.AssertAllUsed();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public async Task Plain_text_stream_replays_with_multibyte_text_and_usage(int readSize)
        {
            var (client, handler) = ResponsesTestClients.Replay(
                "simple_streaming.yaml", d => d.MaxCompletionTokens = 4000, readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize));
            var stream = client.StreamTextAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") });
            var deltas = new List<string>();
            await foreach (var delta in stream) deltas.Add(delta);

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Olá", "!" }, deltas);
            Assert.Equal("Olá!", stream.Text);
            AssertUsage(stream.Usage, 19, 104, 123, 64, 0);
            Assert.Equal(FinishKind.Stop, stream.FinishReason!.Kind);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2)]
        public async Task Weather_loop_runs_the_tool_once_and_sends_the_function_call_and_its_output_back(int readSize)
        {
            var (client, handler) = ResponsesTestClients.Replay(
                "tool_streaming.yaml", d => d.MaxCompletionTokens = 4000, readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize));
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy?") }, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // Both requests matched the recording: the second carries function_call + function_call_output and no reasoning item.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal(new FinishReason(FinishKind.Stop, "completed"), run.Result.FinishReason);

            var started = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallStarted);
            Assert.Equal(0, started.ToolCallIndex);
            Assert.Equal("weather", started.ToolName);
            Assert.Equal(8, events.Count(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta));
            Assert.Equal("{\"location\":\"Florence, Italy\"}", string.Concat(events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text)));
            var step1 = events.First(e => e.Kind == AgentEventKind.StepCompleted);
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "completed"), step1.FinishReason);
            AssertUsage(step1.Usage, 60, 210, 270, 128, 0);

            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal("call_eK7Vcp3N6x11thqQ8JcD8HZq", call.Id);
            Assert.Equal("40 C", run.Result.Messages[3].ToolResults[0].Content);
            Assert.Equal("call_eK7Vcp3N6x11thqQ8JcD8HZq", run.Result.Messages[3].ToolResults[0].CallId);
            Assert.StartsWith("The current temperature in Florence, Italy is 40 °C. It’s quite hot—be sure", run.Result.Text);
            Assert.EndsWith("any other info!", run.Result.Text);
            Assert.Equal(51, events.Count(e => e.Kind == AgentEventKind.TextDelta));
            AssertUsage(run.Result.Usage, 60 + 89, 210 + 55, 270 + 144, 128, 0);
        }

        internal static void AssertUsage(ChatUsage? usage, int input, int output, int total, int reasoning, int cached)
        {
            Assert.NotNull(usage);
            Assert.Equal((input, output, total, (int?)reasoning, (int?)cached), (usage!.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.ReasoningTokens, usage.CachedPromptTokens));
        }
    }
}
