using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Protocols.Anthropic;
using StructGen.Tests.Protocols.Gemini;
using StructGen.Tools;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Dialects
{
    /// <summary>A strict tool with bounds, a pattern and an optional member: every dialect writes it differently.</summary>
    public partial class BoundedTools
    {
        [Tool(Description = "Books seats", Strict = true)]
        public static string Reserve(
            [Range(1, 9)] int seats,
            [MaxLength(3)] List<string> names,
            [RegularExpression("^[A-Z]{3}$")] string code,
            string? note = null) => seats + " " + string.Join(",", names) + " " + code + " " + note;
    }

    /// <summary>The generated tool definitions in each protocol's dialect, against the recordings and the adapters.</summary>
    public class ToolDialectTests
    {
        private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

        private static void AssertJson(JsonNode? expected, JsonNode? actual) =>
            Assert.True(JsonNode.DeepEquals(expected, actual), "expected " + expected?.ToJsonString() + "\nactual   " + actual?.ToJsonString());

        private static JsonNode RecordedBody(string relative) =>
            Parse(CassetteLoader.Load(GeminiCassettes.PathOf(relative)).Interactions[0].Request.Body);

        private static ToolDefinition Weather => Assert.Single(WeatherTools.ToolDefinitions);

        private static ToolDefinition Reserve => Assert.Single(BoundedTools.ToolDefinitions);

        [Fact]
        public void Weather_in_the_OpenAI_dialects_is_the_recorded_function_parameters()
        {
            var recorded = RecordedBody("openai-o4-mini/tool_streaming.yaml")["tools"]![0]!["function"]!["parameters"];
            AssertJson(recorded, Parse(Weather.GetParametersJsonSchema(SchemaDialect.Natural)));
            AssertJson(recorded, Parse(Weather.GetParametersJsonSchema(SchemaDialect.OpenAIStrict)));
        }

        [Fact]
        public void Weather_in_the_Anthropic_dialect_is_the_recorded_input_schema()
        {
            var recorded = RecordedBody("anthropic-claude-sonnet-4/tool_streaming.yaml")["tools"]![0]!["input_schema"];
            AssertJson(recorded, Parse(Weather.GetParametersJsonSchema(SchemaDialect.Anthropic)));
        }

        [Fact]
        public void Weather_in_the_Gemini_dialect_is_the_recorded_function_declaration_parameters()
        {
            // The recording sends Gemini's OpenAPI form (upper-case types); the dialect is JSON Schema. Semantically
            // equal: the same schema with the type names in upper case, and exactly what the writer converts it to.
            var recorded = RecordedBody("google-gemini-2.5-flash/tool_streaming.yaml")["tools"]![0]!["functionDeclarations"]![0]!["parameters"];
            string dialect = Weather.GetParametersJsonSchema(SchemaDialect.Gemini);
            AssertJson(recorded, UpperCaseTypes(Parse(dialect)));
            AssertJson(recorded, Parse(ToOpenApi(dialect, "weather")));
        }

        [Fact]
        public void A_strict_tool_carries_each_dialect_and_a_hand_built_one_falls_back_to_its_schema()
        {
            var strict = Parse(Reserve.GetParametersJsonSchema(SchemaDialect.OpenAIStrict))!;
            Assert.Equal(1, (int)strict["properties"]!["seats"]!["minimum"]!);
            Assert.Equal(JsonValueKind.Array, strict["properties"]!["note"]!["type"]!.GetValueKind());

            var anthropic = Parse(Reserve.GetParametersJsonSchema(SchemaDialect.Anthropic))!;
            AssertJson(Parse("""{"type":"integer","description":"At least 1. At most 9."}"""), anthropic["properties"]!["seats"]);
            AssertJson(Parse("""{"type":"array","description":"At most 3 items.","items":{"type":"string"}}"""), anthropic["properties"]!["names"]);
            AssertJson(Parse("""{"anyOf":[{"type":"string"},{"type":"null"}]}"""), anthropic["properties"]!["note"]);
            AssertJson(Parse("""["seats","names","code","note"]"""), anthropic["required"]);
            Assert.False((bool)anthropic["additionalProperties"]!);

            var gemini = Parse(Reserve.GetParametersJsonSchema(SchemaDialect.Gemini))!;
            AssertJson(Parse("""{"type":"integer","minimum":1,"maximum":9}"""), gemini["properties"]!["seats"]);
            AssertJson(Parse("""{"type":"string","description":"Must match the regular expression ^[A-Z]{3}$."}"""), gemini["properties"]!["code"]);
            AssertJson(Parse("""["seats","names","code"]"""), gemini["required"]);
            Assert.Null(gemini["additionalProperties"]);

            var byHand = new ToolDefinition("x", null, "{\"type\":\"object\"}", strict: true);
            foreach (SchemaDialect dialect in Enum.GetValues(typeof(SchemaDialect)))
            {
                Assert.Same(byHand.ParametersJsonSchema, byHand.GetParametersJsonSchema(dialect));
            }

            Assert.Same(Weather.ParametersJsonSchema, Weather.GetParametersJsonSchema(SchemaDialect.Anthropic));
            Assert.Throws<ArgumentOutOfRangeException>(() => Reserve.GetParametersJsonSchema((SchemaDialect)42));
        }

        [Fact]
        public async Task The_Anthropic_adapter_sends_the_Anthropic_dialect_of_a_strict_tool()
        {
            var handler = new ScriptedHandler().Then(Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "ok"), BlockStop(0), MessageDelta("end_turn", 3), MessageStop()));
            await foreach (var _ in Over(handler).StreamAsync(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Tools = BoundedTools.ToolDefinitions }))
            {
            }

            var tool = Parse(handler.RequestBodies[0])["tools"]![0]!;
            AssertJson(Parse(Reserve.GetParametersJsonSchema(SchemaDialect.Anthropic)), tool["input_schema"]);
            Assert.True((bool)tool["strict"]!);
            Assert.DoesNotContain("\"minimum\"", tool.ToJsonString(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task A_forced_tool_for_structured_output_sends_the_Anthropic_dialect_when_strict(bool strict)
        {
            const string json = "{\"stars\":4,\"comment\":null,\"tags\":[\"a\"],\"code\":\"ABC\"}";
            var handler = new ScriptedHandler().Then(Events(
                MessageStart(), BlockStart(0, "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Review\",\"input\":{}}"), JsonDelta(0, json), BlockStop(0), MessageDelta("tool_use", 20), MessageStop()));
            var result = await Over(handler).GenerateReviewAsync("Review it", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall, StrictForcedTool = strict });

            Assert.Equal(4, result.Value.Stars);
            var tool = Parse(handler.RequestBodies[0])["tools"]![0]!;
            string expected = strict ? Review.StructuredOutput.GetJsonSchema(SchemaDialect.Anthropic) : Review.StructuredOutput.NaturalJsonSchema;
            AssertJson(Parse(expected), tool["input_schema"]);
            Assert.Equal(strict, tool["strict"] is not null);
        }

        [Theory]
        [InlineData(GeminiToolSchemaFormat.Parameters)]
        [InlineData(GeminiToolSchemaFormat.ParametersJsonSchema)]
        public async Task The_Gemini_adapter_sends_the_Gemini_dialect_in_either_form(GeminiToolSchemaFormat format)
        {
            var handler = new QueuedHandler().Add(GeminiEvents.Event(new[] { GeminiEvents.Text("ok") }, "STOP"));
            using (var client = GeminiCassettes.Fake(handler, o => o.ToolSchemaFormat = format))
            {
                await foreach (var _ in client.StreamAsync(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Tools = BoundedTools.ToolDefinitions }))
                {
                }
            }

            var declaration = handler.JsonBodies[0]["tools"]![0]!["functionDeclarations"]![0]!;
            string dialect = Reserve.GetParametersJsonSchema(SchemaDialect.Gemini);
            if (format == GeminiToolSchemaFormat.ParametersJsonSchema)
            {
                AssertJson(Parse(dialect), declaration["parametersJsonSchema"]);
            }
            else
            {
                var parameters = declaration["parameters"]!;
                AssertJson(Parse(ToOpenApi(dialect, "reserve")), parameters);
                AssertJson(Parse("""{"type":"STRING","nullable":true}"""), parameters["properties"]!["note"]);
                AssertJson(Parse("""["seats","names","code"]"""), parameters["required"]);
            }
        }

        private static string ToOpenApi(string jsonSchema, string toolName)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                GeminiSchemaConverter.WriteOpenApiSchema(writer, jsonSchema, toolName);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static JsonNode UpperCaseTypes(JsonNode node)
        {
            if (node is JsonObject o)
            {
                foreach (var (name, value) in o.ToList())
                {
                    if (name == "type" && value is JsonValue v) o[name] = v.GetValue<string>().ToUpperInvariant();
                    else if (value is not null) UpperCaseTypes(value);
                }
            }

            return node;
        }
    }
}
