namespace StructGen.Generator.Tests
{
    /// <summary>Shared [Tool] test inputs.</summary>
    internal static class ToolSources
    {
        /// <summary>The tool of the recorded sessions (<c>cassettes/*/tool_streaming.yaml</c>).</summary>
        public const string WeatherBody = """
            public partial class WeatherTools
            {
                [Tool(Description = "Get weather information for a location")]
                public string Weather([Description("the city")] string location) { Calls.Add(location); return "40 C"; }

                public List<string> Calls { get; } = new();
            }
            """;

        public const string Weather = Sources.Usings + "namespace Demo\n{\n" + WeatherBody + "\n}\n";

        /// <summary>Static and instance tools, optional parameters, records, enums, lists, nullable values,
        /// cancellation tokens, and every return shape.</summary>
        public const string KitchenSinkBody = """
            public enum Unit { Celsius, Fahrenheit }

            public record Place(string City, [property: Description("ISO country code")] string? Country);

            public record Forecast(Place Place, IReadOnlyList<Day> Days, Unit Unit, DateOnly Issued);

            public record Day(DateOnly Date, double High, double? Low, bool Rain);

            public partial class TravelTools
            {
                private readonly List<string> _log = new();

                /// <summary>Forecast for a place.</summary>
                /// <param name="place">Where to look.</param>
                /// <param name="days">How many days (1-10).</param>
                /// <param name="unit">Temperature unit.</param>
                /// <param name="cancellationToken">Injected.</param>
                [Tool]
                public Forecast GetForecast(Place place, int days = 3, Unit unit = Unit.Celsius, CancellationToken cancellationToken = default)
                {
                    _log.Add(place.City);
                    var list = new List<Day>();
                    for (int i = 0; i < days; i++) list.Add(new Day(new DateOnly(2025, 1, 1 + i), 20.5 + i, i == 0 ? null : 10, i % 2 == 0));
                    return new Forecast(place, list, unit, new DateOnly(2025, 1, 1));
                }

                [Tool(Name = "search_cities", Description = "Find cities by name", Strict = true)]
                public static async Task<string> Search(string query, IReadOnlyList<string>? countries = null, int limit = 5)
                {
                    await Task.Yield();
                    return query + ":" + (countries is null ? "any" : string.Join("|", countries)) + ":" + limit;
                }

                [Tool(Description = "Remember a note")]
                public void Remember(string note) => _log.Add(note);

                [Tool]
                public async ValueTask<IReadOnlyList<Unit>> ListUnitsAsync(CancellationToken token)
                {
                    await Task.Yield();
                    return new[] { Unit.Celsius, Unit.Fahrenheit };
                }

                [Tool]
                public Task ClearAsync() { _log.Clear(); return Task.CompletedTask; }

                [Tool]
                public static int? CountLetters(string text, char letter = 'a') => text.Length == 0 ? null : text.Split(letter).Length - 1;

                public IReadOnlyList<string> Log => _log;
            }
            """;

        public const string KitchenSink = Sources.Usings + "using System.Threading;\nusing System.Threading.Tasks;\nnamespace Demo\n{\n" + KitchenSinkBody + "\n}\n";
    }
}
