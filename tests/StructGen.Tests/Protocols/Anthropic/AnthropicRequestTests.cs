using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>The request body for what the recordings do not show: option mapping, tool choices, native JSON output, errors before sending.</summary>
    public class AnthropicRequestTests
    {
        private static readonly string Done = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "ok"), BlockStop(0), MessageDelta("end_turn", 1), MessageStop());

        private static async Task<JsonNode> BodyOfAsync(ChatRequestOptions? options, IEnumerable<ModelMessage>? messages = null, Action<AnthropicClientOptions>? configure = null)
        {
            var handler = new ScriptedHandler().Then(Done);
            await foreach (var _ in Over(handler, configure).StreamTextAsync(messages ?? new[] { ModelMessage.User("Hi") }, options)) { }
            return JsonNode.Parse(handler.RequestBodies[0])!;
        }

        [Fact]
        public async Task Max_tokens_comes_from_max_tokens_then_max_completion_tokens_then_the_client_default()
        {
            Assert.Equal(7, (int)(await BodyOfAsync(new ChatRequestOptions { MaxTokens = 7, MaxCompletionTokens = 9 }))["max_tokens"]!);
            Assert.Equal(9, (int)(await BodyOfAsync(new ChatRequestOptions { MaxCompletionTokens = 9 }))["max_tokens"]!);
            Assert.Equal(4096, (int)(await BodyOfAsync(null))["max_tokens"]!);
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => BodyOfAsync(null, configure: o => o.DefaultMaxTokens = null));
            Assert.Contains("max_tokens", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Options_map_to_their_members_and_additional_properties_add_the_rest()
        {
            var body = await BodyOfAsync(new ChatRequestOptions
            {
                Temperature = 0.5,
                TopP = 0.9,
                Stream = true,
                AdditionalProperties = new Dictionary<string, string>
                {
                    ["top_k"] = "40",
                    ["stop_sequences"] = "[\"END\"]",
                    ["metadata"] = "{\"user_id\":\"u1\"}",
                },
            }, new[] { ModelMessage.Developer("Be brief."), ModelMessage.System("Speak English."), ModelMessage.User("Hi") });
            var expected = JsonNode.Parse("""
                {"max_tokens":4096,"messages":[{"content":[{"text":"Hi","type":"text"}],"role":"user"}],"model":"claude-sonnet-4-20250514",
                 "system":[{"text":"Be brief.","type":"text"},{"text":"Speak English.","type":"text"}],
                 "temperature":0.5,"top_p":0.9,"stream":true,"top_k":40,"stop_sequences":["END"],"metadata":{"user_id":"u1"}}
                """);
            Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());

            await Assert.ThrowsAsync<InvalidOperationException>(() => BodyOfAsync(new ChatRequestOptions { Temperature = 1, AdditionalProperties = new Dictionary<string, string> { ["temperature"] = "0" } }));
            await Assert.ThrowsAsync<InvalidOperationException>(() => BodyOfAsync(new ChatRequestOptions { Seed = 1 }));
        }

        [Theory]
        [InlineData("auto", null, "{\"type\":\"auto\",\"disable_parallel_tool_use\":false}")]
        [InlineData("auto", false, "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}")]
        [InlineData("required", null, "{\"type\":\"any\",\"disable_parallel_tool_use\":false}")]
        [InlineData("tool", false, "{\"type\":\"tool\",\"name\":\"weather\",\"disable_parallel_tool_use\":true}")]
        [InlineData("none", null, "{\"type\":\"none\"}")]
        [InlineData(null, false, "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}")]
        [InlineData(null, null, null)]
        public async Task Tool_choice_variants(string? choice, bool? parallel, string? expected)
        {
            var body = await BodyOfAsync(new ChatRequestOptions
            {
                Tools = WeatherTools.ToolDefinitions,
                ParallelToolCalls = parallel,
                ToolChoice = choice switch { "auto" => ToolChoice.Auto, "required" => ToolChoice.Required, "tool" => ToolChoice.Tool("weather"), "none" => ToolChoice.None, _ => null },
            });
            Assert.True(JsonNode.DeepEquals(expected is null ? null : JsonNode.Parse(expected), body["tool_choice"]), body.ToJsonString());
            Assert.Null(body["tools"]![0]!["strict"]);
        }

        [Fact]
        public async Task Tool_choice_is_left_out_without_tools_and_strict_tools_say_so()
        {
            var none = await BodyOfAsync(new ChatRequestOptions { ToolChoice = ToolChoice.Auto });
            Assert.Null(none["tool_choice"]);
            Assert.Null(none["tools"]);

            var strict = new ToolDefinition("convert", "Converts", "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}", strict: true);
            var body = await BodyOfAsync(new ChatRequestOptions { Tools = new[] { strict } });
            Assert.True((bool)body["tools"]![0]!["strict"]!);
        }

        [Fact]
        public async Task Failed_tool_results_carry_is_error_and_consecutive_results_share_one_user_message()
        {
            var body = await BodyOfAsync(null, new[]
            {
                ModelMessage.User("Go"),
                ModelMessage.Assistant(null, new[] { new ToolCall("t1", "a", "{}"), new ToolCall("t2", "b", "not json") }),
                ModelMessage.Tool("t1", "fine", "a"),
                ModelMessage.Tool("t2", "Error: broke", "b", isError: true),
                ModelMessage.User("And now?"),
            });
            var expected = JsonNode.Parse("""
                [
                  {"content":[{"text":"Go","type":"text"}],"role":"user"},
                  {"content":[{"id":"t1","input":{},"name":"a","type":"tool_use"},{"id":"t2","input":{},"name":"b","type":"tool_use"}],"role":"assistant"},
                  {"content":[{"tool_use_id":"t1","content":[{"text":"fine","type":"text"}],"type":"tool_result"},
                              {"tool_use_id":"t2","content":[{"text":"Error: broke","type":"text"}],"type":"tool_result","is_error":true}],"role":"user"},
                  {"content":[{"text":"And now?","type":"text"}],"role":"user"}
                ]
                """);
            Assert.True(JsonNode.DeepEquals(expected, body["messages"]), body["messages"]!.ToJsonString());
        }

        [Fact]
        public async Task Native_json_output_is_asked_with_output_config_and_decoded_from_text_deltas()
        {
            var json = "{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"sf\"],\"published_year\":1965}";
            var answer = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, json.Substring(0, 20)), TextDelta(0, json.Substring(20)), BlockStop(0), MessageDelta("end_turn", 30), MessageStop());
            var handler = new ScriptedHandler().Then(answer);
            var result = await Over(handler).GenerateBookAsync("Dune", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ResponseFormat, ReasoningEffort = "low" });

            Assert.Equal(1965, result.Value.PublishedYear);
            var body = JsonNode.Parse(handler.RequestBodies[0])!;
            Assert.Null(body["tools"]);
            Assert.Equal("low", (string?)body["output_config"]!["effort"]);
            Assert.Equal("json_schema", (string?)body["output_config"]!["format"]!["type"]);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Book.StructuredOutput.JsonSchema), body["output_config"]!["format"]!["schema"]));
        }

        [Fact]
        public async Task Forced_tool_with_thinking_on_is_refused_before_sending()
        {
            var handler = new ScriptedHandler();
            var options = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { ["thinking"] = "{\"type\":\"enabled\",\"budget_tokens\":1024}" } };
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Over(handler).GenerateBookAsync("A book", options));
            Assert.Contains("StructuredOutputMode", ex.Message, StringComparison.Ordinal);
            Assert.Empty(handler.RequestBodies);
        }
    }
}
