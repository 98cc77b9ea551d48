using System;
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
    /// <summary>What the request writer sends for the options the recordings do not cover.</summary>
    public class GeminiRequestTests
    {
        private static readonly string Done = GeminiEvents.Event(new[] { GeminiEvents.Text("ok") }, "STOP");

        private static async Task<(JsonNode Body, QueuedHandler Handler)> Send(IEnumerable<ModelMessage> messages, ChatRequestOptions? options, Action<GeminiClientOptions>? configure = null)
        {
            var handler = new QueuedHandler().Add(Done);
            using var client = GeminiCassettes.Fake(handler, configure);
            var stream = client.StreamAsync(messages, options);
            await foreach (var _ in stream)
            {
            }

            return (handler.JsonBodies[0], handler);
        }

        private static void AssertJson(string expected, JsonNode? actual) =>
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

        [Theory]
        [InlineData("none", "{\"functionCallingConfig\":{\"mode\":\"NONE\"}}")]
        [InlineData("required", "{\"functionCallingConfig\":{\"mode\":\"ANY\"}}")]
        [InlineData("weather", "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"weather\"]}}")]
        [InlineData("unset", null)]
        public async Task Tool_choice_becomes_the_function_calling_mode(string choice, string? expected)
        {
            var toolChoice = choice switch { "none" => ToolChoice.None, "required" => ToolChoice.Required, "unset" => null, _ => ToolChoice.Tool(choice) };
            var (body, _) = await Send(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Tools = WeatherTools.ToolDefinitions, ToolChoice = toolChoice });
            if (expected is null) Assert.Null(body["toolConfig"]);
            else AssertJson(expected, body["toolConfig"]);
        }

        [Fact]
        public async Task Generation_config_carries_the_typed_options_and_merges_extra_members()
        {
            var options = new ChatRequestOptions
            {
                MaxCompletionTokens = 100,
                Temperature = 0.5,
                TopP = 0.9,
                Seed = 7,
                ResponseFormat = ResponseFormat.JsonObject,
                AdditionalProperties = new Dictionary<string, string>
                {
                    ["generationConfig"] = "{\"thinkingConfig\":{\"thinkingBudget\":128,\"includeThoughts\":true}}",
                    ["safetySettings"] = "[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]",
                },
            };
            var (body, _) = await Send(new[] { ModelMessage.User("hi") }, options);
            AssertJson("{\"maxOutputTokens\":100,\"temperature\":0.5,\"topP\":0.9,\"seed\":7,\"responseMimeType\":\"application/json\",\"thinkingConfig\":{\"thinkingBudget\":128,\"includeThoughts\":true}}", body["generationConfig"]);
            Assert.Equal("BLOCK_NONE", body["safetySettings"]![0]!["threshold"]!.GetValue<string>());
            Assert.Null(body["model"]);
            Assert.Null(body["stream"]);
        }

        [Fact]
        public async Task Extra_members_may_not_repeat_what_the_request_writes()
        {
            var options = new ChatRequestOptions { MaxTokens = 5, AdditionalProperties = new Dictionary<string, string> { ["generationConfig"] = "{\"maxOutputTokens\":6}" } };
            await Assert.ThrowsAsync<InvalidOperationException>(() => Send(new[] { ModelMessage.User("hi") }, options));
            var contents = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { ["contents"] = "[]" } };
            await Assert.ThrowsAsync<InvalidOperationException>(() => Send(new[] { ModelMessage.User("hi") }, contents));
        }

        [Fact]
        public async Task Vertex_gets_a_bearer_token_and_no_call_ids()
        {
            var history = new[]
            {
                ModelMessage.User("weather?"),
                ModelMessage.Assistant(null, new[] { new ToolCall("1", "weather", "{\"location\":\"Rome\"}", "c2ln") }),
                ModelMessage.Tool("1", "40 C"),
            };
            var (body, handler) = await Send(history, null, o =>
            {
                o.Endpoint = new Uri("https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google/");
                o.ApiKey = null;
                o.AccessTokenProvider = _ => new ValueTask<string?>("ya29.token");
            });
            var request = handler.Requests[0];
            Assert.Equal("https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse", request.RequestUri!.ToString());
            Assert.Equal("Bearer ya29.token", request.Headers.Authorization!.ToString());
            Assert.False(request.Headers.Contains("x-goog-api-key"));
            AssertJson("{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"Rome\"}},\"thoughtSignature\":\"c2ln\"}]}", body["contents"]![1]);
            AssertJson("{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"weather\",\"response\":{\"result\":\"40 C\"}}}]}", body["contents"]![2]);
        }

        [Fact]
        public async Task Non_streamed_requests_use_generate_content_and_models_prefix_is_accepted()
        {
            var handler = new QueuedHandler().Add(System.Net.HttpStatusCode.OK, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}");
            using var client = GeminiCassettes.Fake(handler, o => o.Model = "models/gemini-2.5-pro");
            var state = await client.CompleteAsync(new[] { ModelMessage.User("hi") });
            Assert.Equal("ok", state.Content);
            Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent", handler.Requests[0].RequestUri!.ToString());
        }

        [Fact]
        public async Task Tool_schemas_convert_to_the_openapi_subset_or_pass_as_json_schema()
        {
            const string schema = "{\"type\":\"object\",\"additionalProperties\":false,\"$defs\":{\"Unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"],\"description\":\"unit\"}}," +
                "\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"anyOf\":[{\"$ref\":\"#/$defs/Unit\"},{\"type\":\"null\"}]},\"days\":{\"type\":[\"integer\",\"null\"]},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"city\",\"unit\",\"days\",\"tags\"]}";
            var tools = new[] { new ToolDefinition("forecast", "Forecast", schema, strict: true) };
            var (body, _) = await Send(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Tools = tools });
            AssertJson(
                "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"},\"unit\":{\"type\":\"STRING\",\"enum\":[\"c\",\"f\"],\"description\":\"unit\",\"nullable\":true}," +
                "\"days\":{\"type\":\"INTEGER\",\"nullable\":true},\"tags\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}}},\"required\":[\"city\",\"unit\",\"days\",\"tags\"]}",
                body["tools"]![0]!["functionDeclarations"]![0]!["parameters"]);

            var (raw, _) = await Send(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Tools = tools }, o => o.ToolSchemaFormat = GeminiToolSchemaFormat.ParametersJsonSchema);
            var declaration = raw["tools"]![0]!["functionDeclarations"]![0]!;
            Assert.Null(declaration["parameters"]);
            AssertJson(schema, declaration["parametersJsonSchema"]);
        }

        [Fact]
        public async Task System_messages_become_one_instruction_and_reasoning_effort_is_refused()
        {
            var (body, _) = await Send(new[] { ModelMessage.System("a"), ModelMessage.Developer("b"), ModelMessage.User("hi") }, null);
            AssertJson("{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}],\"role\":\"user\"}", body["systemInstruction"]);
            Assert.Single(body["contents"]!.AsArray());
            await Assert.ThrowsAsync<InvalidOperationException>(() => Send(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { ReasoningEffort = "low" }));
        }

        [Fact]
        public async Task Forced_tool_structured_output_streams_the_book_from_call_arguments()
        {
            var args = "{\"title\":\"T\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[\"g\"],\"published_year\":2000}";
            var handler = new QueuedHandler().Add(GeminiEvents.Event(new[] { GeminiEvents.Call("Book", args) }, "STOP"));
            using var client = GeminiCassettes.Fake(handler);
            var result = await client.GenerateBookAsync("book", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });
            Assert.Equal(2000, result.Value.PublishedYear);
            var body = handler.JsonBodies[0];
            AssertJson("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"Book\"]}}", body["toolConfig"]);
            Assert.Equal("OBJECT", body["tools"]![0]!["functionDeclarations"]![0]!["parameters"]!["type"]!.GetValue<string>());
        }
    }
}
