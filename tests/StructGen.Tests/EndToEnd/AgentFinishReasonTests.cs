using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    public class AgentFinishReasonTests
    {
        [Fact]
        public async Task Tool_calls_finished_with_stop_instead_of_tool_calls_still_run()
        {
            // Gemini's compatibility layer (and some local servers) finish a tool-calling turn with "stop".
            var first = StubSseHandler.Events(new[]
            {
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"function-call-1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\\\"Florence, Italy\\\"}\"}}]},\"finish_reason\":\"stop\"}]}",
            });
            var second = StubSseHandler.Events(new[] { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"40 C.\"},\"finish_reason\":\"stop\"}]}" });
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "gemini-2.5-flash" }, new HttpClient(new SequenceSseHandler(first, second)));
            var weather = new WeatherTools();

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("Weather in Florence?") }, weather.AsToolSet()).GetResultAsync();

            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, result.Steps);
            Assert.Equal("40 C.", result.Text);
            Assert.Equal("function-call-1", result.Messages.OfType<ModelMessage>().Single(m => m.Role == MessageRole.Tool).ToolResults[0].CallId);
        }
    }
}
