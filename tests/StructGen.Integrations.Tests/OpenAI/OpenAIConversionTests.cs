using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Chat;
using StructGen.Integrations.Tests.Fixtures;
using StructGen.OpenAI;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Integrations.Tests.OpenAI
{
    /// <summary>The response format, tools and tool calls as the SDK sends and receives them.</summary>
    public class OpenAIConversionTests
    {
        private static string CompletionBody(string content, string finishReason = "stop") =>
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1773345544,\"model\":\"o4-mini-2025-04-16\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + JsonSerializer.Serialize(content) + ",\"refusal\":null},\"finish_reason\":\"" + finishReason + "\"}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}";

        [Fact]
        public async Task GenerateAsync_sends_the_format_and_tools_and_returns_the_book()
        {
            var handler = new CassetteHandler(CompletionBody(BookText.Json), "application/json");
            var client = OpenAIStreamingReplayTests.CreateClient(handler);
            var options = new ChatCompletionOptions();
            foreach (var tool in new TestTools().Set.ToChatTools()) options.Tools.Add(tool);

            var result = await client.GenerateAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage("A book.") }, options);

            Assert.Equal("The Lord of the Rings", result.Value.Title);
            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Equal(30, result.Usage?.TotalTokens);
            Assert.Equal("chatcmpl-1", result.State.Id);
            Assert.Equal("o4-mini-2025-04-16", result.State.Model);
            Assert.Equal(FinishKind.Stop, result.FinishReason?.Kind);

            var body = JsonDocument.Parse(Assert.Single(handler.RequestBodies)).RootElement;
            var jsonSchema = body.GetProperty("response_format").GetProperty("json_schema");
            Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
            Assert.Equal("Book", jsonSchema.GetProperty("name").GetString());

            var tools = body.GetProperty("tools").EnumerateArray().ToArray();
            Assert.Equal(2, tools.Length);
            var weather = tools[0];
            Assert.Equal("function", weather.GetProperty("type").GetString());
            var function = weather.GetProperty("function");
            Assert.Equal("get_weather", function.GetProperty("name").GetString());
            Assert.Equal(TestTools.WeatherDescription, function.GetProperty("description").GetString());
            Assert.True(function.GetProperty("strict").GetBoolean());
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TestTools.WeatherParameters).RootElement, function.GetProperty("parameters")));
            Assert.False(tools[1].GetProperty("function").GetProperty("strict").GetBoolean());
        }

        [Fact]
        public async Task Seed_and_reasoning_effort_reach_the_request_like_the_other_options()
        {
            var handler = new CassetteHandler(CompletionBody(BookText.Json), "application/json");
            var client = OpenAIStreamingReplayTests.CreateClient(handler);

            await client.GenerateAsync(
                HandBook.StructuredOutput,
                new ChatMessage[] { new UserChatMessage("A book.") },
                requestOptions: new ChatRequestOptions { Seed = 42, ReasoningEffort = "low", Temperature = 0.5, MaxCompletionTokens = 100 });

            var body = JsonDocument.Parse(Assert.Single(handler.RequestBodies)).RootElement;
            Assert.Equal(42, body.GetProperty("seed").GetInt64());
            Assert.Equal("low", body.GetProperty("reasoning_effort").GetString());
            Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3);
            Assert.Equal(100, body.GetProperty("max_completion_tokens").GetInt32());
        }

        [Fact]
        public async Task GenerateAsync_reports_a_refusal()
        {
            var refusal = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o4-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}";
            var client = OpenAIStreamingReplayTests.CreateClient(new CassetteHandler(refusal, "application/json"));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() =>
                client.GenerateAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage("A book.") }));

            Assert.Equal(ChatStreamFailure.Refusal, ex.Failure);
            Assert.Equal("I can't help with that.", ex.State.Refusal);
            Assert.Contains("refused", ex.Message);
        }

        [Fact]
        public async Task GenerateAsync_reports_a_token_limit()
        {
            var client = OpenAIStreamingReplayTests.CreateClient(new CassetteHandler(CompletionBody("{\"title\":\"The Lo", "length"), "application/json"));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() =>
                client.GenerateAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage("A book.") }));

            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(FinishKind.Length, ex.FinishReason?.Kind);
            Assert.Equal("{\"title\":\"The Lo", ex.PartialContent);
        }

        [Fact]
        public void ToOpenAIResponseFormat_and_ToChatTool_build_sdk_objects()
        {
            Assert.NotNull(HandBook.StructuredOutput.ToOpenAIResponseFormat());
            var tool = new TestTools().Set.Definitions[0].ToChatTool();
            Assert.Equal("get_weather", tool.FunctionName);
            Assert.Equal(TestTools.WeatherDescription, tool.FunctionDescription);
            Assert.True(tool.FunctionSchemaIsStrict);
            Assert.Equal(TestTools.WeatherParameters, tool.FunctionParameters.ToString());
        }

        [Fact]
        public async Task A_tool_call_runs_through_the_tool_set_and_becomes_a_tool_message()
        {
            var tools = new TestTools();
            var call = ChatToolCall.CreateFunctionToolCall("call_1", "get_weather", BinaryData.FromString("{\"city\":\"Paris\",\"days\":2}"));

            ToolChatMessage message = await tools.Set.InvokeAsync(call);

            Assert.Equal("call_1", message.ToolCallId);
            Assert.Equal("Paris: sunny for 2 days", message.Content[0].Text);
            Assert.Equal("{\"city\":\"Paris\",\"days\":2}", tools.ReceivedArguments[0]);
        }
    }
}
