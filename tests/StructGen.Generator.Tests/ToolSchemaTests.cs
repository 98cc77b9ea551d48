using System.Text.Json;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The generated tool definitions: the recorded sessions' tool, strict and non-strict schemas,
    /// names and descriptions.</summary>
    public class ToolSchemaTests
    {
        [Theory]
        [InlineData("cassettes/openai-o4-mini/tool_streaming.yaml")]
        [InlineData("cassettes/openai-gpt-4o-mini/tool_streaming.yaml")]
        public void Weather_tools_json_equals_the_recorded_tools_array(string cassette)
        {
            GeneratorRun run = GeneratorHarness.Run(ToolSources.Weather).AssertClean();
            string toolsJson = run.ReadStaticString("Demo.WeatherTools", "ToolsJson");

            using JsonDocument recorded = JsonDocument.Parse(RepositoryFiles.FirstRequestBody(cassette));
            JsonElement tools = recorded.RootElement.GetProperty("tools");
            JsonAssert.Equal(tools.GetRawText(), toolsJson);
            JsonAssert.Equal(
                tools[0].GetProperty("function").GetProperty("parameters").GetRawText(),
                run.ReadStaticString("Demo.WeatherTools+WeatherArguments", "JsonSchema"));
            Assert.Equal("weather", run.ReadStaticString("Demo.WeatherTools+WeatherArguments", "ToolName"));
        }

        private const string StrictBody = """
            public enum Unit { Celsius, Fahrenheit }

            public record Place(string City, string? Country);

            public partial class StrictTools
            {
                [Tool(Description = "Get weather information for a location", Strict = true)]
                public string Weather(
                    [Description("the city")] string location,
                    int days = 3,
                    Unit unit = Unit.Celsius,
                    Unit? alternative = null,
                    Place? near = null,
                    IReadOnlyList<Place>? also = null,
                    Place home = null!,
                    IReadOnlyList<string> tags = null!) => location;
            }
            """;

        [Fact]
        public void DataAnnotations_on_tool_parameters_become_schema_keywords()
        {
            const string Body = """
                public partial class CountingTools
                {
                    [Tool]
                    public string Repeat(
                        [System.ComponentModel.DataAnnotations.Range(1, 10)] int times,
                        [System.ComponentModel.DataAnnotations.MinLength(2), System.ComponentModel.DataAnnotations.MaxLength(40)] string word,
                        [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z]+$")] string tag) => word;
                }
                """;
            GeneratorRun run = GeneratorHarness.Run(Sources.Usings + "namespace Demo\n{\n" + Body + "\n}\n").AssertClean();
            using JsonDocument document = JsonDocument.Parse(run.ReadStaticString("Demo.CountingTools+RepeatArguments", "JsonSchema"));
            JsonElement properties = document.RootElement.GetProperty("properties");
            Assert.Equal(1, properties.GetProperty("times").GetProperty("minimum").GetInt32());
            Assert.Equal(10, properties.GetProperty("times").GetProperty("maximum").GetInt32());
            // Strict mode has no minLength/maxLength: string lengths are told to the model in the description.
            Assert.Equal("At least 2 characters long. At most 40 characters long.", properties.GetProperty("word").GetProperty("description").GetString());
            Assert.Equal("^[a-z]+$", properties.GetProperty("tag").GetProperty("pattern").GetString());
        }

        [Fact]
        public void Strict_tool_schema_passes_the_strict_validator_and_makes_optional_parameters_nullable()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Usings + "namespace Demo\n{\n" + StrictBody + "\n}\n").AssertClean();
            string schema = run.ReadStaticString("Demo.StrictTools+WeatherArguments", "JsonSchema");
            StrictSchemaValidator.AssertValid(schema, "weather");

            using JsonDocument document = JsonDocument.Parse(schema);
            JsonElement properties = document.RootElement.GetProperty("properties");
            Assert.Equal("string", properties.GetProperty("location").GetProperty("type").GetString());
            Assert.Equal("[\"integer\",\"null\"]", properties.GetProperty("days").GetProperty("type").GetRawText());
            Assert.Equal("[\"celsius\",\"fahrenheit\",null]", properties.GetProperty("unit").GetProperty("enum").GetRawText());
            Assert.Equal("[\"location\",\"days\",\"unit\",\"alternative\",\"near\",\"also\",\"home\",\"tags\"]", document.RootElement.GetProperty("required").GetRawText());

            using JsonDocument tools = JsonDocument.Parse(run.ReadStaticString("Demo.StrictTools", "ToolsJson"));
            JsonElement function = tools.RootElement[0].GetProperty("function");
            Assert.True(function.GetProperty("strict").GetBoolean());
            JsonAssert.Equal(schema, function.GetProperty("parameters").GetRawText());
        }

        [Fact]
        public void Non_strict_schema_is_natural_optional_parameters_are_not_required_and_nothing_closes_objects()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Usings + "namespace Demo\n{\n" + StrictBody.Replace(", Strict = true", string.Empty) + "\n}\n").AssertClean();
            string schema = run.ReadStaticString("Demo.StrictTools+WeatherArguments", "JsonSchema");

            Assert.DoesNotContain("additionalProperties", schema);
            using JsonDocument document = JsonDocument.Parse(schema);
            Assert.Equal("[\"location\"]", document.RootElement.GetProperty("required").GetRawText());
            JsonElement properties = document.RootElement.GetProperty("properties");
            Assert.Equal("integer", properties.GetProperty("days").GetProperty("type").GetString());
            Assert.Equal("[\"celsius\",\"fahrenheit\"]", properties.GetProperty("unit").GetProperty("enum").GetRawText());
            Assert.Equal("{\"$ref\":\"#/$defs/Place\"}", properties.GetProperty("home").GetRawText());
            Assert.Equal("[\"city\",\"country\"]", document.RootElement.GetProperty("$defs").GetProperty("Place").GetProperty("required").GetRawText());
        }

        [Fact]
        public void Kitchen_sink_strict_tool_passes_the_strict_validator()
        {
            GeneratorRun run = GeneratorHarness.Run(ToolSources.KitchenSink).AssertClean();
            StrictSchemaValidator.AssertValid(run.ReadStaticString("Demo.TravelTools+SearchCitiesArguments", "JsonSchema"), "search_cities");
        }

        [Fact]
        public void Names_and_descriptions_come_from_the_attribute_xml_docs_and_description_attributes()
        {
            const string body = """
                public partial class Names
                {
                    /// <summary>Looks up the <see cref="Names"/> weather.</summary>
                    /// <param name="cityName">The <paramref name="cityName"/> to use.</param>
                    [Tool]
                    public string GetWeather(string cityName) => cityName;

                    [Tool, Description("From the Description attribute")]
                    public static System.Threading.Tasks.Task<string> SearchAsync([Description("what to find")] string query) => System.Threading.Tasks.Task.FromResult(query);

                    /// <summary>Not this.</summary>
                    [Tool(Name = "custom-name", Description = "The attribute wins")]
                    public string Other(Uri link) => link.ToString();
                }
                """;
            GeneratorRun run = GeneratorHarness.Run(Sources.Usings + "namespace Demo\n{\n" + body + "\n}\n").AssertClean();
            JsonAssert.Equal(
                """
                [
                  {"type":"function","function":{"name":"get_weather","strict":false,"description":"Looks up the Names weather.","parameters":{"type":"object","properties":{"city_name":{"type":"string","description":"The cityName to use."}},"required":["city_name"]}}},
                  {"type":"function","function":{"name":"search","strict":false,"description":"From the Description attribute","parameters":{"type":"object","properties":{"query":{"type":"string","description":"what to find"}},"required":["query"]}}},
                  {"type":"function","function":{"name":"custom-name","strict":false,"description":"The attribute wins","parameters":{"type":"object","properties":{"link":{"type":"string","description":"A URI."}},"required":["link"]}}}
                ]
                """,
                run.ReadStaticString("Demo.Names", "ToolsJson"));
            Assert.Equal("custom-name", run.ReadStaticString("Demo.Names+CustomNameArguments", "ToolName"));
        }

        [Fact]
        public void Parameter_names_follow_the_assembly_naming_policy()
        {
            string source = Sources.Usings + "[assembly: StructGenDefaults(NamingPolicy = StructGenNamingPolicy.CamelCase)]\nnamespace Demo\n{\npublic record Place(string CityName);\npublic partial class T { [Tool] public string GetWeather(Place homePlace, int dayCount = 1) => \"\"; }\n}\n";
            GeneratorRun run = GeneratorHarness.Run(source).AssertClean();
            string schema = run.ReadStaticString("Demo.T+GetWeatherArguments", "JsonSchema");
            Assert.Contains("\"homePlace\"", schema);
            Assert.Contains("\"cityName\"", schema);
            Assert.Contains("\"required\":[\"homePlace\"]", schema);
            Assert.Contains("\"name\":\"get_weather\"", run.ReadStaticString("Demo.T", "ToolsJson"));
        }

        [Fact]
        public void Descriptions_with_quotes_newlines_and_triple_quotes_compile_and_round_trip()
        {
            const string text = "Say \"hi\"\nthen \"\"\" and \\ done";
            string source = Sources.Usings + "namespace Demo\n{\npublic partial class T { [Tool(Description = \"Say \\\"hi\\\"\\nthen \\\"\\\"\\\" and \\\\ done\")] public string Hi([Description(\"Say \\\"hi\\\"\\nthen \\\"\\\"\\\" and \\\\ done\")] string who) => who; }\n}\n";
            GeneratorRun run = GeneratorHarness.Run(source).AssertClean();
            using JsonDocument tools = JsonDocument.Parse(run.ReadStaticString("Demo.T", "ToolsJson"));
            JsonElement function = tools.RootElement[0].GetProperty("function");
            Assert.Equal(text, function.GetProperty("description").GetString());
            Assert.Equal(text, function.GetProperty("parameters").GetProperty("properties").GetProperty("who").GetProperty("description").GetString());
        }
    }
}
