using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;
using static StructGen.Tests.Protocols.Responses.ResponsesTestClients;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>Constructed Responses streams (served by a scripted handler) for what the recordings do not show.</summary>
    public class ResponsesConstructedStreamTests
    {
        private static readonly ModelMessage[] Weather = { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Weather in Florence and Rome?") };

        private static string CallAdded(int outputIndex, string itemId, string callId) =>
            "{\"type\":\"response.output_item.added\",\"output_index\":" + outputIndex + ",\"item\":{\"id\":\"" + itemId + "\",\"type\":\"function_call\",\"status\":\"in_progress\",\"arguments\":\"\",\"call_id\":\"" + callId + "\",\"name\":\"weather\"}}";

        private static string ArgsDelta(int outputIndex, string itemId, string delta) =>
            "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"" + itemId + "\",\"output_index\":" + outputIndex + ",\"delta\":" + JsonSerializer.Serialize(delta, JsonStrings.Default.String) + "}";

        private static string CallDone(int outputIndex, string itemId, string callId, string arguments) =>
            "{\"type\":\"response.output_item.done\",\"output_index\":" + outputIndex + ",\"item\":{\"id\":\"" + itemId + "\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":" + JsonSerializer.Serialize(arguments, JsonStrings.Default.String) + ",\"call_id\":\"" + callId + "\",\"name\":\"weather\"}}";

        private static HttpResponseMessage FinalAnswer(string text) => SseAnswer(Created("resp_2"), TextDelta(text), Completed(Usage(50, 5)));

        private static JsonArray InputOf(string body) => JsonNode.Parse(body)!["input"]!.AsArray();

        [Fact]
        public async Task Escaped_member_names_are_read_like_plain_ones()
        {
            // Read wrongly, each escaped name changes the text: an unread type drops "Hi" for the item's "Hi!", an unread
            // item id publishes msg_1 twice ("Hi" and "Hi!"), an unread "item" drops msg_2's " there".
            var (client, _) = Scripted(SseAnswer(
                Created(),
                "{\"\\u0074ype\":\"response.output_text.delta\",\"item\\u005fid\":\"msg_1\",\"\\u006futput_index\":0,\"\\u0064elta\":\"Hi\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi!\"}]}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":1,\"\\u0069tem\":{\"id\":\"msg_2\",\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\" there\"}]}}",
                Completed(Usage(3, 1))));
            var stream = client.StreamAsync(Weather);
            var text = new List<string>();
            await foreach (var update in stream)
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) text.Add(update.Text!);
            }

            Assert.Equal(new[] { "Hi", " there" }, text);
            Assert.Equal(FinishKind.Stop, stream.State.FinishReason!.Kind);
            Assert.Equal(4, stream.State.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Reasoning_summary_streams_and_an_encrypted_reasoning_item_goes_back_on_the_next_turn()
        {
            const string Encrypted = "gAAAAB-encrypted-reasoning";
            var (client, handler) = Scripted(
                o => o.Include.Add("reasoning.encrypted_content"),
                SseAnswer(
                    Created(),
                    "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}",
                    "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Need the \"}",
                    "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"weather.\"}",
                    "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":1,\"delta\":\"Call the tool.\"}",
                    "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"encrypted_content\":\"" + Encrypted + "\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Need the weather.\"},{\"type\":\"summary_text\",\"text\":\"Call the tool.\"}]}}",
                    CallAdded(1, "fc_1", "call_1"),
                    ArgsDelta(1, "fc_1", "{\"location\":\"Florence\"}"),
                    CallDone(1, "fc_1", "call_1", "{\"location\":\"Florence\"}"),
                    Completed(Usage(40, 30, 20))),
                FinalAnswer("Hot."));
            var tools = new WeatherTools();
            var run = client.RunAgentAsync(Weather, tools.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal("Need the weather.\n\nCall the tool.", string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta).Select(e => e.Text)));
            Assert.Equal(new[] { "Florence" }, tools.Calls);
            Assert.Equal("Hot.", run.Result.Text);

            var first = JsonNode.Parse(handler.Bodies[0])!;
            Assert.Equal("[\"reasoning.encrypted_content\"]", first["include"]!.ToJsonString());
            Assert.False(first["store"]!.GetValue<bool>());
            var input = InputOf(handler.Bodies[1]);
            Assert.Equal(new[] { "developer", "user", null, null, null }, input.Select(i => (string?)i!["role"]));
            Assert.Equal(new[] { null, null, "reasoning", "function_call", "function_call_output" }, input.Select(i => (string?)i!["type"]));
            var reasoning = input[2]!;
            Assert.Equal("rs_1", (string?)reasoning["id"]);
            Assert.Equal(Encrypted, (string?)reasoning["encrypted_content"]);
            Assert.Equal(2, reasoning["summary"]!.AsArray().Count);
            Assert.Equal(new[] { "type", "id", "summary", "encrypted_content" }, reasoning.AsObject().Select(p => p.Key));
            Assert.Equal("{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"40 C\"}", input[4]!.ToJsonString());
        }

        [Fact]
        public async Task Two_interleaved_parallel_function_calls_are_numbered_densely_and_both_go_back()
        {
            var (client, handler) = Scripted(
                SseAnswer(
                    Created(),
                    "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}",
                    "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}",
                    CallAdded(1, "fc_a", "call_a"),
                    CallAdded(2, "fc_b", "call_b"),
                    ArgsDelta(1, "fc_a", "{\"location\":"),
                    ArgsDelta(2, "fc_b", "{\"location\":\"Rome\"}"),
                    ArgsDelta(1, "fc_a", "\"Florence\"}"),
                    CallDone(2, "fc_b", "call_b", "{\"location\":\"Rome\"}"),
                    CallDone(1, "fc_a", "call_a", "{\"location\":\"Florence\"}"),
                    Completed(Usage(40, 30))),
                FinalAnswer("Both hot."));
            var tools = new WeatherTools();
            var run = client.RunAgentAsync(Weather, tools.AsToolSet(), new AgentOptions { RunToolsInParallel = false });
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { (0, "weather"), (1, "weather") }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => (e.ToolCallIndex, e.ToolName!)));
            var calls = run.Result.Messages[2].ToolCalls;
            Assert.Equal(new[] { ("call_a", "{\"location\":\"Florence\"}"), ("call_b", "{\"location\":\"Rome\"}") }, calls.Select(c => (c.Id, c.Arguments)));
            Assert.Equal(new[] { "Florence", "Rome" }, tools.Calls);
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "completed"), events.First(e => e.Kind == AgentEventKind.StepCompleted).FinishReason);

            var input = InputOf(handler.Bodies[1]);
            Assert.Equal(new[] { null, null, "function_call", "function_call", "function_call_output", "function_call_output" }, input.Select(i => (string?)i!["type"]));
            Assert.Equal(new[] { "call_a", "call_b", "call_a", "call_b" }, input.Skip(2).Select(i => (string?)i!["call_id"]));
            Assert.Equal("{\"type\":\"function_call\",\"call_id\":\"call_a\",\"name\":\"weather\",\"arguments\":\"{\\u0022location\\u0022:\\u0022Florence\\u0022}\"}", input[2]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }));
        }

        [Fact]
        public async Task Incomplete_for_the_token_limit_mid_object_fails_with_Length_and_the_partial_value()
        {
            var (client, _) = Scripted(SseAnswer(
                Created(),
                TextDelta("{\"title\":\"The Lord"),
                TextDelta(" of the Rings\",\"published_year\":19"),
                Completed(Usage(100, 16), "incomplete", ",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}")));
            var stream = client.GenerateBookStreamAsync("Book?");
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });

            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(new FinishReason(FinishKind.Length, "max_output_tokens"), ex.FinishReason);
            var partial = Assert.IsType<BookPartial>(ex.PartialValue);
            Assert.StartsWith("The Lord of the Rings", partial.Title);
            Assert.Null(partial.PublishedYear);
            Assert.Equal(116, ex.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Content_filter_incomplete_maps_to_ContentFilter()
        {
            var (client, _) = Scripted(SseAnswer(Created(), TextDelta("{\"title\":\"X"), Completed(Usage(10, 2), "incomplete", ",\"incomplete_details\":{\"reason\":\"content_filter\"}")));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateBookAsync("Book?"));
            Assert.Equal(ChatStreamFailure.ContentFilter, ex.Failure);
        }

        [Fact]
        public async Task A_refusal_is_a_typed_refusal_for_structured_output()
        {
            var (client, _) = Scripted(SseAnswer(
                Created(),
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}",
                "{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"I can't \"}",
                "{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"help with that.\"}",
                "{\"type\":\"response.refusal.done\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"refusal\":\"I can't help with that.\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}],\"role\":\"assistant\"}}",
                Completed(Usage(10, 5))));
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateBookAsync("Book?"));
            Assert.Equal(ChatStreamFailure.Refusal, ex.Failure);
            Assert.Equal("I can't help with that.", ex.State.Refusal);
            Assert.Equal(FinishKind.Refusal, ex.FinishReason!.Kind);
        }

        [Theory]
        [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"server_error\",\"code\":\"server_error\",\"message\":\"The server had an error\",\"param\":null},\"sequence_number\":3}")]
        [InlineData("{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"The server had an error\",\"param\":null,\"sequence_number\":3}")]
        public async Task An_error_event_mid_stream_is_a_provider_error_carrying_the_partial_value(string error)
        {
            var (client, _) = Scripted(SseAnswer(Created(), TextDelta("{\"title\":\"The Hobbit\",\"genres\":[\"fan"), error));
            var stream = client.GenerateBookStreamAsync("Book?");
            var partials = new List<BookPartial>();
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var p in stream) partials.Add(p);
            });

            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("server_error", ex.ErrorCode);
            Assert.Equal("The server had an error", ex.ErrorMessage);
            Assert.Contains("The server had an error", ex.Message);
            Assert.Equal("The Hobbit", Assert.IsType<BookPartial>(ex.PartialValue).Title);
            Assert.NotEmpty(partials);
        }

        [Fact]
        public async Task Response_failed_is_a_provider_error_with_the_response_error()
        {
            var (client, _) = Scripted(SseAnswer(
                Created(),
                TextDelta("Hel"),
                "{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"},\"output\":[],\"usage\":null}}"));
            var stream = client.StreamTextAsync(new[] { ModelMessage.User("Hi") });
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });

            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
            Assert.Equal("Slow down", ex.ErrorMessage);
            Assert.Equal("Hel", ex.PartialContent);
            Assert.True(ex.ResponseStarted);
        }

        [Fact]
        public async Task Http_429_with_retry_after_is_retried_then_succeeds()
        {
            var limited = Json((HttpStatusCode)429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
            limited.Headers.TryAddWithoutValidation("retry-after", "0");
            var (client, handler) = Scripted(limited, SseAnswer(Created(), TextDelta("Olá"), Completed(Usage(5, 1))));
            var stream = client.StreamTextAsync(new[] { ModelMessage.User("Hi") });
            await foreach (var _ in stream)
            {
            }

            Assert.Equal("Olá", stream.Text);
            Assert.Equal(2, handler.Bodies.Count);
            Assert.Equal(handler.Bodies[0], handler.Bodies[1]);
            Assert.Equal("https://api.openai.com/v1/responses", handler.Uris[1]!.ToString());
            Assert.Equal("Bearer " + Key, handler.Requests[1].Headers.Authorization!.ToString());
        }

        [Fact]
        public async Task Http_429_after_the_retries_is_a_typed_api_exception()
        {
            HttpResponseMessage Limited() => Json((HttpStatusCode)429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
            var (client, _) = Scripted(o => o.MaxRetries = 1, Limited(), Limited());
            var ex = await Assert.ThrowsAsync<ChatApiException>(() => client.CompleteAsync(new[] { ModelMessage.User("Hi") }));
            Assert.Equal((HttpStatusCode)429, ex.StatusCode);
            Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
            Assert.Equal(2, ex.Attempts);
        }

        [Fact]
        public async Task A_whole_body_with_function_calls_decodes_like_the_stream()
        {
            var body = "{\"id\":\"resp_9\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-4.1\",\"error\":null,\"incomplete_details\":null,\"output\":[" +
                "{\"id\":\"rs_9\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Think.\"}]}," +
                "{\"id\":\"fc_1\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"location\\\":\\\"Rome\\\"}\",\"call_id\":\"call_x\",\"name\":\"weather\"}," +
                "{\"id\":\"fc_2\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":\"{}\",\"call_id\":\"call_y\",\"name\":\"weather\"}]," +
                "\"usage\":" + Usage(7, 3, 1) + "}";
            var (client, handler) = Scripted(Json(HttpStatusCode.OK, body));
            var state = await client.CompleteAsync(new[] { ModelMessage.User("Hi") });

            Assert.DoesNotContain("\"stream\"", handler.Bodies[0]);
            Assert.Equal(new[] { ("call_x", "weather", "{\"location\":\"Rome\"}"), ("call_y", "weather", "{}") }, state.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments)));
            Assert.Equal(new FinishReason(FinishKind.ToolCalls, "completed"), state.FinishReason);
            Assert.Equal("Think.", state.Reasoning);
            Assert.Equal(("resp_9", "gpt-4.1"), (state.Id, state.Model));
            Assert.Equal(1, state.Usage!.ReasoningTokens);
        }

        [Fact]
        public async Task Request_carries_every_typed_option_in_the_responses_shape()
        {
            var (client, handler) = Scripted(
                o =>
                {
                    o.Model = "gpt-4.1";
                    o.Store = true;
                    o.Instructions = "Be brief.";
                    o.ReasoningSummary = "auto";
                    o.ExplicitSchemaSettings = true;
                },
                SseAnswer(Created(), TextDelta("{}"), Completed(Usage(1, 1))));
            var options = new ChatRequestOptions
            {
                MaxTokens = 50,
                Temperature = 0.5,
                TopP = 0.9,
                ReasoningEffort = "low",
                ParallelToolCalls = false,
                Tools = WeatherTools.ToolDefinitions,
                ToolChoice = ToolChoice.Tool("weather"),
                ResponseFormat = ResponseFormat.ForJsonSchema("Thing", "{\"type\":\"object\"}", "A thing", strict: false),
                AdditionalProperties = new Dictionary<string, string> { ["previous_response_id"] = "\"resp_0\"", ["metadata"] = "{\"k\":\"v\"}" },
            };
            await client.CompleteAsync(new[] { ModelMessage.System("sys"), ModelMessage.Developer("dev"), ModelMessage.Assistant("Earlier answer."), ModelMessage.User("Hi") }, options);

            var expected = JsonNode.Parse("""
                {"model":"gpt-4.1","input":[{"role":"system","content":"sys"},{"role":"developer","content":"dev"},{"role":"assistant","content":"Earlier answer."},
                  {"role":"user","content":[{"type":"input_text","text":"Hi"}]}],
                 "instructions":"Be brief.","max_output_tokens":50,"temperature":0.5,"top_p":0.9,"reasoning":{"effort":"low","summary":"auto"},
                 "text":{"format":{"type":"json_schema","name":"Thing","strict":false,"description":"A thing","schema":{"type":"object"}}},
                 "tool_choice":{"type":"function","name":"weather"},
                 "tools":[{"type":"function","name":"weather","description":"Get weather information for a location","parameters":{"properties":{"location":{"description":"the city","type":"string"}},"required":["location"],"type":"object"},"strict":false}],
                 "parallel_tool_calls":false,"store":true,"previous_response_id":"resp_0","metadata":{"k":"v"}}
                """);
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(handler.Bodies[0])), handler.Bodies[0]);
        }

        [Fact]
        public async Task An_additional_property_that_repeats_a_typed_member_is_rejected()
        {
            var (client, handler) = Scripted(SseAnswer(Created(), Completed(Usage(1, 1))));
            var options = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { ["store"] = "true" } };
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CompleteAsync(new[] { ModelMessage.User("Hi") }, options));
            Assert.Contains("'store'", ex.Message);
            Assert.Empty(handler.Bodies);
        }

        [Theory]
        [InlineData("o4-mini", "developer")]
        [InlineData("gpt-5-mini", "developer")]
        [InlineData("gpt-4o", "system")]
        [InlineData("openai/o3", "developer")]
        public async Task System_messages_take_the_role_the_model_expects(string model, string role)
        {
            var (client, handler) = Scripted(o => o.Model = model, SseAnswer(Created(), Completed(Usage(1, 1))));
            await client.CompleteAsync(new[] { ModelMessage.System("sys"), ModelMessage.User("Hi") });
            Assert.Equal(role, (string?)InputOf(handler.Bodies[0])[0]!["role"]);
        }

        [Fact]
        public async Task Azure_endpoint_keeps_its_query_and_sends_the_api_key_header()
        {
            var (client, handler) = Scripted(
                o =>
                {
                    o.Endpoint = new Uri("https://res.openai.azure.com/openai/?api-version=2025-04-01-preview");
                    o.ApiKeyHeader = "api-key";
                    o.Model = "my-deployment";
                },
                SseAnswer(Created(), TextDelta("ok"), Completed(Usage(1, 1))));
            var state = await client.CompleteAsync(new[] { ModelMessage.User("Hi") });
            Assert.Equal("ok", state.Content);
            Assert.Equal("https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview", handler.Uris[0]!.ToString());
            Assert.Equal(Key, Assert.Single(handler.Requests[0].Headers.GetValues("api-key")));
            Assert.Null(handler.Requests[0].Headers.Authorization);
        }

        [Fact]
        public async Task An_error_event_without_a_responses_type_is_still_a_provider_error()
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("event: error\ndata: {\"error\":{\"code\":\"insufficient_quota\",\"message\":\"Quota sk-test-not-a-real-key\"}}\n\n", System.Text.Encoding.UTF8, "text/event-stream"),
            };
            var (client, _) = Scripted(answer);
            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.CompleteAsync(new[] { ModelMessage.User("Hi") }, new ChatRequestOptions { Stream = true }));
            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("insufficient_quota", ex.ErrorCode);
            Assert.DoesNotContain(Key, ex.Message);
        }

        [Fact]
        public async Task Unknown_events_are_skipped_and_an_unannounced_end_is_truncation()
        {
            var (client, _) = Scripted(SseAnswer(
                Created(),
                "{\"type\":\"response.web_search_call.in_progress\",\"output_index\":0,\"item_id\":\"ws_1\"}",
                "{\"type\":\"keepalive\"}",
                TextDelta("partial")));
            var stream = client.StreamTextAsync(new[] { ModelMessage.User("Hi") });
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });
            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal("partial", ex.PartialContent);
        }
    }
}
