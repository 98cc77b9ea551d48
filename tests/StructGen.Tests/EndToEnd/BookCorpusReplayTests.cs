using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.CassetteCorpus;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>
    /// Every corpus cassette that asked any provider for the recorded Book schema, replayed through the
    /// generated Book types: typed partials with every guarantee, then the validated final value.
    /// Recordings of other providers dropped into <c>cassettes/</c> (or a <c>STRUCTGEN_CASSETTES</c>
    /// folder) are picked up without code changes.
    /// </summary>
    public class BookCorpusReplayTests
    {
        public static IEnumerable<object[]> BookCassettes() =>
            CorpusCassettes.Paths()
                .Where(path => CassetteLoader.Load(CorpusCassettes.Resolve(path)).Interactions.Any(i => AsksForBook(i.Request)))
                .Select(path => new object[] { path });

        [Fact]
        public void The_corpus_has_at_least_the_recorded_session_and_the_provider_shapes()
        {
            var cassettes = BookCassettes().Select(c => (string)c[0]).ToList();
            Assert.Contains("cassettes/openai-o4-mini/complex_object_streaming.yaml", cassettes);
            Assert.Contains("ProviderShapes/deepseek-book-reasoner.yaml", cassettes);
            Assert.Contains("ProviderShapes/openrouter-book-nonstreamed.yaml", cassettes); // ChatRequestOptions.Stream = false
        }

        [Theory]
        [MemberData(nameof(BookCassettes))]
        public async Task Streams_book_partials_with_every_guarantee_in_reads_of_five_bytes(string cassettePath)
        {
            var cassette = CassetteLoader.Load(CorpusCassettes.Resolve(cassettePath));
            var interaction = cassette.Interactions.First(i => AsksForBook(i.Request));
            var single = new Cassette();
            single.Interactions.Add(interaction);
            var handler = new ReplayHandler(single, new CassetteReplayOptions { Chunking = ChunkingMode.FixedSize(5) });
            var request = RecordedRequest.From(interaction.Request);
            var options = new ChatCompletionsClientOptions { Endpoint = request.Endpoint, Defaults = new ChatRequestOptions(), MaxRetries = 0 };
            using var client = new ChatCompletionsClient(options, new HttpClient(handler));

            // The typed response format replaces the recorded raw one; the replay checks both write the same body.
            request.Options.AdditionalProperties?.Remove("response_format");
            var stream = client.StreamStructuredAsync(Book.StructuredOutput, request.Messages, request.Options);
            var observations = new List<PartialObservation>();
            var years = new HashSet<int?>();
            try
            {
                await foreach (var partial in stream)
                {
                    var observation = PartialObservation.Of(partial);
                    if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, cassettePath + " partial " + observations.Count);
                    observations.Add(observation);
                    years.Add(partial.PublishedYear);
                }
            }
            catch (ChatStreamException ex)
            {
                // Only a broken recording may end this way (an error inside it, a chunk that is not JSON,
                // no finish reason); the last partial must come with the exception.
                bool eventStream = interaction.Response.Headers.TryGetValues("Content-Type", out var types) && types.Any(t => t.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase));
                var reference = ReferenceTranscript.FromBody(interaction.Response.Body, eventStream);
                Assert.True(reference.HasInvalidChunk || reference.ErrorMessage is not null || reference.FinishReason is null, cassettePath + ": " + ex.Message);
                Assert.True(ex.PartialValue is null or BookPartial);
                return;
            }
            catch (StructuredOutputException ex)
            {
                // The model's answer is not a valid Book: the error must be right about it, and what was
                // published before it must still have kept every guarantee (checked above).
                Assert.ThrowsAny<Exception>(() => Book.StructuredOutput.Parse(stream.State.Content));
                Assert.Contains("$", ex.Message, StringComparison.Ordinal);
                handler.AssertAllUsed();
                return;
            }

            var book = stream.Result.Value;
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, observations[^1], cassettePath);
            var expected = Book.StructuredOutput.Parse(ContentJson(stream.State.Content));
            Assert.Equal((expected.Title, expected.Author, expected.PublishedYear), (book.Title, book.Author, book.PublishedYear));
            Assert.Equal(expected.Genres, book.Genres);
            Assert.True(years.All(y => y is null || y == book.PublishedYear), "a published year other than the final one was shown");
            Assert.Equal("stop", stream.State.FinishReason?.Value);
            Assert.True(observations.Count >= (request.Stream ? 5 : 1), $"only {observations.Count} partials");
            handler.AssertAllUsed();
        }

        private static string ContentJson(string content)
        {
            int start = content.IndexOf('{');
            return content.Substring(start, content.LastIndexOf('}') - start + 1);
        }

        // The request's response_format is the generated Book schema (any model, any provider).
        private static bool AsksForBook(CassetteRequest request)
        {
            if (request.Body.Length == 0 || request.Body[0] != '{') return false;
            using var body = JsonDocument.Parse(request.Body);
            return body.RootElement.TryGetProperty("response_format", out var format) &&
                   JsonSemanticDiff.AreEquivalent(Book.ResponseFormatJson, format.GetRawText());
        }
    }
}
