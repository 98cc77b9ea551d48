// A tool set written by hand in the shape the generator emits for a [Tool] method: a definition with
// the strict parameter schema and an invoker that parses the JSON arguments and reports mismatches
// as StructuredOutputException with the JSON path.
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Tools;

namespace StructGen.Integrations.Tests.Fixtures
{
    public sealed class TestTools
    {
        public const string WeatherParameters = """{"type":"object","properties":{"city":{"type":"string","description":"The city"},"days":{"type":"integer","description":"How many days"}},"required":["city","days"],"additionalProperties":false}""";
        public const string WeatherDescription = "Gets the weather forecast for a city";

        public TestTools()
        {
            Set = new ToolSet()
                .Add(
                    new ToolDefinition(
                        "get_weather",
                        WeatherDescription,
                        WeatherParameters,
                        strict: true),
                    InvokeWeather)
                .Add(
                    new ToolDefinition("get_time", null, """{"type":"object","properties":{},"required":[],"additionalProperties":false}""", strict: false),
                    static (_, _) => new ValueTask<string>("12:00"));
        }

        public ToolSet Set { get; }

        /// <summary>The arguments JSON each invocation received, in order.</summary>
        public List<string> ReceivedArguments { get; } = new List<string>();

        private ValueTask<string> InvokeWeather(ToolArguments arguments, CancellationToken cancellationToken)
        {
            string argumentsJson = arguments.Json;
            ReceivedArguments.Add(argumentsJson);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(argumentsJson);
            }
            catch (JsonException ex)
            {
                throw new StructuredOutputException(StructuredOutputErrorKind.InvalidJson, "$", "a JSON object", "invalid JSON", -1, ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (!root.TryGetProperty("city", out var city)) throw new StructuredOutputException(StructuredOutputErrorKind.MissingMember, "$.city", "a string", "nothing");
                if (city.ValueKind != JsonValueKind.String) throw new StructuredOutputException(StructuredOutputErrorKind.WrongType, "$.city", "a string", city.ValueKind.ToString());
                if (!root.TryGetProperty("days", out var days)) throw new StructuredOutputException(StructuredOutputErrorKind.MissingMember, "$.days", "an integer (Int32)", "nothing");
                if (days.ValueKind != JsonValueKind.Number || !days.TryGetInt32(out int n)) throw new StructuredOutputException(StructuredOutputErrorKind.WrongType, "$.days", "an integer (Int32)", days.ValueKind.ToString());
                return new ValueTask<string>($"{city.GetString()}: sunny for {n} days");
            }
        }
    }
}
