using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>The JSON Schema → Gemini OpenAPI <c>parameters</c> conversion where schemas merge into their holder.</summary>
    public class GeminiSchemaConverterTests
    {
        [Theory]
        // A nullable reference whose member and type both have a description: the member's wins.
        [InlineData(
            """{"type":"object","properties":{"home":{"anyOf":[{"$ref":"#/$defs/Place"},{"type":"null"}],"description":"Where they live"}},"$defs":{"Place":{"type":"object","description":"A place","properties":{"city":{"type":"string"}}}}}""",
            """{"type":"OBJECT","properties":{"home":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"description":"Where they live","nullable":true}}}""")]
        // The same with the description before the union.
        [InlineData(
            """{"type":"object","properties":{"home":{"description":"Where they live","anyOf":[{"type":"null"},{"$ref":"#/$defs/Place"}]}},"$defs":{"Place":{"type":"object","description":"A place","properties":{"city":{"type":"string"}}}}}""",
            """{"type":"OBJECT","properties":{"home":{"description":"Where they live","type":"OBJECT","properties":{"city":{"type":"STRING"}},"nullable":true}}}""")]
        // A plain reference with a description of its own, and one without: the type's description is kept.
        [InlineData(
            """{"type":"object","properties":{"a":{"$ref":"#/$defs/Place","description":"Own"},"b":{"$ref":"#/$defs/Place"}},"$defs":{"Place":{"type":"object","description":"A place","properties":{"city":{"type":"string"}}}}}""",
            """{"type":"OBJECT","properties":{"a":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"description":"Own"},"b":{"type":"OBJECT","description":"A place","properties":{"city":{"type":"STRING"}}}}}""")]
        public void A_merged_schema_keeps_one_description_the_holders(string jsonSchema, string expected)
        {
            var converted = Convert(jsonSchema);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(converted)), converted);
            foreach (var property in JsonDocument.Parse(converted).RootElement.GetProperty("properties").EnumerateObject())
            {
                int descriptions = 0;
                foreach (var member in property.Value.EnumerateObject()) descriptions += member.Name == "description" ? 1 : 0;
                Assert.True(descriptions <= 1, property.Name + " has " + descriptions + " descriptions: " + converted);
            }
        }

        private static string Convert(string jsonSchema)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                GeminiSchemaConverter.WriteOpenApiSchema(writer, jsonSchema, "tool");
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
