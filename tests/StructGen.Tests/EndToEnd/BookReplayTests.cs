using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    public class BookReplayTests
    {
        private const string Cassette = "openai-o4-mini/complex_object_streaming.yaml";
        private const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(7)]
        public async Task Generated_stream_replays_the_recorded_session_with_every_guarantee(int readSize)
        {
            var chunking = readSize == 0 ? ChunkingMode.EventBoundaries : ChunkingMode.FixedSize(readSize);
            var (client, handler) = Cassettes.Client(Cassette, "o4-mini", d => d.MaxCompletionTokens = 4000, chunking);
            var stream = client.GenerateBookStreamAsync(Prompt);

            var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);

            var book = stream.Result.Value;
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "British"), book.Author);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);

            Assert.Equal(156, stream.Usage!.PromptTokens);
            Assert.Equal(189, stream.Usage.CompletionTokens);
            Assert.Equal(345, stream.Usage.TotalTokens);
            Assert.Equal("stop", stream.FinishReason?.Value);

            Assert.True(partials.Count >= 15, $"only {partials.Count} partials");
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
            var final = observations[^1];
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, "replay");
            Assert.Equal(FieldState.Complete, partials[^1].State);
            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Non_streaming_method_returns_the_validated_book_and_usage()
        {
            var (client, handler) = Cassettes.Client(Cassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
            var result = await client.GenerateBookAsync(Prompt);
            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Equal(345, result.Usage!.TotalTokens);
            Assert.StartsWith("{\"author\":", result.Text);
            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Genres_stream_element_by_element()
        {
            var (client, _) = Cassettes.Client(Cassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
            var stream = client.GenerateBookStreamAsync(Prompt);
            var genres = new List<string>();
            await foreach (var genre in stream.GenresElementsAsync()) genres.Add(genre);
            Assert.Equal(new[] { "fantasy", "adventure" }, genres);
            Assert.Equal("The Lord of the Rings", stream.Result.Value.Title);
        }

        [Fact]
        public void Generated_response_format_is_the_recorded_one()
        {
            var cassette = CassetteLoader.Load(Cassettes.PathOf(Cassette));
            using var body = System.Text.Json.JsonDocument.Parse(cassette.Interactions[0].Request.Body);
            var recorded = body.RootElement.GetProperty("response_format").GetRawText();
            Assert.Empty(JsonSemanticDiff.Compare(recorded, Book.ResponseFormatJson));
            Assert.Equal("Book", Book.SchemaName);
            Assert.Equal(Book.JsonSchema, Book.StructuredOutput.ResponseFormat.JsonSchema);
        }

        [Fact]
        public void Every_split_of_the_recorded_document_gives_the_same_book()
        {
            var cassette = CassetteLoader.Load(Cassettes.PathOf(Cassette));
            var document = string.Concat(System.Text.RegularExpressions.Regex.Matches(cassette.Interactions[0].Response.Body, "\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"")
                .Select(m => System.Text.Json.JsonSerializer.Deserialize<string>("\"" + m.Groups[1].Value + "\"")));
            Assert.StartsWith("{\"author\"", document);
            var expected = Book.StructuredOutput.Parse(document);
            for (int i = 0; i <= document.Length; i++)
            {
                var parser = Book.CreateStreamingParser();
                var seen = new List<PartialObservation>();
                foreach (var piece in Splits.At(document, i))
                {
                    if (parser.Append(piece)) seen.Add(PartialObservation.Of(parser.Current!));
                }

                var book = parser.Complete();
                Assert.Equal(expected.Title, book.Title);
                Assert.Equal(expected.PublishedYear, book.PublishedYear);
                Assert.Equal(expected.Genres, book.Genres);
                var final = PartialObservation.Of(parser.Current!);
                foreach (var s in seen) PartialObservation.AssertConsistentWithFinal(s, final, "split " + i);
            }

            for (int seed = 0; seed < 1000; seed++)
            {
                var parser = Book.CreateStreamingParser();
                PartialObservation? previous = null;
                foreach (var piece in Splits.Random(document, seed, maxPiece: 6))
                {
                    if (!parser.Append(piece)) continue;
                    var current = PartialObservation.Of(parser.Current!);
                    if (previous is not null) PartialObservation.AssertMonotonic(previous, current, "seed " + seed);
                    previous = current;
                }

                Assert.Equal(expected.Author, parser.Complete().Author);
            }
        }
    }
}
