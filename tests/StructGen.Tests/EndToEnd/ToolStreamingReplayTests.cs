using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    public class ToolStreamingReplayTests
    {
        [Theory]
        [InlineData("openai-o4-mini/tool_streaming.yaml", "o4-mini", true, 150)]
        [InlineData("openai-gpt-4o-mini/tool_streaming.yaml", "gpt-4o-mini", false, 0)]
        public async Task Agent_loop_replays_both_requests_and_runs_the_tool_once(string cassette, string model, bool completionTokens, int lastStepTotal)
        {
            var (client, handler) = Cassettes.Client(cassette, model, d =>
            {
                if (completionTokens) d.MaxCompletionTokens = 4000;
                else d.MaxTokens = 4000;
            });
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Contains("40", run.Result.Text);
            Assert.Equal(string.Concat(events.Where(e => e.Kind == AgentEventKind.TextDelta).Select(e => e.Text)), run.Result.Text);
            var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.Equal("40 C", result.Result);
            Assert.Equal("weather", result.ToolName);
            Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallStarted);
            Assert.Equal("{\"location\":\"Florence, Italy\"}", string.Concat(events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text)));
            Assert.NotNull(run.Result.Usage);
            if (lastStepTotal > 0) Assert.Equal(lastStepTotal, events.Last(e => e.Kind == AgentEventKind.StepCompleted).Usage!.TotalTokens);
            handler.AssertAllUsed();
        }

        /// <summary>The recorded sessions' tool, hand-registered until the generator covers [Tool].</summary>
        private sealed class WeatherTools
        {
            public List<string> Calls { get; } = new List<string>();

            public ToolSet AsToolSet()
            {
                const string Parameters = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"the city\"}},\"required\":[\"location\"]}";
                var definition = new ToolDefinition("weather", "Get weather information for a location", Parameters, strict: false);
                return new ToolSet().Add(definition, (args, _) =>
                {
                    using var doc = System.Text.Json.JsonDocument.Parse(args.Json);
                    lock (Calls) Calls.Add(doc.RootElement.GetProperty("location").GetString()!);
                    return new ValueTask<string>("40 C");
                });
            }
        }
    }
}
