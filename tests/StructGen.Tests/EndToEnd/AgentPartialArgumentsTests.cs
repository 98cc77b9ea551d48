using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>While a generated tool's call streams, the agent loop reports its typed partial arguments.</summary>
    public class AgentPartialArgumentsTests
    {
        [Fact]
        public async Task The_recorded_call_streams_typed_partial_arguments_that_only_grow()
        {
            var (client, handler) = Cassettes.Client("openai-gpt-4o-mini/tool_streaming.yaml", "gpt-4o-mini", d => d.MaxTokens = 4000);
            var run = client.RunAgentAsync(WeatherPrompts.Florence, new WeatherTools().AsToolSet());
            var partials = new List<WeatherArgumentsPartial?>();
            await foreach (var e in run)
            {
                if (e.Kind == AgentEventKind.ToolCallArgumentsDelta) partials.Add(Assert.IsType<WeatherArgumentsPartial>(e.PartialArguments));
            }

            handler.AssertAllUsed();
            var locations = partials.Select(p => p!.Location ?? string.Empty).ToList();
            Assert.Equal("Florence, Italy", locations[^1]);
            Assert.Equal(FieldState.Complete, partials[^1]!.LocationState);
            for (int i = 1; i < locations.Count; i++) Assert.StartsWith(locations[i - 1], locations[i]);
            Assert.Contains(partials, p => p!.LocationState == FieldState.Streaming && p.Location == "Flor");
        }

        [Fact]
        public async Task Broken_argument_text_stops_the_partials_of_that_call_and_the_call_fails_cleanly()
        {
            var first = new[]
            {
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"]]\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            };
            var second = new[] { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Sorry.\"},\"finish_reason\":\"stop\"}]}" };
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(new SequenceSseHandler(StubSseHandler.Events(first), StubSseHandler.Events(second))));

            var events = new List<AgentEvent>();
            await foreach (var e in client.RunAgentAsync(WeatherPrompts.Florence, new WeatherTools().AsToolSet())) events.Add(e);

            var deltas = events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).ToList();
            Assert.Equal(2, deltas.Count);
            Assert.Null(deltas[1].PartialArguments); // "]]" cannot continue the document: parsing stops for this call
            var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.True(result.IsError);
        }
    }
}
