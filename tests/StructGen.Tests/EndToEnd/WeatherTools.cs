using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>The weather prompts of the recordings: one city (the seed cassettes) and two (parallel calls).</summary>
    internal static class WeatherPrompts
    {
        public static readonly ModelMessage[] Florence =
        {
            ModelMessage.System("You are a helpful assistant"),
            ModelMessage.User("What's the weather in Florence,Italy?"),
        };

        public static readonly ModelMessage[] FlorenceAndRome =
        {
            ModelMessage.System("You are a helpful assistant"),
            ModelMessage.User("What's the weather in Florence,Italy and Rome,Italy?"),
        };
    }

    /// <summary>The tool of the recorded sessions (<c>cassettes/*/tool_streaming.yaml</c>), registered by the generator.</summary>
    public partial class WeatherTools
    {
        [Tool(Description = "Get weather information for a location")]
        public string Weather([Description("the city")] string location)
        {
            lock (Calls) Calls.Add(location);
            return "40 C";
        }

        public List<string> Calls { get; } = new();
    }

    public enum TemperatureUnit
    {
        Celsius,
        Fahrenheit,
    }

    public record TripRequest(string From, string To, [property: Description("Travel date")] DateOnly Date, IReadOnlyList<string> Stops);

    public record Reading(string City, double Temperature, TemperatureUnit Unit, double? Humidity, IReadOnlyList<string> Notes);

    /// <summary>Tools with records, optional parameters, enums, lists, async and void results, and failures.</summary>
    public partial class TravelTools
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        [Tool(Description = "Plan a trip")]
        public string PlanTrip(TripRequest trip, int travellers = 1, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls.Enqueue("plan_trip");
            return $"{trip.From}->{string.Join("->", trip.Stops)}->{trip.To} on {trip.Date:yyyy-MM-dd} for {travellers}";
        }

        [Tool(Description = "The current reading of a city")]
        public async Task<Reading> ReadingAsync(string city, TemperatureUnit unit = TemperatureUnit.Celsius)
        {
            await Task.Yield();
            Calls.Enqueue("reading");
            return new Reading(city, unit == TemperatureUnit.Celsius ? 40 : 104, unit, null, new[] { "hot", "dry \"air\"" });
        }

        [Tool(Description = "Converts a temperature", Strict = true)]
        public static ValueTask<double> Convert(double value, TemperatureUnit to, TemperatureUnit? from = null) =>
            new ValueTask<double>(to == (from ?? TemperatureUnit.Celsius) ? value : to == TemperatureUnit.Fahrenheit ? value * 9 / 5 + 32 : (value - 32) * 5 / 9);

        [Tool(Description = "Records a note")]
        public void Note(string text) => Calls.Enqueue("note:" + text);

        [Tool(Description = "Always fails")]
        public string Fail(string reason) => throw new InvalidOperationException(reason);
    }

    [System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
    [System.Text.Json.Serialization.JsonDerivedType(typeof(Circle), "circle")]
    [System.Text.Json.Serialization.JsonDerivedType(typeof(Square), "square")]
    public abstract record Shape;

    public sealed record Circle(double Radius) : Shape;

    public sealed record Square(double Side) : Shape;

    public record Stamp(DateTime At, DateTimeOffset Offset, Guid Id, TimeSpan Took, Uri Link, DateOnly Day, TimeOnly Time, char Initial, decimal Price, long Big, byte Small, string? Missing);

    /// <summary>Echo tools: values go in through the generated parser and come back through the generated writer.</summary>
    public partial class EchoTools
    {
        [Tool(Description = "Echoes a stamp")]
        public Stamp EchoStamp(Stamp stamp) => stamp;

        [Tool(Description = "Makes a shape")]
        public Task<Shape?> MakeShapeAsync(int sides) => Task.FromResult<Shape?>(sides switch { 0 => new Circle(1.5), 4 => new Square(2), _ => null });
    }

    /// <summary>Only static tools: the factory is <c>CreateToolSet()</c>.</summary>
    public static partial class MathTools
    {
        [Tool(Description = "Adds two numbers")]
        public static long Add(long a, long b) => a + b;

        [Tool(Description = "Sums a list")]
        public static Task<long> SumAsync(IReadOnlyList<long> values, CancellationToken cancellationToken)
        {
            long sum = 0;
            foreach (long v in values) sum += v;
            return Task.FromResult(sum);
        }
    }
}
