using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// The recorded streamed Book text (keys in Gemini's order: author, genres, published_year, title) re-cut
    /// into Gemini events at every position and in small pieces: every partial keeps the guarantees.
    /// </summary>
    public class GeminiSplitTests
    {
        private static string RecordedText()
        {
            var cassette = CassetteLoader.Load(GeminiCassettes.PathOf(GeminiCassettes.Folder + "complex_object_streaming.yaml"));
            return string.Concat(cassette.Interactions[0].Response.Body.Split("\r\n\r\n")
                .Where(e => e.StartsWith("data: "))
                .Select(e => System.Text.Json.Nodes.JsonNode.Parse(e.Substring(6))!["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>()));
        }

        private static async Task<(Book Book, int Partials)> Replay(IEnumerable<string> pieces, string context)
        {
            var list = pieces.ToList();
            var body = string.Concat(list.Select((p, i) => GeminiEvents.Event(new[] { GeminiEvents.Text(p) }, i == list.Count - 1 ? "STOP" : null, (38, i + 1, 39 + i))));
            using var client = GeminiCassettes.Fake(new QueuedHandler().Add(body));
            var stream = client.GenerateBookStreamAsync("book");
            var observations = new List<PartialObservation>();
            await foreach (var partial in stream)
            {
                var observation = PartialObservation.Of(partial);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, context);
                observations.Add(observation);
                Assert.True(partial.PublishedYear is null or 1954, context);
            }

            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, observations[^1], context);
            return (stream.Result.Value, observations.Count);
        }

        [Fact]
        public async Task Every_two_event_split_gives_the_recorded_book()
        {
            var text = RecordedText();
            Assert.StartsWith("{\"author\": {\"name\": \"J.R.R.", text);
            for (int i = 1; i < text.Length; i++)
            {
                var (book, _) = await Replay(new[] { text.Substring(0, i), text.Substring(i) }, "split " + i);
                Assert.Equal("The Lord of the Rings", book.Title);
                Assert.Equal(new Author("J.R.R. Tolkien", "English"), book.Author);
                Assert.Equal(1954, book.PublishedYear);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(5)]
        public async Task Small_events_stream_many_partials_with_title_last(int size)
        {
            var text = RecordedText();
            var pieces = Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, System.Math.Min(size, text.Length - i * size)));
            var (book, partials) = await Replay(pieces, "size " + size);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.True(partials >= 15, "only " + partials + " partials");
        }
    }
}
