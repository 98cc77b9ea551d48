using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Protocols.Anthropic;
using StructGen.Tests.Protocols.Gemini;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Dialects
{
    /// <summary>The generated schema in each protocol's dialect, against the recordings and the adapters.</summary>
    public class SchemaDialectTests
    {
        private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

        private static void AssertJson(JsonNode? expected, JsonNode? actual) =>
            Assert.True(JsonNode.DeepEquals(expected, actual), "expected " + expected?.ToJsonString() + "\nactual   " + actual?.ToJsonString());

        private static JsonNode RecordedBody(string path) => Parse(CassetteLoader.Load(path).Interactions[0].Request.Body);

        [Fact]
        public void Book_in_the_Gemini_dialect_is_the_recorded_responseJsonSchema()
        {
            var recorded = RecordedBody(GeminiCassettes.PathOf("google-gemini-2.5-flash/complex_object.yaml"))["generationConfig"]!["responseJsonSchema"];
            AssertJson(recorded, Parse(Book.StructuredOutput.GetJsonSchema(SchemaDialect.Gemini)));
        }

        [Fact]
        public void Book_in_the_Anthropic_dialect_is_the_recorded_input_schema_with_closed_objects()
        {
            // The recording is a forced non-strict tool (natural schema); the Anthropic dialect adds only additionalProperties:false.
            var recorded = RecordedBody(PathOf("complex_object.yaml"))["tools"]![0]!["input_schema"];
            var anthropic = Parse(Book.StructuredOutput.GetJsonSchema(SchemaDialect.Anthropic));
            Assert.Equal(2, RemoveClosed(anthropic));
            AssertJson(recorded, anthropic);
        }

        [Fact]
        public void Each_dialect_is_returned_and_the_ones_equal_to_their_basis_share_its_text()
        {
            Assert.Same(Book.StructuredOutput.JsonSchema, Book.StructuredOutput.GetJsonSchema(SchemaDialect.OpenAIStrict));
            Assert.Same(Book.StructuredOutput.NaturalJsonSchema, Book.StructuredOutput.GetJsonSchema(SchemaDialect.Natural));
            Assert.Same(Book.StructuredOutput.JsonSchema, Book.StructuredOutput.GetJsonSchema(SchemaDialect.Anthropic));
            Assert.Same(Book.StructuredOutput.NaturalJsonSchema, Book.StructuredOutput.GetJsonSchema(SchemaDialect.Gemini));
            Assert.Throws<ArgumentOutOfRangeException>(() => Book.StructuredOutput.GetJsonSchema((SchemaDialect)42));
        }

        [Fact]
        public void The_Anthropic_dialect_states_bounds_in_words_and_writes_nullables_as_anyOf()
        {
            var schema = Parse(Review.StructuredOutput.GetJsonSchema(SchemaDialect.Anthropic));
            AssertJson(Parse("""{"type":"integer","description":"How good At least 1. At most 5."}"""), schema["properties"]!["stars"]);
            AssertJson(Parse("""{"anyOf":[{"type":"string"},{"type":"null"}]}"""), schema["properties"]!["comment"]);
            AssertJson(Parse("""{"type":"array","description":"At most 3 items.","items":{"type":"string"}}"""), schema["properties"]!["tags"]);
            AssertJson(Parse("""{"type":"string","pattern":"^[A-Z]{3}$"}"""), schema["properties"]!["code"]);
            Assert.False((bool)schema["additionalProperties"]!);
        }

        [Fact]
        public void The_Gemini_dialect_keeps_numeric_bounds_and_states_the_pattern_in_words()
        {
            var schema = Parse(Review.StructuredOutput.GetJsonSchema(SchemaDialect.Gemini));
            AssertJson(Parse("""{"type":"integer","description":"How good","minimum":1,"maximum":5}"""), schema["properties"]!["stars"]);
            AssertJson(Parse("""{"type":"string","description":"Must match the regular expression ^[A-Z]{3}$."}"""), schema["properties"]!["code"]);
            Assert.Null(schema["additionalProperties"]);
        }

        [Fact]
        public async Task Anthropic_native_json_output_sends_the_Anthropic_dialect()
        {
            var json = "{\"stars\":4,\"comment\":null,\"tags\":[\"a\"],\"code\":\"ABC\"}";
            var answer = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, json), BlockStop(0), MessageDelta("end_turn", 30), MessageStop());
            var handler = new ScriptedHandler().Then(answer);
            var result = await Over(handler).GenerateReviewAsync("Review it", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ResponseFormat });

            Assert.Equal(4, result.Value.Stars);
            var sent = Parse(handler.RequestBodies[0])["output_config"]!["format"]!["schema"];
            AssertJson(Parse(Review.StructuredOutput.GetJsonSchema(SchemaDialect.Anthropic)), sent);
            Assert.DoesNotContain("\"maximum\"", sent!.ToJsonString(), StringComparison.Ordinal);
        }

        [Fact]
        public void A_format_built_by_hand_falls_back_to_the_schemas_it_was_given()
        {
            var format = ResponseFormat.ForJsonSchema("x", "{\"type\":\"object\"}", naturalJsonSchema: "{}");
            Assert.Equal("{\"type\":\"object\"}", format.GetJsonSchema(SchemaDialect.Anthropic));
            Assert.Equal("{}", format.GetJsonSchema(SchemaDialect.Gemini));
        }

        /// <summary>Removes every <c>additionalProperties:false</c>; returns how many.</summary>
        private static int RemoveClosed(JsonNode? node)
        {
            int removed = 0;
            if (node is JsonObject o)
            {
                if (o["additionalProperties"] is JsonValue v && v.GetValue<bool>() == false)
                {
                    o.Remove("additionalProperties");
                    removed++;
                }

                foreach (var child in o.Select(p => p.Value).ToList()) removed += RemoveClosed(child);
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a) removed += RemoveClosed(child);
            }

            return removed;
        }
    }
}
