using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Core
{
    /// <summary>
    /// A new protocol needs no change to generated code: a client written only against the public
    /// abstraction (<see cref="ModelClient"/>, <see cref="ChatStreamUpdate"/> factories) drives the
    /// generated Book methods, element streams and the agent loop.
    /// </summary>
    public class ScriptedClientTests
    {
        private const string BookJson = "{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"science fiction\",\"adventure\"],\"published_year\":1965}";

        [Fact]
        public async Task Generated_book_stream_reads_a_scripted_protocol()
        {
            using var client = new ScriptedClient(_ => Text(BookJson, pieceLength: 3));
            var stream = client.GenerateBookStreamAsync("Dune?");
            var years = new List<int?>();
            int partials = 0;
            await foreach (var partial in stream)
            {
                partials++;
                years.Add(partial.PublishedYear);
            }

            Assert.True(partials > 10, "partials were published while the text streamed");
            Assert.All(years, y => Assert.True(y is null or 1965));
            var book = stream.Result.Value;
            Assert.Equal(("Dune", "Frank Herbert", "American", 1965), (book.Title, book.Author.Name, book.Author.Nationality, book.PublishedYear));
            Assert.Equal(new[] { "science fiction", "adventure" }, book.Genres);
            Assert.Equal(FinishKind.Stop, stream.FinishReason!.Kind);
            Assert.Equal(30, stream.Usage!.TotalTokens);
            Assert.Equal("Book", client.Requests.Single().Options.ResponseFormat!.Name);
        }

        [Fact]
        public async Task Generated_element_stream_yields_each_genre_once_it_closes()
        {
            using var client = new ScriptedClient(_ => Text(BookJson, pieceLength: 1));
            var genres = new List<string>();
            await foreach (var genre in client.GenerateBookStreamAsync("Dune?").GenresElementsAsync()) genres.Add(genre);
            Assert.Equal(new[] { "science fiction", "adventure" }, genres);
        }

        [Fact]
        public async Task Forced_tool_mode_reads_the_value_from_the_tool_arguments()
        {
            using var client = new ScriptedClient(_ => ToolCall(0, "call_1", "Book", BookJson, "tool_use"));
            var result = await client.GenerateBookAsync("Dune?", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });
            Assert.Equal(1965, result.Value.PublishedYear);
            var request = client.Requests.Single();
            Assert.Equal("Book", request.Options.Tools!.Single().Name);
            Assert.Equal(ToolChoiceKind.Tool, request.Options.ToolChoice!.Kind);
        }

        [Fact]
        public async Task Agent_loop_runs_generated_tools_over_a_scripted_protocol()
        {
            var weather = new WeatherTools();
            using var client = new ScriptedClient(request => request.Messages.Any(m => m.Role == MessageRole.Tool)
                ? Text("It is 40 C in Florence.", pieceLength: 5)
                : ToolCall(0, "call_7", "weather", "{\"location\":\"Florence\"}", "tool_calls"));
            var run = client.RunAgentAsync(new[] { ModelMessage.User("Weather in Florence?") }, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { "Florence" }, weather.Calls);
            Assert.Equal("It is 40 C in Florence.", run.Result.Text);
            Assert.Equal(2, run.Result.Steps);
            var second = client.Requests[1];
            var toolResult = second.Messages.Single(m => m.Role == MessageRole.Tool);
            Assert.Equal(("call_7", "weather", "40 C"), (toolResult.ToolResults[0].CallId, toolResult.ToolResults[0].ToolName, toolResult.ToolResults[0].Content));
            Assert.Contains(events, e => e.Kind == AgentEventKind.ToolCallArgumentsDelta && e.PartialArguments is not null);
            Assert.Equal(FinishKind.ToolCalls, events.First(e => e.Kind == AgentEventKind.StepCompleted).FinishReason!.Kind);
        }

        [Fact]
        public async Task A_generated_tool_gets_the_arguments_the_streaming_parser_already_built()
        {
            var weather = new WeatherTools();
            var generated = weather.AsToolSet();
            var handedOver = new List<object?>();
            var tools = new ToolSet().Add(generated.Definitions[0], (arguments, token) =>
            {
                handedOver.Add(arguments.Value);
                return generated.InvokeAsync("weather", arguments, token);
            });
            using var client = new ScriptedClient(request => request.Messages.Any(m => m.Role == MessageRole.Tool)
                ? Text("40 C.", pieceLength: 5)
                : ToolCall(0, "call_1", "weather", "{\"location\":\"Rome\"}", "tool_calls"));
            await client.RunAgentAsync(new[] { ModelMessage.User("Rome?") }, tools).GetResultAsync();

            var parsed = Assert.IsType<WeatherTools.WeatherArguments>(Assert.Single(handedOver));
            Assert.Equal("Rome", parsed.Location);
            Assert.Equal(new[] { "Rome" }, weather.Calls);
        }

        [Fact]
        public async Task A_source_that_ends_without_a_finish_is_reported_as_truncated()
        {
            using var client = new ScriptedClient(_ => new[] { ChatStreamUpdate.ContentDelta("{\"title\":\"Du") });
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateBookAsync("Dune?"));
            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal("Du", ((BookPartial)ex.PartialValue!).Title);
        }

        private static IEnumerable<ChatStreamUpdate> Text(string text, int pieceLength)
        {
            yield return ChatStreamUpdate.ResponseStarted("resp_1", "scripted-1");
            for (int i = 0; i < text.Length; i += pieceLength)
            {
                yield return ChatStreamUpdate.ContentDelta(text.Substring(i, System.Math.Min(pieceLength, text.Length - i)));
            }

            yield return ChatStreamUpdate.UsageReported(new ChatUsage(10, 20, 30));
            yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "done"));
        }

        private static IEnumerable<ChatStreamUpdate> ToolCall(int index, string id, string name, string arguments, string finish)
        {
            yield return ChatStreamUpdate.ToolCallStarted(index, id, name);
            for (int i = 0; i < arguments.Length; i += 4)
            {
                yield return ChatStreamUpdate.ToolCallArgumentsDelta(index, arguments.Substring(i, System.Math.Min(4, arguments.Length - i)));
            }

            yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.ToolCalls, finish));
        }

        /// <summary>A protocol that answers from a script: public API only, as a third party would write it.</summary>
        private sealed class ScriptedClient : ModelClient
        {
            private readonly System.Func<ModelRequest, IEnumerable<ChatStreamUpdate>> _script;

            public ScriptedClient(System.Func<ModelRequest, IEnumerable<ChatStreamUpdate>> script)
                : base(new ScriptedOptions())
            {
                _script = script;
            }

            public List<ModelRequest> Requests { get; } = new List<ModelRequest>();

            protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                Requests.Add(request);
                foreach (var update in _script(request))
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return update;
                }
            }
        }

        private sealed class ScriptedOptions : ModelClientOptions
        {
            public ScriptedOptions()
                : base(new System.Uri("scripted://local/"))
            {
                Model = "scripted-1";
            }
        }
    }
}
