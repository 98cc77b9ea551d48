using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>
    /// vLLM builds the <c>response.completed</c> response anew from the parsed output (responses_full_generator), so
    /// its items carry fresh ids (and calls fresh call ids), and its harmony streaming finishes a function call under
    /// the next output index with no id. Items the stream already showed must not come twice.
    /// </summary>
    public class ResponsesRebuiltTerminalTests
    {
        private static readonly ModelMessage[] Question = { ModelMessage.User("Hi") };

        private static string Item(string type, string id, string rest) => "{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + rest + "}";

        private static string Done(int outputIndex, string item) => "{\"type\":\"response.output_item.done\",\"output_index\":" + outputIndex + ",\"item\":" + item + "}";

        private static string Added(int outputIndex, string item) => "{\"type\":\"response.output_item.added\",\"output_index\":" + outputIndex + ",\"item\":" + item + "}";

        private static string Completed(string output) =>
            "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"model\":\"openai/gpt-oss-20b\",\"output\":[" + output + "],\"usage\":" + ResponsesTestClients.Usage(5, 7) + "}}";

        private static string Message(string id, string text) => Item("message", id, ",\"role\":\"assistant\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]");

        private static string Call(string id, string callId) =>
            "{\"type\":\"function_call\"" + (id.Length > 0 ? ",\"id\":\"" + id + "\"" : string.Empty) + ",\"call_id\":\"" + callId + "\",\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\\\"Rome\\\"}\",\"status\":\"completed\"}";

        private static async Task<(ChatStreamState State, List<ChatStreamUpdate> Updates)> Read(params string[] events)
        {
            var (client, _) = ResponsesTestClients.Scripted(ResponsesTestClients.SseAnswer(events));
            var stream = client.StreamAsync(Question);
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);
            return (stream.State, updates);
        }

        [Fact]
        public async Task Text_streamed_under_one_id_is_not_repeated_by_the_completed_message_under_another()
        {
            var (state, _) = await Read(
                ResponsesTestClients.Created(),
                ResponsesTestClients.TextDelta("Hello", itemId: "msg_streamed"),
                ResponsesTestClients.TextDelta(" there", itemId: "msg_streamed"),
                Done(0, Message("msg_streamed", "Hello there")),
                Completed(Message("msg_rebuilt", "Hello there")));

            Assert.Equal("Hello there", state.Content);
        }

        [Fact]
        public async Task Reasoning_streamed_but_never_done_completes_from_the_rebuilt_item_without_its_text_again()
        {
            var (state, updates) = await Read(
                ResponsesTestClients.Created(),
                "{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_streamed\",\"output_index\":0,\"content_index\":0,\"delta\":\"Think.\"}",
                ResponsesTestClients.TextDelta("Hi", outputIndex: 1, itemId: "msg_streamed"),
                Completed(Item("reasoning", "rs_rebuilt", ",\"summary\":[],\"content\":[{\"type\":\"reasoning_text\",\"text\":\"Think.\"}],\"encrypted_content\":\"ZW5j\"") + "," + Message("msg_rebuilt", "Hi")));

            Assert.Equal("Think.", state.Reasoning);
            Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ReasoningDelta);
            var block = Assert.Single(state.ReasoningBlocks);
            Assert.True(block.MustSendBack); // the rebuilt item's encrypted_content is kept
            Assert.Equal("Hi", state.Content);
        }

        [Fact]
        public async Task A_finished_call_is_not_repeated_by_the_completed_call_with_fresh_ids()
        {
            var (state, updates) = await Read(
                ResponsesTestClients.Created(),
                Added(0, Item("function_call", "fc_streamed", ",\"call_id\":\"call_streamed\",\"name\":\"weather\",\"arguments\":\"\",\"status\":\"in_progress\"")),
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_streamed\",\"output_index\":0,\"delta\":\"{\\\"location\\\":\\\"Rome\\\"}\"}",
                Done(0, Call("fc_streamed", "call_streamed")),
                Completed(Call("fc_rebuilt", "call_rebuilt")));

            var call = Assert.Single(state.ToolCalls);
            Assert.Equal(("call_streamed", "{\"location\":\"Rome\"}"), (call.Id, call.Arguments));
            Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted);
            Assert.Equal(FinishKind.ToolCalls, state.FinishReason!.Kind);
        }

        [Fact]
        public async Task A_call_finished_under_the_next_output_index_with_no_id_is_the_call_that_streamed()
        {
            // vLLM's harmony streaming: added at 1 (id fc_a, call_id call_a), deltas at 1, then the done events at 2 with
            // no item id and a new call_id.
            var (state, updates) = await Read(
                ResponsesTestClients.Created(),
                Added(1, Item("function_call", "fc_a", ",\"call_id\":\"call_a\",\"name\":\"weather\",\"arguments\":\"\",\"status\":\"in_progress\"")),
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_a\",\"output_index\":1,\"delta\":\"{\\\"location\\\":\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_a\",\"output_index\":1,\"delta\":\"\\\"Rome\\\"}\"}",
                Done(2, Call(string.Empty, "fc_new")),
                Completed(Call("fc_rebuilt", "call_rebuilt")));

            var call = Assert.Single(state.ToolCalls);
            Assert.Equal(("call_a", "weather", "{\"location\":\"Rome\"}"), (call.Id, call.Name, call.Arguments));
            Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallStarted);
        }

        [Fact]
        public async Task A_completed_response_with_more_items_than_the_stream_showed_still_adds_the_new_ones()
        {
            var (state, _) = await Read(
                ResponsesTestClients.Created(),
                ResponsesTestClients.TextDelta("One.", itemId: "msg_streamed"),
                Completed(Message("msg_rebuilt_1", "One.") + "," + Message("msg_rebuilt_2", " Two.") + "," + Call("fc_new", "call_new")));

            Assert.Equal("One. Two.", state.Content);
            Assert.Equal("call_new", Assert.Single(state.ToolCalls).Id);
        }
    }
}
