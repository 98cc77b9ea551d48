using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>
    /// Seeded random streams built from the tokens that matter to the grammar, read with random read and buffer
    /// sizes, must give exactly what the spec transcription in <see cref="SseReferenceParser"/> gives.
    /// </summary>
    public sealed class SseReaderRandomizedTests
    {
        private static readonly string[] Names = { "data", "data", "data", "event", "id", "retry", "", "foo", "Data", "\uFEFFdata" };
        private static readonly string[] Separators = { ":", ": ", ": ", ":  ", "", " :" };
        private static readonly string[] Values = { "x", "é", "日本", "😀", "\0", "12", "007", "a:b", " ", "\uFEFF", "[DONE]", "{\"a\":1}" };
        private static readonly string[] LineEnds = { "\n", "\r", "\r\n" };

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public async Task Random_streams_match_the_reference_parser(int seed)
        {
            var random = new Random(seed);
            int dispatched = 0;
            for (int round = 0; round < 250; round++)
            {
                string text = RandomStream(random);
                byte[] body = Encoding.UTF8.GetBytes(text);
                int readSize = random.Next(1, 40);
                var options = new SseReaderOptions { BufferSize = random.Next(1, 64) };

                List<SseEvent> expected = SseReferenceParser.Parse(text);
                List<SseEvent> actual = await SseTestData.ReadAllAsync(body, readSize, options);
                dispatched += expected.Count;

                string context = $"seed {seed}, round {round}, read size {readSize}, buffer {options.BufferSize}, input {Escape(text)}";
                Assert.True(expected.Count == actual.Count, $"{expected.Count} events expected, {actual.Count} read; {context}");
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.True(
                        expected[i].EventType == actual[i].EventType && expected[i].Data == actual[i].Data
                            && expected[i].LastEventId == actual[i].LastEventId && expected[i].RetryMilliseconds == actual[i].RetryMilliseconds,
                        $"event {i}: expected {Escape(expected[i].ToString())}, read {Escape(actual[i].ToString())}; {context}");
                }

                // The synchronous in-memory path must agree too.
                Assert.Equal(expected.Count, SseReader.ParseAll(body, options).Count);
            }

            // Guard against a generator that stops producing events and so checks nothing.
            Assert.True(dispatched > 250, $"only {dispatched} events were generated");
        }

        /// <summary>Mostly well-formed lines (so events do get dispatched) with odd names, separators and values.</summary>
        private static string RandomStream(Random random)
        {
            var text = new StringBuilder();
            if (random.Next(4) == 0)
            {
                text.Append('\uFEFF');
            }

            int lines = random.Next(0, 40);
            for (int i = 0; i < lines; i++)
            {
                if (random.Next(3) > 0)
                {
                    text.Append(Pick(random, Names)).Append(Pick(random, Separators));
                    for (int v = random.Next(0, 4); v > 0; v--)
                    {
                        text.Append(Pick(random, Values));
                    }
                }

                // The last line sometimes lacks its terminator, as in a truncated stream.
                if (i < lines - 1 || random.Next(3) > 0)
                {
                    text.Append(Pick(random, LineEnds));
                }
            }

            return text.ToString();
        }

        private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

        private static string Escape(string value)
            => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
    }
}
