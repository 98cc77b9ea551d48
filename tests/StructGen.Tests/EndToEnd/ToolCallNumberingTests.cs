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
    /// <summary>Tool calls are numbered by order of appearance, whatever index the provider puts on the wire.</summary>
    public class ToolCallNumberingTests
    {
        private const string Document = "{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",\"adventure\"],\"published_year\":1954,\"title\":\"The Lord of the Rings\"}";

        [Fact]
        public async Task Calls_whose_wire_indexes_start_at_one_are_numbered_from_zero_everywhere()
        {
            // OpenRouter's gpt-5 streams its reasoning item at index 0 and the tool calls at 1 and 2.
            var body = StubSseHandler.Events(new[]
            {
                Call(1, "call_a", "add", "{\"a\":2,\"b\":3}"),
                Call(2, "call_b", "multiply", "{\"a\":2,\"b\":3}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            });
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(new StubSseHandler(body)));
            var stream = client.StreamAsync(new[] { ModelMessage.User("add and multiply 2 and 3") });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            Assert.Equal(new[] { "add", "multiply" }, stream.State.ToolCalls.Select(c => c.Name));
            Assert.Equal(new[] { 0, 1 }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallStarted).Select(u => u.ToolCallIndex));
            Assert.Equal(new[] { 0, 1 }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCallIndex));
            Assert.Equal(new[] { "call_a", "call_b" }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCall!.Id));
        }

        [Fact]
        public async Task A_forced_tool_call_at_wire_index_one_still_streams_the_structured_value()
        {
            var chunks = new List<string> { Call(1, "call_1", "Book", string.Empty) };
            foreach (var piece in Splits.Random(Document, seed: 5, maxPiece: 7))
            {
                chunks.Add("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":" + JsonSerializer.Serialize(piece) + "}}]}}]}");
            }

            chunks.Add("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(new StubSseHandler(StubSseHandler.Events(chunks))));

            var result = await client.GenerateBookAsync("a book", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });

            Assert.Equal("The Lord of the Rings", result.Value.Title);
            Assert.Equal(1954, result.Value.PublishedYear);
        }

        private static string Call(int index, string id, string name, string arguments) =>
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":" + JsonSerializer.Serialize(arguments) + "}}]}}]}";
    }
}
