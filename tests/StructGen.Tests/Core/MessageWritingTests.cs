using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Core
{
    /// <summary>
    /// One neutral conversation written by each adapter: a tool message answering two calls, an assistant
    /// turn whose parts are reasoning, text and calls, a user message of two text parts.
    /// </summary>
    public class MessageWritingTests
    {
        private static readonly ModelMessage[] Conversation =
        {
            ModelMessage.System("Be brief."),
            new ModelMessage(MessageRole.User, new MessagePart[] { new TextPart("Weather in Florence "), new TextPart("and Rome?") }),
            ModelMessage.Assistant("Checking both.", new[] { new ToolCall("c1", "weather", "{\"city\":\"Florence\"}"), new ToolCall("c2", "weather", "{\"city\":\"Rome\"}") }),
            new ModelMessage(MessageRole.Tool, new MessagePart[] { new ToolResult("c1", "40 C", "weather"), new ToolResult("c2", "no data", "weather", isError: true) }),
        };

        [Fact]
        public async Task Chat_completions_writes_one_tool_message_per_result()
        {
            var body = await BodyAsync(h => new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m", ApiKey = "sk-test" }, new HttpClient(h)));
            AssertJson("""
                [{"content":"Be brief.","role":"system"},
                 {"content":"Weather in Florence and Rome?","role":"user"},
                 {"content":"Checking both.","tool_calls":[
                   {"id":"c1","function":{"arguments":"{\"city\":\"Florence\"}","name":"weather"},"type":"function"},
                   {"id":"c2","function":{"arguments":"{\"city\":\"Rome\"}","name":"weather"},"type":"function"}],"role":"assistant"},
                 {"content":"40 C","tool_call_id":"c1","role":"tool"},
                 {"content":"no data","tool_call_id":"c2","role":"tool"}]
                """, body["messages"]);
        }

        [Fact]
        public async Task Anthropic_writes_text_parts_as_blocks_and_both_results_in_one_user_turn()
        {
            var body = await BodyAsync(h => new AnthropicClient(new AnthropicClientOptions { Model = "m", ApiKey = "sk-ant-test" }, new HttpClient(h)));
            AssertJson("""
                [{"content":[{"text":"Weather in Florence ","type":"text"},{"text":"and Rome?","type":"text"}],"role":"user"},
                 {"content":[{"text":"Checking both.","type":"text"},
                   {"id":"c1","input":{"city":"Florence"},"name":"weather","type":"tool_use"},
                   {"id":"c2","input":{"city":"Rome"},"name":"weather","type":"tool_use"}],"role":"assistant"},
                 {"content":[{"tool_use_id":"c1","content":[{"text":"40 C","type":"text"}],"type":"tool_result"},
                   {"tool_use_id":"c2","content":[{"text":"no data","type":"text"}],"type":"tool_result","is_error":true}],"role":"user"}]
                """, body["messages"]);
        }

        [Fact]
        public async Task Gemini_writes_both_results_as_function_responses_and_a_failure_under_error()
        {
            var body = await BodyAsync(h => new GeminiClient(new GeminiClientOptions { Model = "m", ApiKey = "AIza-test" }, new HttpClient(h)));
            AssertJson("""
                [{"functionResponse":{"name":"weather","id":"c1","response":{"result":"40 C"}}},
                 {"functionResponse":{"name":"weather","id":"c2","response":{"error":"no data"}}}]
                """, body["contents"]![2]!["parts"]);
            AssertJson("""[{"text":"Weather in Florence "},{"text":"and Rome?"}]""", body["contents"]![0]!["parts"]);
        }

        [Fact]
        public async Task Responses_writes_one_function_call_output_per_result_after_the_message_and_calls()
        {
            var body = await BodyAsync(h => new ResponsesClient(new ResponsesClientOptions { Model = "m", ApiKey = "sk-test" }, new HttpClient(h)));
            var input = body["input"]!.AsArray();
            AssertJson("""{"type":"input_text","text":"and Rome?"}""", input[1]!["content"]![1]);
            Assert.Equal(
                new[] { "message", "function_call", "function_call", "function_call_output", "function_call_output" },
                new[] { Type(input[2]), Type(input[3]), Type(input[4]), Type(input[5]), Type(input[6]) });
            Assert.Equal("c2", (string)input[6]!["call_id"]!);
            Assert.Equal("no data", (string)input[6]!["output"]!);
        }

        private static void AssertJson(string expected, JsonNode? actual) =>
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

        private static string Type(JsonNode? item) => (string?)item!["type"] ?? "message";

        // Sends the conversation once and keeps the body; the answer is a 400 so nothing else runs.
        private static async Task<JsonNode> BodyAsync(Func<HttpMessageHandler, ModelClient> create)
        {
            var handler = new CapturingHandler();
            using var client = create(handler);
            await Assert.ThrowsAsync<ChatApiException>(async () =>
            {
                await foreach (var _ in client.StreamTextAsync(Conversation)) { }
            });
            return JsonNode.Parse(Assert.Single(handler.Bodies))!;
        }

        private sealed class CapturingHandler : HttpMessageHandler
        {
            public List<string> Bodies { get; } = new List<string>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("{\"error\":{\"message\":\"captured\",\"type\":\"invalid_request_error\"}}", Encoding.UTF8, "application/json"),
                };
            }
        }
    }
}
