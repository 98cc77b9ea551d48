using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>Constructed Messages streams for what the recordings do not show: thinking, parallel calls, limits, refusals, errors, retries.</summary>
    public class AnthropicConstructedStreamTests
    {
        private static readonly ModelMessage[] WeatherQuestion = { ModelMessage.User("What's the weather in Florence and Paris?") };

        private static string Final(string text) => Events(MessageStart("msg_2", 50), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, text), BlockStop(0), MessageDelta("end_turn", 5), MessageStop());

        [Fact]
        public async Task Thinking_and_signature_deltas_then_a_tool_call_send_the_thinking_blocks_back_unchanged()
        {
            var first = Events(
                MessageStart("msg_1", 100),
                BlockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
                Delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"The user wants \"}"),
                Delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"the weather.\"}"),
                Delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCkYIBRgCKkBsig==\"}"),
                BlockStop(0),
                BlockStart(1, "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4a\"}"),
                BlockStop(1),
                ("ping", "{\"type\": \"ping\"}"),
                BlockStart(2, "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{},\"caller\":{\"type\":\"direct\"}}"),
                JsonDelta(2, ""),
                JsonDelta(2, "{\"location\":"),
                JsonDelta(2, " \"Florence\"}"),
                BlockStop(2),
                MessageDelta("tool_use", 80),
                MessageStop());
            var handler = new ScriptedHandler().Then(first).Then(Final("40 C in Florence."));
            var client = Over(handler, o => o.Beta = "interleaved-thinking-2025-05-14");
            var weather = new WeatherTools();
            var options = new AgentOptions { Request = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { ["thinking"] = "{\"type\":\"enabled\",\"budget_tokens\":2048}" } } };
            var run = client.RunAgentAsync(WeatherQuestion, weather.AsToolSet(), options);
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { "Florence" }, weather.Calls);
            Assert.Equal("The user wants the weather.", string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta).Select(e => e.Text)));
            var reasoning = run.Result.Messages[1].Reasoning;
            Assert.Equal(2, reasoning.Count);
            Assert.Equal(("The user wants the weather.", "EqQBCkYIBRgCKkBsig=="), (reasoning[0].Text, reasoning[0].Signature));
            Assert.All(reasoning, r => Assert.True(r.MustSendBack && r.Protocol == WireProtocols.AnthropicMessages));

            var second = JsonNode.Parse(handler.RequestBodies[1])!;
            Assert.Equal("{\"type\":\"enabled\",\"budget_tokens\":2048}", second["thinking"]!.ToJsonString());
            var assistant = second["messages"]![1]!;
            Assert.Equal("assistant", (string?)assistant["role"]);
            var expected = JsonNode.Parse("""
                [
                  {"signature":"EqQBCkYIBRgCKkBsig==","thinking":"The user wants the weather.","type":"thinking"},
                  {"data":"EmwKAhgBEgy3va3pzix/LafPsn4a","type":"redacted_thinking"},
                  {"id":"toolu_1","input":{"location":"Florence"},"name":"weather","type":"tool_use"}
                ]
                """);
            Assert.True(JsonNode.DeepEquals(expected, assistant["content"]), assistant["content"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("""{"content":[{"tool_use_id":"toolu_1","content":[{"text":"40 C","type":"text"}],"type":"tool_result"}],"role":"user"}"""),
                second["messages"]![2]));

            var request = handler.Requests[0];
            Assert.Equal("sk-ant-test-not-a-real-key", request.Headers.GetValues("x-api-key").Single());
            Assert.Equal("2023-06-01", request.Headers.GetValues("anthropic-version").Single());
            Assert.Equal("interleaved-thinking-2025-05-14", request.Headers.GetValues("anthropic-beta").Single());
            Assert.False(request.Headers.Contains("Authorization"));
            Assert.Equal("https://api.anthropic.com/v1/messages", request.RequestUri!.AbsoluteUri);
        }

        [Fact]
        public async Task Two_parallel_tool_calls_are_numbered_by_tool_use_block_and_answered_in_one_user_message()
        {
            var first = Events(
                MessageStart(),
                BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                TextDelta(0, "Checking both."),
                BlockStop(0),
                BlockStart(1, "{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"weather\",\"input\":{}}"),
                JsonDelta(1, "{\"location\": \"Flor"),
                BlockStart(2, "{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"weather\",\"input\":{}}"),
                JsonDelta(2, "{\"location\": \"Paris\"}"),
                JsonDelta(1, "ence\"}"),
                BlockStop(1),
                BlockStop(2),
                MessageDelta("tool_use", 40),
                MessageStop());
            var handler = new ScriptedHandler().Then(first).Then(Final("Both are hot."));
            var weather = new WeatherTools();
            var run = Over(handler).RunAgentAsync(WeatherQuestion, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { "Florence", "Paris" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            var calls = run.Result.Messages[1].ToolCalls;
            Assert.Equal(new[] { ("toolu_a", "{\"location\": \"Florence\"}"), ("toolu_b", "{\"location\": \"Paris\"}") }, calls.Select(c => (c.Id, c.Arguments)));
            Assert.Equal(new[] { 0, 1 }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => e.ToolCallIndex));

            var second = JsonNode.Parse(handler.RequestBodies[1])!["messages"]!.AsArray();
            Assert.Equal(3, second.Count);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
                [
                  {"text":"Checking both.","type":"text"},
                  {"id":"toolu_a","input":{"location":"Florence"},"name":"weather","type":"tool_use"},
                  {"id":"toolu_b","input":{"location":"Paris"},"name":"weather","type":"tool_use"}
                ]
                """), second[1]!["content"]));
            var results = second[2]!["content"]!.AsArray();
            Assert.Equal("user", (string?)second[2]!["role"]);
            Assert.Equal(new[] { "toolu_a", "toolu_b" }, results.Select(r => (string?)r!["tool_use_id"]));
            Assert.All(results, r => Assert.Null(r!["is_error"]));
        }

        [Fact]
        public async Task Max_tokens_in_the_middle_of_the_object_is_a_length_failure_with_the_partial()
        {
            var body = Events(
                MessageStart(),
                BlockStart(0, "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Book\",\"input\":{}}"),
                JsonDelta(0, "{\"title\": \"The Lo"),
                JsonDelta(0, "rd\", \"published_year\": 19"),
                BlockStop(0),
                MessageDelta("max_tokens", 12),
                MessageStop());
            var stream = Over(new ScriptedHandler().Then(body)).GenerateBookStreamAsync("A book", new ChatRequestOptions { MaxTokens = 12 });
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream) { }
            });

            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(new FinishReason(FinishKind.Length, "max_tokens"), ex.FinishReason);
            var partial = Assert.IsType<BookPartial>(ex.PartialValue);
            Assert.Equal("The Lord", partial.Title);
            Assert.Null(partial.PublishedYear); // 19… never shown
            Assert.Equal(22, ex.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Refusal_stop_reason_is_a_refusal_failure_for_structured_output_and_the_finish_reason_of_a_text_stream()
        {
            var refusedBook = Events(MessageStart(), MessageDelta("refusal", 0), MessageStop());
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => Over(new ScriptedHandler().Then(refusedBook)).GenerateBookAsync("A book"));
            Assert.Equal(ChatStreamFailure.Refusal, ex.Failure);
            Assert.Equal(new FinishReason(FinishKind.Refusal, "refusal"), ex.FinishReason);

            var refusedText = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "I can"), BlockStop(0), MessageDelta("refusal", 3), MessageStop());
            var text = Over(new ScriptedHandler().Then(refusedText)).StreamTextAsync(new[] { ModelMessage.User("…") });
            await foreach (var _ in text) { }
            Assert.Equal("I can", text.Text);
            Assert.Equal(new FinishReason(FinishKind.Refusal, "refusal"), text.FinishReason);
        }

        [Theory]
        [InlineData("end_turn", FinishKind.Stop)]
        [InlineData("stop_sequence", FinishKind.Stop)]
        [InlineData("max_tokens", FinishKind.Length)]
        [InlineData("model_context_window_exceeded", FinishKind.Length)]
        [InlineData("tool_use", FinishKind.ToolCalls)]
        [InlineData("pause_turn", FinishKind.Other)]
        [InlineData("something_new", FinishKind.Other)]
        public async Task Stop_reasons_map_to_the_neutral_finish_kind_with_the_raw_value_kept(string stopReason, FinishKind kind)
        {
            var body = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"Hi\"}"), BlockStop(0), ("some_future_event", "{\"type\":\"some_future_event\"}"), MessageDelta(stopReason, 2), MessageStop());
            var text = Over(new ScriptedHandler().Then(body)).StreamTextAsync(new[] { ModelMessage.User("Hi") });
            await foreach (var _ in text) { }
            Assert.Equal(new FinishReason(kind, stopReason), text.FinishReason);
            Assert.Equal("Hi", text.Text);
        }

        [Fact]
        public async Task An_error_event_mid_stream_is_a_provider_error_that_keeps_what_arrived()
        {
            var body = Events(
                MessageStart(),
                BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                TextDelta(0, "Partial answer"),
                ("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
            var text = Over(new ScriptedHandler().Then(body)).StreamTextAsync(new[] { ModelMessage.User("Hi") });
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in text) { }
            });

            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("overloaded_error", ex.ErrorType);
            Assert.Equal("Overloaded", ex.ErrorMessage);
            Assert.Contains("Overloaded [overloaded_error]", ex.Message, StringComparison.Ordinal);
            Assert.Equal("Partial answer", ex.PartialContent);
            Assert.DoesNotContain("sk-ant-test", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Http_529_overloaded_is_retried_then_the_answer_streams()
        {
            var handler = new ScriptedHandler()
                .Then((HttpStatusCode)529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}")
                .Then(Final("Olá!"));
            var client = Over(handler, o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(1));
            var text = client.StreamTextAsync(new[] { ModelMessage.User("Hi") });
            await foreach (var _ in text) { }

            Assert.Equal("Olá!", text.Text);
            Assert.Equal(2, handler.RequestBodies.Count);
            Assert.Equal(handler.RequestBodies[0], handler.RequestBodies[1]);
            Assert.Equal(new FinishReason(FinishKind.Stop, "end_turn"), text.FinishReason);
        }

        [Fact]
        public async Task Http_400_error_body_becomes_a_typed_api_exception()
        {
            var handler = new ScriptedHandler().Then(HttpStatusCode.BadRequest, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: must be at least 1\"},\"request_id\":\"req_2\"}");
            var ex = await Assert.ThrowsAsync<ChatApiException>(async () =>
            {
                await foreach (var _ in Over(handler).StreamTextAsync(new[] { ModelMessage.User("Hi") })) { }
            });
            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.Equal("invalid_request_error", ex.ErrorType);
            Assert.Equal("max_tokens: must be at least 1", ex.ErrorMessage);
            Assert.Single(handler.RequestBodies);
        }

        [Fact]
        public async Task A_stream_cut_before_message_delta_is_truncated_and_one_cut_after_it_is_complete()
        {
            var cut = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "Hel"));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in Over(new ScriptedHandler().Then(cut)).StreamTextAsync(new[] { ModelMessage.User("Hi") })) { }
            });
            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal("Hel", ex.PartialContent);

            var noStop = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "Hello"), BlockStop(0), MessageDelta("end_turn", 2));
            var text = Over(new ScriptedHandler().Then(noStop)).StreamTextAsync(new[] { ModelMessage.User("Hi") });
            await foreach (var _ in text) { }
            Assert.Equal(new FinishReason(FinishKind.Stop, "end_turn"), text.FinishReason);
        }

        [Fact]
        public async Task Server_tool_blocks_are_not_client_calls_and_cache_usage_counts_in_the_prompt()
        {
            var body = Events(
                ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"model\":\"m\",\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":20,\"output_tokens\":1}}}"),
                BlockStart(0, "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}"),
                JsonDelta(0, "{\"query\": \"weather\"}"),
                BlockStop(0),
                BlockStart(1, "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}"),
                BlockStop(1),
                BlockStart(2, "{\"type\":\"text\",\"text\":\"\",\"citations\":[]}"),
                Delta(2, "{\"type\":\"citations_delta\",\"citation\":{\"type\":\"web_search_result_location\",\"cited_text\":\"x\"}}"),
                TextDelta(2, "Sunny."),
                BlockStop(2),
                BlockStart(3, "{\"type\":\"tool_use\",\"id\":\"toolu_c\",\"name\":\"weather\",\"input\":{\"location\":\"Rome\"}}"),
                BlockStop(3),
                MessageDelta("tool_use", 30),
                MessageStop());
            var stream = Over(new ScriptedHandler().Then(body)).StreamAsync(new[] { ModelMessage.User("Weather?") });
            await foreach (var _ in stream) { }

            var state = stream.State;
            Assert.Equal("Sunny.", state.Content);
            var call = Assert.Single(state.ToolCalls); // the server_tool_use block is Anthropic's to run
            Assert.Equal(("toolu_c", "weather", "{\"location\":\"Rome\"}"), (call.Id, call.Name, call.Arguments));
            Assert.Equal((130, 30, 160, 100), (state.Usage!.PromptTokens, state.Usage.CompletionTokens, state.Usage.TotalTokens, state.Usage.CachedPromptTokens));
        }

        [Fact]
        public async Task Invalid_event_data_is_an_invalid_chunk_failure()
        {
            var body = Events(MessageStart(), ("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in Over(new ScriptedHandler().Then(body)).StreamTextAsync(new[] { ModelMessage.User("Hi") })) { }
            });
            Assert.Equal(ChatStreamFailure.InvalidChunk, ex.Failure);
        }
    }
}
