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

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>The four Claude Sonnet 4 recordings replayed end to end through the typed API (request bodies matched by the replay handler).</summary>
    public class AnthropicReplayTests
    {
        private const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        public async Task Streamed_book_through_the_forced_tool_keeps_every_partial_guarantee(int readSize)
        {
            var chunking = readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize);
            var (client, handler) = AnthropicTestClients.Replay("complex_object_streaming.yaml", chunking);
            var stream = client.GenerateBookStreamAsync(Prompt);

            var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);

            var book = stream.Result.Value;
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "British"), book.Author);
            Assert.Equal(new[] { "Fantasy", "Adventure", "Epic Fantasy", "High Fantasy" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);

            Assert.Equal((549, 124, 673, 0), (stream.Usage!.PromptTokens, stream.Usage.CompletionTokens, stream.Usage.TotalTokens, stream.Usage.CachedPromptTokens));
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "tool_use"), stream.FinishReason);
            Assert.Equal("msg_01J5VmN4LDdd6TGVDcbGze1P", stream.Result.State.Id);
            Assert.Equal(AnthropicTestClients.Model, stream.Result.State.Model);
            var call = Assert.Single(stream.Result.State.ToolCalls);
            Assert.Equal(("toolu_01Jf3uH5RmmFHbJjKVyuoP3p", "Book"), (call.Id, call.Name));

            Assert.True(partials.Count >= 10, $"only {partials.Count} partials");
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
            Assert.Contains(partials, p => p.Title is { Length: > 0 } t && t != "The Lord of the Rings"); // the title streamed, not only arrived whole
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, observations[^1], "replay");
            Assert.Equal(FieldState.Complete, partials[^1].State);
            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Non_streamed_book_decodes_the_whole_message_body()
        {
            var (client, handler) = AnthropicTestClients.Replay("complex_object.yaml", ChunkingMode.WholeBody);
            var result = await client.GenerateBookAsync(Prompt, new ChatRequestOptions { Stream = false });

            Assert.Equal(new Book("The Lord of the Rings", new Author("J.R.R. Tolkien", "British"), result.Value.Genres, 1954), result.Value);
            Assert.Equal(new[] { "fantasy", "adventure" }, result.Value.Genres);
            Assert.Equal((549, 116, 665), (result.Usage!.PromptTokens, result.Usage.CompletionTokens, result.Usage.TotalTokens));
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "tool_use"), result.FinishReason);
            Assert.Equal("msg_01HQZPasXEBKmgaBp3D6kdFd", result.State.Id);
            Assert.Equal("toolu_01G8s8Xj75FJKwAQkFFAhRJy", Assert.Single(result.State.ToolCalls).Id);
            handler.AssertAllUsed();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public async Task Text_stream_replays_with_system_blocks_usage_and_stop_reason(int readSize)
        {
            var (client, handler) = AnthropicTestClients.Replay("simple_streaming.yaml", readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize));
            var stream = client.StreamTextAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") });
            var deltas = new List<string>();
            await foreach (var delta in stream) deltas.Add(delta);

            const string Expected = "Olá! (That's \"hi\" in Portuguese)\n\nYou could also say \"Oi!\" which is a more casual way to say hi in Portuguese.";
            Assert.Equal(Expected, stream.Text);
            Assert.Equal(Expected, string.Concat(deltas));
            Assert.Equal(new FinishReason(FinishKind.Stop, "end_turn"), stream.FinishReason);
            Assert.Equal((16, 38, 54), (stream.Usage!.PromptTokens, stream.Usage.CompletionTokens, stream.Usage.TotalTokens));
            Assert.Equal(AnthropicTestClients.Model, stream.State.Model);
            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Weather_tool_loop_runs_the_tool_once_and_sends_tool_use_and_tool_result_back()
        {
            var (client, handler) = AnthropicTestClients.Replay("tool_streaming.yaml");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(
                new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy?") },
                weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            handler.AssertAllUsed(); // both requests matched, the second with the tool_use and tool_result blocks
            Assert.Equal(new[] { "Florence,Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal(new FinishReason(FinishKind.Stop, "end_turn"), run.Result.FinishReason);
            Assert.Equal("The current weather in Florence, Italy shows a temperature of 40°C (104°F). That's quite hot! Make sure to stay hydrated and seek shade if you're planning to be outdoors.", run.Result.Text);
            Assert.Equal((394 + 476, 67 + 46), (run.Result.Usage!.PromptTokens, run.Result.Usage.CompletionTokens));

            Assert.Equal(new[] { "system", "user", "assistant", "tool", "assistant" }, run.Result.Messages.Select(m => m.Role.Value));
            Assert.Equal("I'll get the weather information for Florence, Italy for you.", run.Result.Messages[2].Text);
            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal(("toolu_01N2eM4V43kGCDkq2Lw7ChWQ", "weather", "{\"location\": \"Florence,Italy\"}"), (call.Id, call.Name, call.Arguments));
            var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.Equal("40 C", result.Result);
        }

        [Fact]
        public void Generated_tool_schemas_are_the_recorded_input_schemas()
        {
            var weather = JsonNode.Parse(CassetteLoader.Load(AnthropicTestClients.PathOf("tool_streaming.yaml")).Interactions[0].Request.Body)!["tools"]![0]!;
            Assert.True(JsonNode.DeepEquals(weather["input_schema"], JsonNode.Parse(Assert.Single(WeatherTools.ToolDefinitions).ParametersJsonSchema)));
            var book = JsonNode.Parse(CassetteLoader.Load(AnthropicTestClients.PathOf("complex_object.yaml")).Interactions[0].Request.Body)!["tools"]![0]!;
            Assert.True(JsonNode.DeepEquals(book["input_schema"], JsonNode.Parse(Book.StructuredOutput.NaturalJsonSchema)), Book.StructuredOutput.NaturalJsonSchema);
        }
    }
}
