using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Extensions.AI;
using StructGen.Integrations.Tests.Fixtures;
using Xunit;

namespace StructGen.Integrations.Tests.ExtensionsAI
{
    public class AIFunctionTests
    {
        private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

        [Fact]
        public void AsAIFunctions_exposes_name_description_schema_and_strictness()
        {
            var tools = new TestTools();

            var functions = tools.Set.AsAIFunctions();

            Assert.Equal(new[] { "get_weather", "get_time" }, functions.Select(f => f.Name));
            var weather = functions[0];
            Assert.Equal(TestTools.WeatherDescription, weather.Description);
            Assert.True(JsonElement.DeepEquals(Json(TestTools.WeatherParameters), weather.JsonSchema));
            Assert.Equal(true, weather.AdditionalProperties[AdditionalPropertyKeys.StrictJsonSchema]);
            Assert.Equal(false, functions[1].AdditionalProperties[AdditionalPropertyKeys.StrictJsonSchema]);
            Assert.Equal(string.Empty, functions[1].Description);
            Assert.Null(weather.UnderlyingMethod);
            Assert.IsType<ToolSetFunction>(weather);
        }

        [Fact]
        public async Task Invoking_with_JsonElement_arguments_runs_the_generated_dispatcher()
        {
            var tools = new TestTools();
            var weather = tools.Set.AsAIFunction("get_weather");

            var result = await weather.InvokeAsync(new AIFunctionArguments
            {
                ["city"] = Json("\"Paris\""),
                ["days"] = Json("3"),
            });

            Assert.Equal("Paris: sunny for 3 days", result);
            Assert.Equal("{\"city\":\"Paris\",\"days\":3}", Assert.Single(tools.ReceivedArguments));
        }

        [Fact]
        public async Task Invoking_with_primitives_and_nodes_writes_the_same_json()
        {
            var tools = new TestTools();
            var weather = tools.Set.AsAIFunction("get_weather");

            var result = await weather.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?>
            {
                ["city"] = JsonValue.Create("Zürich \"Nord\""),
                ["days"] = 2,
            }));

            Assert.Equal("Zürich \"Nord\": sunny for 2 days", result);
            Assert.Equal("Zürich \"Nord\"", JsonDocument.Parse(tools.ReceivedArguments[0]).RootElement.GetProperty("city").GetString());
        }

        [Fact]
        public async Task Invalid_arguments_raise_a_clear_error_naming_the_tool_and_path()
        {
            var tools = new TestTools();
            var weather = tools.Set.AsAIFunction("get_weather");

            var ex = await Assert.ThrowsAsync<ToolArgumentsException>(async () =>
                await weather.InvokeAsync(new AIFunctionArguments { ["days"] = Json("3") }));

            Assert.Equal("get_weather", ex.ToolName);
            Assert.Equal("{\"days\":3}", ex.ArgumentsJson);
            var inner = Assert.IsType<StructuredOutputException>(ex.InnerException);
            Assert.Equal("$.city", inner.Path);
            Assert.Contains("get_weather", ex.Message);
            Assert.Contains("$.city", ex.Message);
            Assert.Contains("{\"days\":3}", ex.Message);
        }

        [Fact]
        public async Task Arguments_of_the_wrong_type_raise_a_clear_error()
        {
            var tools = new TestTools();
            var weather = tools.Set.AsAIFunction("get_weather");

            var ex = await Assert.ThrowsAsync<ToolArgumentsException>(async () =>
                await weather.InvokeAsync(new AIFunctionArguments { ["city"] = Json("\"Oslo\""), ["days"] = Json("\"three\"") }));

            Assert.Equal(StructuredOutputErrorKind.WrongType, ((StructuredOutputException)ex.InnerException!).Kind);
            Assert.Contains("$.days", ex.Message);
        }

        [Fact]
        public void AsAIFunction_rejects_an_unknown_name()
        {
            var ex = Assert.Throws<System.ArgumentException>(() => new TestTools().Set.AsAIFunction("nope"));
            Assert.Contains("nope", ex.Message);
        }

        [Fact]
        public void The_functions_go_into_ChatOptions_tools()
        {
            var options = new ChatOptions { Tools = [.. new TestTools().Set.AsAIFunctions()] };

            Assert.Equal(2, options.Tools.Count);
            Assert.All(options.Tools, t => Assert.IsAssignableFrom<AIFunction>(t));
        }
    }
}
