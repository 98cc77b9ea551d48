using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>The four recorded Gemini sessions, end to end through the typed API (request bodies matched by the replay handler).</summary>
    public class GeminiReplayTests
    {
        private const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        public async Task Streamed_book_arrives_in_gemini_key_order_with_every_partial_guarantee(int readSize)
        {
            var chunking = readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize);
            var (client, handler) = GeminiCassettes.Client("complex_object_streaming.yaml", d => d.MaxTokens = 4000, chunking);
            var stream = client.GenerateBookStreamAsync(Prompt);

            var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);

            var book = stream.Result.Value;
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "English"), book.Author);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
            AssertUsage(stream.Usage, 38, 51, 235, 146);
            Assert.Equal(new FinishReason(FinishKind.Stop, "STOP"), stream.FinishReason);
            Assert.Equal("9wCzae3oCajRz7IPsNKWsA4", stream.State.Id);
            Assert.Equal("gemini-2.5-flash", stream.State.Model);

            // Keys arrive author, genres, published_year, title: the title is the last field to appear.
            Assert.Contains(partials, p => p.Author is not null && p.Title is null);
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
            Assert.Equal(2, partials.Count); // one per recorded event, whatever the read size (GeminiSplitTests re-cuts the text)
            var final = observations[^1];
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, "replay " + readSize);
            Assert.Equal(FieldState.Complete, partials[^1].State);
            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Non_streamed_book_is_decoded_from_the_whole_body()
        {
            var (client, handler) = GeminiCassettes.Client("complex_object.yaml", d => d.MaxTokens = 4000);
            var result = await client.GenerateBookAsync(Prompt, new ChatRequestOptions { Stream = false });

            Assert.Equal(new Book("The Lord of the Rings", new Author("J.R.R. Tolkien", "British"), new[] { "fantasy", "adventure", "epic fantasy" }, 1954).Title, result.Value.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "British"), result.Value.Author);
            Assert.Equal(new[] { "fantasy", "adventure", "epic fantasy" }, result.Value.Genres);
            Assert.Equal(1954, result.Value.PublishedYear);
            AssertUsage(result.Usage, 38, 55, 269, 176);
            Assert.StartsWith("{\"author\": {", result.Text);
            handler.AssertAllUsed();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2)]
        public async Task Plain_text_stream_with_a_system_instruction(int readSize)
        {
            var (client, handler) = GeminiCassettes.Client("simple_streaming.yaml", d => d.MaxTokens = 4000, readSize == 0 ? null : ChunkingMode.FixedSize(readSize));
            var stream = client.StreamTextAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") });
            var pieces = new List<string>();
            await foreach (var piece in stream) pieces.Add(piece);

            Assert.Equal("Olá!", string.Concat(pieces));
            Assert.Equal("Olá!", stream.Text);
            Assert.Equal(new FinishReason(FinishKind.Stop, "STOP"), stream.FinishReason);
            AssertUsage(stream.Usage, 11, 2, 34, 21);
            handler.AssertAllUsed();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(7)]
        public async Task Weather_loop_runs_the_tool_once_and_sends_back_the_call_with_its_signature(int readSize)
        {
            var (client, handler) = GeminiCassettes.Client("tool_streaming.yaml", d => d.MaxTokens = 4000, readSize == 0 ? null : ChunkingMode.FixedSize(readSize));
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy?") }, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // Both requests matched the recording: the second carries functionCall (id "1", thoughtSignature) and functionResponse.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence,Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("The weather in Florence,Italy is 40 C.", run.Result.Text);
            Assert.Equal(new[] { "system", "user", "assistant", "tool", "assistant" }, run.Result.Messages.Select(m => m.Role.Value));
            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal("1", call.Id);
            Assert.Equal("weather", call.Name);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"location\":\"Florence,Italy\"}"), JsonNode.Parse(call.Arguments)));
            Assert.StartsWith("CiQBvj72+xCKZ6n2", call.Signature);
            Assert.Equal(400, call.Signature!.Length);
            var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.Equal("40 C", result.Result);
        }

        [Fact]
        public async Task First_weather_turn_finishes_with_tool_calls_and_reports_its_usage()
        {
            var (client, _) = GeminiCassettes.Client("tool_streaming.yaml", d => d.MaxTokens = 4000);
            var stream = client.StreamAsync(
                new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy?") },
                new ChatRequestOptions { Tools = WeatherTools.ToolDefinitions, ToolChoice = ToolChoice.Auto });
            var kinds = new List<ChatStreamUpdateKind>();
            await foreach (var update in stream) kinds.Add(update.Kind);
            var state = stream.State;
            Assert.Equal(
                new[] { ChatStreamUpdateKind.ResponseStarted, ChatStreamUpdateKind.ToolCallStarted, ChatStreamUpdateKind.ToolCallArgumentsDelta, ChatStreamUpdateKind.ToolCallCompleted, ChatStreamUpdateKind.Usage, ChatStreamUpdateKind.Finished },
                kinds);
            var call = Assert.Single(state.ToolCalls);
            Assert.Equal(("1", "weather"), (call.Id, call.Name));
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "STOP"), state.FinishReason);
            AssertUsage(state.Usage, 54, 15, 112, 43);
            Assert.Equal("WQCzaayhL8Xmz7IP-63dqQk", state.Id);
        }

        internal static void AssertUsage(ChatUsage? usage, int prompt, int completion, int total, int? reasoning)
        {
            Assert.NotNull(usage);
            Assert.Equal((prompt, completion, total, reasoning), (usage!.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.ReasoningTokens));
        }
    }
}
