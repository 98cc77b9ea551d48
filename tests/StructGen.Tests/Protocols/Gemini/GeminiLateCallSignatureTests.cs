using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// Gemini signs a function-calling turn on its first call, but Gemini 3 can stream that call unsigned and send
    /// the signature alone on an empty text part of a later chunk (modfin/bellman#35). The next request must carry
    /// it on the call (else INVALID_ARGUMENT): the decoder completes an unsigned first call only once a part brings
    /// the signature, or at the finish.
    /// </summary>
    public class GeminiLateCallSignatureTests
    {
        private static readonly ModelMessage[] Question = { ModelMessage.User("What's the weather?") };

        [Fact]
        public async Task A_signature_on_a_later_empty_text_part_completes_the_unsigned_first_call_and_goes_back_on_it()
        {
            var handler = new QueuedHandler()
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{\"location\": \"Florence\"}") }) +
                     GeminiEvents.Event(new[] { GeminiEvents.Text("", signature: "c2lnLUxBVEU=") }, "STOP", (10, 5, 40)))
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Text("40 C.") }, "STOP"));
            using var client = GeminiCassettes.Fake(handler);
            var stream = client.StreamAsync(Question, new ChatRequestOptions { Tools = WeatherTools.ToolDefinitions });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            var completed = Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
            Assert.Equal("c2lnLUxBVEU=", completed.ToolCall!.Signature);
            var call = Assert.Single(stream.State.ToolCalls);
            Assert.Equal("c2lnLUxBVEU=", call.Signature);
            Assert.Empty(stream.State.ReasoningBlocks); // the turn's signature is the call's, not a text signature
            Assert.Equal(FinishKind.ToolCalls, stream.State.FinishReason!.Kind);

            await client.CompleteAsync(new[] { Question[0], ModelMessage.Assistant(null, stream.State.ToolCalls, stream.State.ReasoningBlocks), ModelMessage.Tool(call.Id, "40 C") });
            var model = handler.JsonBodies[1]["contents"]![1]!;
            var expected = "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"Florence\"},\"id\":\"1\"},\"thoughtSignature\":\"c2lnLUxBVEU=\"}]}";
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), model), model.ToJsonString());
        }

        [Fact]
        public async Task Parallel_unsigned_calls_complete_in_order_once_the_signature_comes_and_it_goes_to_the_first()
        {
            var (state, updates) = await Read(
                GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{\"location\": \"Florence\"}"), GeminiEvents.Call("weather", "{\"location\": \"Rome\"}") }) +
                GeminiEvents.Event(new[] { GeminiEvents.Text("", signature: "c2lnLTE=") }, "STOP"));

            Assert.Equal(new[] { 0, 1 }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCallIndex));
            Assert.Equal(new[] { "c2lnLTE=", null }, state.ToolCalls.Select(c => c.Signature));

            // The completions wait for the signature: they come after the second event's start, not in the first event.
            int lastArguments = updates.FindLastIndex(u => u.Kind == ChatStreamUpdateKind.ToolCallArgumentsDelta);
            Assert.True(updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted) > lastArguments);
        }

        [Fact]
        public async Task A_signed_first_call_keeps_its_signature_and_a_later_one_stays_the_turns_text_signature()
        {
            var (state, updates) = await Read(
                GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{}", signature: "c2lnLUNBTEw=") }) +
                GeminiEvents.Event(new[] { GeminiEvents.Text("", signature: "c2lnLVRFWFQ=") }, "STOP"));

            var completed = Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
            Assert.Equal("c2lnLUNBTEw=", completed.ToolCall!.Signature);
            Assert.True(updates.IndexOf(completed) < updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ReasoningCompleted), "a signed call waits for nothing");
            Assert.Equal("c2lnLVRFWFQ=", Assert.Single(state.ReasoningBlocks).Signature);
        }

        [Fact]
        public async Task An_unsigned_call_that_never_gets_a_signature_completes_at_the_finish()
        {
            // Models that sign nothing (no thinking): the call completes, unsigned, with the finish of its own event.
            var (state, updates) = await Read(GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{}") }, "STOP"));

            Assert.Null(Assert.Single(state.ToolCalls).Signature);
            var kinds = updates.Select(u => u.Kind).Where(k => k is ChatStreamUpdateKind.ToolCallCompleted or ChatStreamUpdateKind.Finished).ToList();
            Assert.Equal(new[] { ChatStreamUpdateKind.ToolCallCompleted, ChatStreamUpdateKind.Finished }, kinds);
        }

        [Fact]
        public async Task A_stream_cut_after_an_unsigned_call_still_completes_it()
        {
            // No finish reason: the stream is truncated, but the call that arrived whole is not left half-open.
            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{}") })));
            var stream = client.StreamAsync(Question);
            var updates = new List<ChatStreamUpdate>();
            var failure = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var update in stream) updates.Add(update);
            });

            Assert.Equal(ChatStreamFailure.Truncated, failure.Failure);
            Assert.Single(failure.State.ToolCalls);
            Assert.Contains(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
        }

        private static async Task<(ChatStreamState State, List<ChatStreamUpdate> Updates)> Read(string body)
        {
            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(body));
            var stream = client.StreamAsync(Question);
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);
            return (stream.State, updates);
        }
    }
}
