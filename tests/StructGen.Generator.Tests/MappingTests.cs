using System.Collections.Generic;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Targeted checks of the JSON Schema for each row of the mapping table.</summary>
    public class MappingTests
    {
        private static SchemaRun Generate(string body) => SchemaRun.Generate(body).AssertCleanAndStrict();

        [Theory]
        [InlineData("text", """{"type":"string"}""")]
        [InlineData("letter", """{"type":"string"}""")]
        [InlineData("flag", """{"type":"boolean"}""")]
        [InlineData("b", """{"type":"integer"}""")]
        [InlineData("ul", """{"type":"integer"}""")]
        [InlineData("big", """{"type":"integer"}""")]
        [InlineData("f", """{"type":"number"}""")]
        [InlineData("m", """{"type":"number"}""")]
        [InlineData("h", """{"type":"number"}""")]
        public void Primitives_map_to_json_types(string property, string expected) =>
            JsonAssert.Equal(expected, Generate(MappingRows.Primitives).Property("Primitives", property));

        [Theory]
        [InlineData("text", """{"type":["string","null"]}""")]
        [InlineData("count", """{"type":["integer","null"]}""")]
        [InlineData("id", """{"type":["string","null"],"format":"uuid"}""")]
        [InlineData("child", """{"anyOf":[{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false},{"type":"null"}],"description":"Optional child"}""")]
        [InlineData("tags", """{"type":["array","null"],"items":{"type":["string","null"]}}""")]
        [InlineData("color", """{"type":["string","null"],"enum":["red","green",null]}""")]
        public void Nullable_members_become_unions_with_null_and_stay_required(string property, string expected)
        {
            SchemaRun run = Generate(MappingRows.Nullables);
            JsonAssert.Equal(expected, run.Property("Nullables", property));
            Assert.Contains("\"required\":[\"text\",\"count\",\"flag\",\"id\",\"at\",\"child\",\"tags\",\"color\"]", run.Schema("Nullables"));
        }

        [Fact]
        public void Enums_follow_the_naming_policy_and_honour_explicit_names_and_member_descriptions()
        {
            SchemaRun run = Generate(MappingRows.Enums);
            JsonAssert.Equal(
                """{"type":"string","description":"Kinds of books.\n- horror: Scary books","enum":["science_fiction","fantasy!","non-fiction","horror"]}""",
                run.Property("Shelf", "main"));
            JsonAssert.Equal(
                """{"type":["string","null"],"description":"Favourite genre\n- horror: Scary books","enum":["science_fiction","fantasy!","non-fiction","horror",null]}""",
                run.Property("Shelf", "favourite"));
        }

        [Theory]
        [InlineData("a")]
        [InlineData("b")]
        [InlineData("c")]
        [InlineData("d")]
        [InlineData("e")]
        [InlineData("f")]
        [InlineData("g")]
        [InlineData("h")]
        [InlineData("i")]
        [InlineData("j")]
        [InlineData("k")]
        public void Every_collection_shape_is_an_array_with_items(string property)
        {
            string schema = Generate(MappingRows.Collections).Property("Collections", property);
            Assert.StartsWith("{\"type\":\"array\",\"items\":{\"type\":", schema);
        }

        [Fact]
        public void Nested_collections_and_nullable_items()
        {
            SchemaRun run = Generate(MappingRows.Collections);
            JsonAssert.Equal("""{"type":"array","items":{"type":"array","items":{"type":"integer"}}}""", run.Property("Collections", "nested"));
            JsonAssert.Equal("""{"type":"array","items":{"type":["integer","null"]}}""", run.Property("Collections", "nullable_items"));
        }

        [Fact]
        public void Shared_types_go_to_defs_and_single_use_types_are_inlined()
        {
            SchemaRun run = Generate(MappingRows.Shared);
            JsonAssert.Equal("""{"$ref":"#/$defs/Address"}""", run.Property("Order", "shipping"));
            JsonAssert.Equal(
                """{"type":"object","description":"A postal address.","properties":{"street":{"type":"string"},"city":{"type":"string"}},"required":["street","city"],"additionalProperties":false}""",
                run.Definition("Order", "Address"));
            // A described reference is wrapped: strict mode rejects $ref with sibling keywords.
            Assert.Contains("\"home\":{\"anyOf\":[{\"$ref\":\"#/$defs/Address\"}],\"description\":\"Home address\"}", run.Schema("Order"));
            Assert.StartsWith("{\"type\":\"object\",\"properties\":{\"name\"", run.Property("Order", "customer"));
        }

        [Fact]
        public void Self_recursion_references_the_root_and_mutual_recursion_uses_defs()
        {
            SchemaRun run = Generate(MappingRows.Recursive);
            JsonAssert.Equal("""{"type":"array","items":{"$ref":"#"}}""", run.Property("TreeNode", "children"));
            JsonAssert.Equal("""{"anyOf":[{"$ref":"#"},{"type":"null"}]}""", run.Property("TreeNode", "parent"));
            Assert.DoesNotContain("$defs", run.Schema("TreeNode"));

            JsonAssert.Equal("""{"$ref":"#/$defs/Person"}""", run.Property("Graph", "root"));
            Assert.Contains("\"owner\":{\"$ref\":\"#/$defs/Person\"}", run.Definition("Graph", "Pet"));
            Assert.Contains("\"mentor\":{\"anyOf\":[{\"$ref\":\"#/$defs/Person\"},{\"type\":\"null\"}]}", run.Definition("Graph", "Person"));
        }

        [Theory]
        [InlineData("at", """{"type":"string","format":"date-time"}""")]
        [InlineData("when", """{"type":"string","format":"date-time"}""")]
        [InlineData("day", """{"type":"string","format":"date"}""")]
        [InlineData("time", """{"type":"string","format":"time"}""")]
        [InlineData("duration", """{"type":"string","format":"duration"}""")]
        [InlineData("id", """{"type":"string","format":"uuid"}""")]
        [InlineData("link", """{"type":"string","description":"A URI."}""")]
        [InlineData("home", """{"type":["string","null"],"description":"Homepage. A URI."}""")]
        public void Dates_times_guids_and_uris_are_formatted_strings(string property, string expected) =>
            JsonAssert.Equal(expected, Generate(MappingRows.Formats).Property("Event", property));

        [Fact]
        public void JsonIgnore_JsonPropertyName_computed_properties_and_camel_case()
        {
            SchemaRun run = Generate(MappingRows.Naming);
            Assert.Contains("\"required\":[\"firstName\",\"SURNAME\",\"nickname\",\"xmlId\"]", run.Schema("Profile"));
            Assert.DoesNotContain("secret", run.Schema("Profile"), System.StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("age", run.Schema("Profile"));
        }

        [Theory]
        [InlineData("Kebab", "first-name", "http-status", "very-low")]
        [InlineData("Screaming", "FIRST_NAME", "HTTP_STATUS", "VERY_LOW")]
        [InlineData("Declared", "FirstName", "HTTPStatus", "VeryLow")]
        public void Per_type_naming_policy_applies_to_reachable_types_and_enum_values(string type, string first, string nested, string enumValue)
        {
            string schema = Generate(MappingRows.Naming).Schema(type);
            Assert.Contains("\"" + first + "\":", schema);
            Assert.Contains("\"" + nested + "\":", schema);
            Assert.Contains("\"" + enumValue + "\"", schema);
        }

        [Fact]
        public void Assembly_attribute_sets_the_default_policy()
        {
            SchemaRun run = SchemaRun.Generate(
                "[StructuredOutput] public partial record Item(string FirstName);",
                assemblyAttributes: "[assembly: StructGenDefaults(NamingPolicy = StructGenNamingPolicy.CamelCase)]\n");
            run.AssertCleanAndStrict();
            Assert.Contains("\"firstName\"", run.Schema("Item"));
        }

        [Fact]
        public void MSBuild_property_sets_the_default_policy_and_the_attribute_wins_over_it()
        {
            var options = new Dictionary<string, string> { ["build_property.StructGenNamingPolicy"] = "kebab-case" };
            SchemaRun run = SchemaRun.Generate(
                """
                [StructuredOutput] public partial record Item(string FirstName);
                [StructuredOutput(NamingPolicy = StructGenNamingPolicy.SnakeCaseUpper)] public partial record Other(string FirstName);
                """,
                options);
            run.AssertCleanAndStrict();
            Assert.Contains("\"first-name\"", run.Schema("Item"));
            Assert.Contains("\"FIRST_NAME\"", run.Schema("Other"));
        }

        [Fact]
        public void Xml_docs_describe_types_properties_and_record_parameters_and_the_attribute_wins()
        {
            SchemaRun run = Generate(MappingRows.XmlDocs);
            JsonAssert.Equal("""{"type":"string","description":"The dish title."}""", run.Property("Recipe", "title"));
            JsonAssert.Equal("""{"type":"integer","description":"Minutes to cook"}""", run.Property("Recipe", "minutes"));
            JsonAssert.Equal("""{"type":"array","description":"Steps, in order.","items":{"type":"string"}}""", run.Property("Recipe", "steps"));
            Assert.Contains("\"description\":\"A Recipe to cook.\"", run.ResponseFormat("Recipe"));
        }

        [Theory]
        [InlineData("age", """{"type":"integer","minimum":18,"maximum":120}""")]
        [InlineData("handle", """{"type":"string","pattern":"^[a-z]+$"}""")]
        [InlineData("email", """{"type":"string","format":"email"}""")]
        [InlineData("tags", """{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":5}""")]
        [InlineData("bio", """{"type":"string","description":"About you. At most 100 characters long."}""")]
        [InlineData("level", """{"type":"integer","description":"Default: 3."}""")]
        [InlineData("ratio", """{"type":"number","exclusiveMinimum":0.5,"maximum":1.5}""")]
        public void Data_annotations_become_supported_keywords_or_descriptions(string property, string expected) =>
            JsonAssert.Equal(expected, SchemaRun.Generate(MappingRows.DataAnnotations).AssertCleanAndStrict("SGEN024").Property("Signup", property));

        [Fact]
        public void Polymorphic_members_become_anyOf_with_single_value_discriminators()
        {
            SchemaRun run = Generate(MappingRows.Polymorphism);
            JsonAssert.Equal(
                """
                {"anyOf":[
                  {"type":"object","properties":{"kind":{"type":"string","enum":["circle"]},"radius":{"type":"number"}},"required":["kind","radius"],"additionalProperties":false},
                  {"type":"object","properties":{"kind":{"type":"string","enum":["square"]},"side":{"type":"number"}},"required":["kind","side"],"additionalProperties":false}]}
                """,
                run.Definition("Drawing", "Shape"));
            JsonAssert.Equal("""{"type":"array","items":{"$ref":"#/$defs/Shape"}}""", run.Property("Drawing", "shapes"));
        }

        [Fact]
        public void Classes_structs_and_constructor_bound_types_are_objects()
        {
            SchemaRun run = Generate(MappingRows.Shapes);
            JsonAssert.Equal(
                """{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"},"note":{"type":["string","null"]}},"required":["name","size","note"],"additionalProperties":false}""",
                run.Property("Settings", "extra"));
            JsonAssert.Equal(
                """{"type":"object","properties":{"start":{"type":"integer"},"end":{"type":"integer"}},"required":["start","end"],"additionalProperties":false}""",
                run.Property("Settings", "window"));
            Assert.Contains("partial struct Coordinates", run.Source("Coordinates"));
        }
    }
}
