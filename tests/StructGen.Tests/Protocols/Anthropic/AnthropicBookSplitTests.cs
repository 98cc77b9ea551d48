using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>The recorded streamed Book arguments re-split into input_json_delta events at every position (and at random), through the client.</summary>
    public class AnthropicBookSplitTests
    {
        private static string RecordedArguments()
        {
            var body = CassetteLoader.Load(PathOf("complex_object_streaming.yaml")).Interactions[0].Response.Body;
            return string.Concat(body.Split('\n').Where(l => l.StartsWith("data:", System.StringComparison.Ordinal))
                .Select(l => JsonNode.Parse(l.Substring(5))!)
                .Where(e => (string?)e["delta"]?["type"] == "input_json_delta")
                .Select(e => (string?)e["delta"]!["partial_json"]));
        }

        private static async Task AssertGuaranteesAsync(IReadOnlyList<string> pieces, string context)
        {
            var events = new List<(string, string)> { MessageStart(), BlockStart(0, "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Book\",\"input\":{}}") };
            events.AddRange(pieces.Select(p => JsonDelta(0, p)));
            events.AddRange(new[] { BlockStop(0), MessageDelta("tool_use", 124), MessageStop() });
            var stream = Over(new ScriptedHandler().Then(Events(events.ToArray()))).GenerateBookStreamAsync("A book");
            var observations = new List<PartialObservation>();
            await foreach (var partial in stream)
            {
                Assert.True(partial.PublishedYear is null or 1954, context + ": published year " + partial.PublishedYear);
                var observation = PartialObservation.Of(partial);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, context);
                observations.Add(observation);
            }

            Assert.Equal("The Lord of the Rings", stream.Result.Value.Title);
            Assert.Equal(4, stream.Result.Value.Genres.Count);
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, observations[^1], context);
        }

        [Fact]
        public async Task Every_two_piece_split_of_the_recorded_arguments_keeps_the_guarantees()
        {
            var arguments = RecordedArguments();
            Assert.StartsWith("{\"title\": \"The Lord", arguments, System.StringComparison.Ordinal);
            for (int i = 0; i <= arguments.Length; i++) await AssertGuaranteesAsync(Splits.At(arguments, i).ToList(), "split " + i);
        }

        [Fact]
        public async Task Random_multi_splits_of_the_recorded_arguments_keep_the_guarantees()
        {
            var arguments = RecordedArguments();
            for (int seed = 0; seed < 200; seed++) await AssertGuaranteesAsync(Splits.Random(arguments, seed, maxPiece: 5), "seed " + seed);
        }
    }
}
