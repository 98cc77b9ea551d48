using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    public class ForcedToolCallTests
    {
        private const string Document = "{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",\"adventure\"],\"published_year\":1954,\"title\":\"The Lord of the Rings\"}";

        [Fact]
        public async Task Book_streams_through_a_forced_tool_call_with_the_same_guarantees()
        {
            var chunks = new List<string>
            {
                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"Book\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
            };
            foreach (var piece in Splits.Random(Document, seed: 3, maxPiece: 5))
            {
                chunks.Add("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(piece) + "}}]},\"finish_reason\":null}]}");
            }

            chunks.Add("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            chunks.Add("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}");
            var handler = new StubSseHandler(StubSseHandler.Events(chunks));
            var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "local-model" }, new HttpClient(handler));

            var stream = client.GenerateBookStreamAsync("a book", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });
            var observations = new List<PartialObservation>();
            await foreach (var partial in stream)
            {
                var observation = PartialObservation.Of(partial);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, "forced tool");
                observations.Add(observation);
                Assert.True(partial.PublishedYear is null or 1954);
            }

            foreach (var o in observations) PartialObservation.AssertConsistentWithFinal(o, observations[^1], "forced tool");
            Assert.True(observations.Count >= 15);
            Assert.Equal("The Lord of the Rings", stream.Result.Value.Title);
            Assert.Equal(30, stream.Usage!.TotalTokens);

            using var request = JsonDocument.Parse(handler.RequestBodies.Single());
            var root = request.RootElement;
            Assert.False(root.TryGetProperty("response_format", out _));
            var function = root.GetProperty("tools")[0].GetProperty("function");
            Assert.Equal("Book", function.GetProperty("name").GetString());
            Assert.True(function.GetProperty("strict").GetBoolean());
            Assert.Equal("A book with title, author, genres, and publication year", function.GetProperty("description").GetString());
            Assert.Equal(JsonDocument.Parse(Book.JsonSchema).RootElement.GetRawText(), function.GetProperty("parameters").GetRawText());
            Assert.Equal("Book", root.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        }

        [Fact]
        public async Task Two_interleaved_parallel_tool_calls_are_dispatched_with_their_own_arguments()
        {
            string Delta(int index, string? id, string? name, string args) =>
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + (id is null ? "" : ",\"id\":\"" + id + "\",\"type\":\"function\"") +
                ",\"function\":{" + (name is null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + JsonSerializer.Serialize(args) + "}}]},\"finish_reason\":null}]}";
            var first = new[]
            {
                Delta(0, "call_a", "weather", ""), Delta(1, "call_b", "weather", ""),
                Delta(0, null, null, "{\"location\":\"Flo"), Delta(1, null, null, "{\"loca"), Delta(0, null, null, "rence\"}"), Delta(1, null, null, "tion\":\"Rome\"}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            };
            var second = new[]
            {
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Both are hot.\"},\"finish_reason\":null}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            };
            var handler = new SequenceSseHandler(StubSseHandler.Events(first), StubSseHandler.Events(second));
            var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(handler));
            var calls = new List<string>();
            var definition = new Tools.ToolDefinition("weather", null, "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}", false);
            var tools = new Tools.ToolSet().Add(definition, (args, _) =>
            {
                using var doc = JsonDocument.Parse(args.Json);
                lock (calls) calls.Add(doc.RootElement.GetProperty("location").GetString()!);
                return new ValueTask<string>("hot");
            });

            var result = await Tools.AgentExtensions.RunAgentAsync(client, new[] { ModelMessage.User("weather?") }, tools).GetResultAsync();
            Assert.Equal(new[] { "Florence", "Rome" }, calls.OrderBy(c => c));
            Assert.Equal("Both are hot.", result.Text);
            using var secondRequest = JsonDocument.Parse(handler.RequestBodies[1]);
            var messages = secondRequest.RootElement.GetProperty("messages");
            Assert.Equal(2, messages[1].GetProperty("tool_calls").GetArrayLength());
            Assert.Equal("call_a", messages[2].GetProperty("tool_call_id").GetString());
            Assert.Equal("call_b", messages[3].GetProperty("tool_call_id").GetString());
        }

        private sealed class SequenceSseHandler : HttpMessageHandler
        {
            private readonly Queue<string> _bodies;

            public SequenceSseHandler(params string[] bodies) => _bodies = new Queue<string>(bodies);

            public List<string> RequestBodies { get; } = new List<string>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                RequestBodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(_bodies.Dequeue(), System.Text.Encoding.UTF8, "text/event-stream") };
            }
        }
    }
}
