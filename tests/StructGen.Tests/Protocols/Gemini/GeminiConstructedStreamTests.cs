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

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>Constructed Gemini streams for what the recordings do not show.</summary>
    public class GeminiConstructedStreamTests
    {
        private static readonly ModelMessage[] Question = { ModelMessage.User("What's the weather?") };

        private static async Task<(ChatStreamState State, List<ChatStreamUpdate> Updates)> Read(string body, QueuedHandler? handler = null)
        {
            using var client = GeminiCassettes.Fake(handler ?? new QueuedHandler().Add(body));
            var stream = client.StreamAsync(Question);
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);
            return (stream.State, updates);
        }

        [Fact]
        public async Task Thought_parts_are_reasoning_and_a_text_signature_goes_back_on_the_text_part()
        {
            var handler = new QueuedHandler()
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Text("Thinking about", thought: true) }) +
                     GeminiEvents.Event(new[] { GeminiEvents.Text(" the sky.", thought: true) }) +
                     GeminiEvents.Event(new[] { GeminiEvents.Text("It is "), GeminiEvents.Text("blue.") }) +
                     GeminiEvents.Event(new[] { GeminiEvents.Text("", signature: "c2lnLUE=") }, "STOP", (5, 3, 20)))
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Text("Yes.") }, "STOP"));
            using var client = GeminiCassettes.Fake(handler);
            var stream = client.StreamAsync(Question);
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            Assert.Equal(new[] { "Thinking about", " the sky." }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text));
            Assert.Equal("It is blue.", stream.State.Content);
            Assert.Equal("Thinking about the sky.", stream.State.Reasoning);
            var block = Assert.Single(stream.State.ReasoningBlocks);
            Assert.Equal((WireProtocols.Gemini, "Thinking about the sky.", "c2lnLUE="), (block.Protocol, block.Text, block.Signature));
            Assert.Equal(new FinishReason(FinishKind.Stop, "STOP"), stream.State.FinishReason);

            // Sent back: the signature on the model's text part, the thought text left out.
            var history = new[] { Question[0], ModelMessage.Assistant(stream.State.Content, null, stream.State.ReasoningBlocks), ModelMessage.User("Sure?") };
            await client.CompleteAsync(history);
            var model = handler.JsonBodies[1]["contents"]![1]!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"parts\":[{\"text\":\"It is blue.\",\"thoughtSignature\":\"c2lnLUE=\"}],\"role\":\"model\"}"), model), model.ToJsonString());
        }

        [Fact]
        public async Task Two_calls_in_one_response_run_and_go_back_in_order_with_the_signature_on_the_first_only()
        {
            var handler = new QueuedHandler()
                .Add(GeminiEvents.Event(
                    new[] { GeminiEvents.Call("weather", "{\"location\": \"Florence\"}", signature: "c2lnLTE="), GeminiEvents.Call("weather", "{\"location\": \"Paris\"}") },
                    "STOP",
                    (10, 20, 30)))
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Text("Both are 40 C.") }, "STOP", (40, 5, 45)));
            using var client = GeminiCassettes.Fake(handler);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(Question, weather.AsToolSet());
            await foreach (var _ in run)
            {
            }

            Assert.Equal(new[] { "Florence", "Paris" }, weather.Calls.OrderBy(c => c == "Paris"));
            Assert.Equal("Both are 40 C.", run.Result.Text);
            var calls = run.Result.Messages[1].ToolCalls;
            Assert.Equal(new[] { "1", "2" }, calls.Select(c => c.Id));
            Assert.Equal(new[] { "c2lnLTE=", null }, calls.Select(c => c.Signature));

            var contents = handler.JsonBodies[1]["contents"]!.AsArray();
            Assert.Equal(3, contents.Count);
            var expectedModel = "{\"role\":\"model\",\"parts\":[" +
                "{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"Florence\"},\"id\":\"1\"},\"thoughtSignature\":\"c2lnLTE=\"}," +
                "{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"Paris\"},\"id\":\"2\"}}]}";
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedModel), contents[1]), contents[1]!.ToJsonString());
            var expectedResults = "{\"role\":\"user\",\"parts\":[" +
                "{\"functionResponse\":{\"name\":\"weather\",\"id\":\"1\",\"response\":{\"result\":\"40 C\"}}}," +
                "{\"functionResponse\":{\"name\":\"weather\",\"id\":\"2\",\"response\":{\"result\":\"40 C\"}}}]}";
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedResults), contents[2]), contents[2]!.ToJsonString());
        }

        [Fact]
        public async Task Server_call_ids_are_kept_and_the_counter_is_not_used()
        {
            var (state, _) = await Read(GeminiEvents.Event(new[] { GeminiEvents.Call("weather", "{}", id: "srv-9") }, "STOP"));
            Assert.Equal("srv-9", Assert.Single(state.ToolCalls).Id);
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "STOP"), state.FinishReason);
        }

        [Fact]
        public async Task Max_tokens_mid_object_is_a_length_failure_with_the_partial_value()
        {
            var body = GeminiEvents.Event(new[] { GeminiEvents.Text("{\"author\": {\"name\": \"J.R.R. Tol") }) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("kien\", \"nationality\": \"Eng") }, "MAX_TOKENS", (38, 16, 54));
            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(body));
            var stream = client.GenerateBookStreamAsync("book");
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });
            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(new FinishReason(FinishKind.Length, "MAX_TOKENS"), ex.FinishReason);
            var partial = Assert.IsType<BookPartial>(ex.PartialValue);
            Assert.Equal("J.R.R. Tolkien", partial.Author!.Name);
            Assert.Null(partial.Title);
            Assert.Equal(54, ex.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Safety_with_no_content_is_a_content_filter_failure()
        {
            var body = GeminiEvents.Data("{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0,\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"probability\":\"HIGH\",\"blocked\":true}]}],\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9},\"responseId\":\"r\"}");
            var (state, updates) = await Read(body);
            Assert.Equal(new FinishReason(FinishKind.ContentFilter, "SAFETY"), state.FinishReason);
            Assert.DoesNotContain(updates, u => u.Kind == ChatStreamUpdateKind.ContentDelta);

            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(body));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateBookAsync("book"));
            Assert.Equal(ChatStreamFailure.ContentFilter, ex.Failure);
        }

        [Theory]
        [InlineData("RECITATION", FinishKind.ContentFilter)]
        [InlineData("PROHIBITED_CONTENT", FinishKind.ContentFilter)]
        [InlineData("MALFORMED_FUNCTION_CALL", FinishKind.Other)]
        [InlineData("SOMETHING_NEW", FinishKind.Other)]
        public async Task Finish_reasons_keep_their_raw_value(string raw, FinishKind kind)
        {
            var (state, _) = await Read(GeminiEvents.Event(new[] { GeminiEvents.Text("x") }, raw));
            Assert.Equal(new FinishReason(kind, raw), state.FinishReason);
        }

        [Fact]
        public async Task A_blocked_prompt_finishes_with_content_filter_and_its_usage()
        {
            var body = GeminiEvents.Data("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-flash\"}");
            var (state, _) = await Read(body);
            Assert.Equal(new FinishReason(FinishKind.ContentFilter, "PROMPT_BLOCKED:PROHIBITED_CONTENT"), state.FinishReason);
            Assert.Equal(12, state.Usage!.PromptTokens);
            Assert.Equal(string.Empty, state.Content);

            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(body));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateBookAsync("book"));
            Assert.Equal(ChatStreamFailure.ContentFilter, ex.Failure);
        }

        [Theory]
        [InlineData(429, "RESOURCE_EXHAUSTED")]
        [InlineData(503, "UNAVAILABLE")]
        public async Task Transient_http_errors_in_googles_shape_are_retried(int status, string rpcStatus)
        {
            var handler = new QueuedHandler()
                .Add((HttpStatusCode)status, "{\"error\":{\"code\":" + status + ",\"message\":\"Try later.\",\"status\":\"" + rpcStatus + "\"}}")
                .Add(GeminiEvents.Event(new[] { GeminiEvents.Text("Olá!") }, "STOP", (1, 1, 2)));
            var (state, _) = await Read(string.Empty, handler);
            Assert.Equal("Olá!", state.Content);
            Assert.Equal(2, handler.Requests.Count);
            Assert.All(handler.Requests, r => Assert.Equal("AIza-test-not-a-real-key", Assert.Single(r.Headers.GetValues("x-goog-api-key"))));
            Assert.All(handler.Requests, r => Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", r.RequestUri!.ToString()));
        }

        [Fact]
        public async Task An_error_body_is_a_typed_api_exception_without_the_key()
        {
            var handler = new QueuedHandler().Add(HttpStatusCode.BadRequest,
                "{\"error\":{\"code\":400,\"message\":\"API key not valid: AIza-test-not-a-real-key\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}");
            var ex = await Assert.ThrowsAsync<ChatApiException>(() => Read(string.Empty, handler));
            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.Equal("400", ex.ErrorCode);
            Assert.StartsWith("API key not valid", ex.ErrorMessage);
            Assert.DoesNotContain("AIza-test-not-a-real-key", ex.Message + ex.RawBody + ex.ErrorMessage);
            Assert.Contains("INVALID_ARGUMENT", ex.RawBody);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task An_error_event_inside_the_stream_is_a_provider_error()
        {
            var body = GeminiEvents.Event(new[] { GeminiEvents.Text("Hel") }) + GeminiEvents.Data("{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}");
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => Read(body));
            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("503", ex.ErrorCode);
            Assert.Equal("Hel", ex.PartialContent);
        }

        [Fact]
        public async Task A_stream_without_a_finish_reason_is_truncated_and_an_unreadable_event_is_invalid()
        {
            var truncated = await Assert.ThrowsAsync<ChatStreamException>(() => Read(GeminiEvents.Event(new[] { GeminiEvents.Text("Hel") })));
            Assert.Equal(ChatStreamFailure.Truncated, truncated.Failure);
            var invalid = await Assert.ThrowsAsync<ChatStreamException>(() => Read(GeminiEvents.Data("{\"candidates\": [")));
            Assert.Equal(ChatStreamFailure.InvalidChunk, invalid.Failure);
        }

        [Fact]
        public async Task Usage_is_cumulative_and_the_last_report_wins()
        {
            var body = GeminiEvents.Event(new[] { GeminiEvents.Text("a") }, null, (10, 1, 11)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("b") }, "STOP", (10, 2, 12));
            var (state, updates) = await Read(body);
            Assert.Equal(2, updates.Count(u => u.Kind == ChatStreamUpdateKind.Usage));
            Assert.Equal((10, 2, 12, (int?)null), (state.Usage!.PromptTokens, state.Usage.CompletionTokens, state.Usage.TotalTokens, state.Usage.ReasoningTokens));
        }

        [Fact]
        public async Task Repeated_usage_is_published_first_and_then_once_just_before_the_finish()
        {
            var body = GeminiEvents.Event(new[] { GeminiEvents.Text("a") }, null, (10, 1, 11)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("b") }, null, (10, 2, 12)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("c") }, null, (10, 3, 13)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("d") }, "STOP", (10, 4, 14));
            var (state, updates) = await Read(body);
            var usages = updates.Where(u => u.Kind == ChatStreamUpdateKind.Usage).Select(u => (u.Usage!.CompletionTokens, u.Usage.TotalTokens)).ToList();
            Assert.Equal(new[] { (1, 11), (4, 14) }, usages);
            Assert.Equal(ChatStreamUpdateKind.Usage, updates[updates.Count - 2].Kind);
            Assert.Equal(ChatStreamUpdateKind.Finished, updates[updates.Count - 1].Kind);
            Assert.Equal("abcd", state.Content);
            Assert.Equal((10, 4, 14), (state.Usage!.PromptTokens, state.Usage.CompletionTokens, state.Usage.TotalTokens));
        }

        [Fact]
        public async Task A_stream_cut_before_its_finish_still_reports_the_last_usage_it_sent()
        {
            var body = GeminiEvents.Event(new[] { GeminiEvents.Text("a") }, null, (10, 1, 11)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("b") }, null, (10, 2, 12)) +
                       GeminiEvents.Event(new[] { GeminiEvents.Text("c") }, null, (10, 3, 13));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => Read(body));
            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal("abc", ex.PartialContent);
            Assert.Equal((10, 3, 13), (ex.Usage!.PromptTokens, ex.Usage.CompletionTokens, ex.Usage.TotalTokens));
        }
    }
}
