using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Chat;
using StructGen.Integrations.Tests.Fixtures;
using StructGen.OpenAI;
using StructGen.Tests.Shared;
using Xunit;

namespace StructGen.Integrations.Tests.OpenAI
{
    /// <summary>The SDK's ChatClient read through the core: the forced tool is written by the SDK and its argument deltas become the value.</summary>
    public class OpenAIChatModelClientTests
    {
        private static string Chunk(string delta, string? finishReason = null) =>
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o4-mini\",\"choices\":[{\"index\":0,\"delta\":" + delta
            + ",\"finish_reason\":" + (finishReason is null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";

        private static string ToolCallStream(string arguments)
        {
            var sse = new StringBuilder();
            sse.Append(Chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"Book\",\"arguments\":\"\"}}]}"));
            for (int i = 0; i < arguments.Length; i += 7)
            {
                var piece = arguments.Substring(i, System.Math.Min(7, arguments.Length - i));
                sse.Append(Chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(piece) + "}}]}"));
            }

            sse.Append(Chunk("{}", "tool_calls"));
            sse.Append("data: [DONE]\n\n");
            return sse.ToString();
        }

        [Fact]
        public async Task Forced_tool_mode_streams_partials_from_the_sdks_tool_call_deltas()
        {
            var handler = new CassetteHandler(ToolCallStream(BookText.Json), "text/event-stream");
            var stream = OpenAIStreamingReplayTests.CreateClient(handler).GenerateStreamAsync(
                HandBook.StructuredOutput,
                new ChatMessage[] { new UserChatMessage("A book.") },
                requestOptions: new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });

            var partials = new List<HandBookPartial>();
            await foreach (var partial in stream) partials.Add(partial);

            Assert.True(partials.Count > 5, $"expected several partials, got {partials.Count}");
            Assert.Equal(1954, stream.Result.Value.PublishedYear);
            Assert.Equal(FinishKind.ToolCalls, stream.Result.FinishReason?.Kind);
            Assert.Equal("call_1", stream.State.ToolCalls.Single().Id);

            var body = JsonDocument.Parse(Assert.Single(handler.RequestBodies)).RootElement;
            var function = Assert.Single(body.GetProperty("tools").EnumerateArray().ToArray()).GetProperty("function");
            Assert.Equal("Book", function.GetProperty("name").GetString());
            Assert.True(function.GetProperty("strict").GetBoolean());
            Assert.Equal("Book", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
            Assert.False(body.TryGetProperty("response_format", out _));
        }

        [Fact]
        public async Task A_stream_cut_before_the_finish_reason_is_reported_as_truncated_with_the_last_partial()
        {
            var cut = Chunk("{\"role\":\"assistant\",\"content\":" + JsonSerializer.Serialize(BookText.Json.Substring(0, 40)) + "}");
            var handler = new CassetteHandler(cut, "text/event-stream");

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => OpenAIStreamingReplayTests.CreateClient(handler)
                .GenerateStreamAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage("A book.") })
                .GetResultAsync());

            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal(BookText.Json.Substring(0, 40), ex.PartialContent);
            Assert.IsType<HandBookPartial>(ex.PartialValue);
        }
    }
}
