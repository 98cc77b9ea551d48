using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>
    /// Random streams built from the tokens that matter to the grammar, read with random read and buffer
    /// sizes, must give exactly what the spec transcription in <see cref="SseReferenceParser"/> gives.
    /// CsCheck shrinks a failing stream to a small one and prints the seed that reproduces it.
    /// </summary>
    public sealed class SseReaderRandomizedTests
    {
        private static readonly string[] Names = { "data", "data", "data", "event", "id", "retry", "", "foo", "Data", "\uFEFFdata" };
        private static readonly string[] Separators = { ":", ": ", ": ", ":  ", "", " :" };
        private static readonly string[] Values = { "x", "é", "日本", "😀", "\0", "12", "007", "a:b", " ", "\uFEFF", "[DONE]", "{\"a\":1}" };
        private static readonly string[] LineEnds = { "\n", "\r", "\r\n" };

        /// <summary>A line: mostly a field (name, separator, 0 to 3 values), sometimes empty (a dispatch).</summary>
        private static readonly Gen<string> Line =
            Gen.Frequency(
                (2, Gen.Select(Gen.OneOf(Names), Gen.OneOf(Separators), Gen.OneOf(Values).Array[0, 3], (name, separator, values) => name + separator + string.Concat(values))),
                (1, Gen.Const(string.Empty)));

        /// <summary>Mostly well-formed lines (so events do get dispatched) with odd names, separators and values.</summary>
        private static readonly Gen<string> Stream =
            Gen.Select(
                Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.Const("\uFEFF"))),
                Gen.Select(Line, Gen.OneOf(LineEnds), (line, end) => line + end).Array[0, 39],
                // The last line sometimes lacks its terminator, as in a truncated stream.
                Gen.Frequency((2, Gen.Const(string.Empty)), (1, Line)),
                (bom, lines, tail) => bom + string.Concat(lines) + tail);

        [Fact]
        public async Task Random_streams_match_the_reference_parser()
        {
            int dispatched = 0;
            await Gen.Select(Stream, Gen.Int[1, 39], Gen.Int[1, 63]).SampleAsync(
                async (text, readSize, bufferSize) =>
                {
                    byte[] body = Encoding.UTF8.GetBytes(text);
                    var options = new SseReaderOptions { BufferSize = bufferSize };
                    List<SseEvent> expected = SseReferenceParser.Parse(text);
                    List<SseEvent> actual = await SseTestData.ReadAllAsync(body, readSize, options);
                    Interlocked.Add(ref dispatched, expected.Count);

                    Assert.True(expected.Count == actual.Count, $"{expected.Count} events expected, {actual.Count} read");
                    for (int i = 0; i < expected.Count; i++)
                    {
                        Assert.True(
                            expected[i].EventType == actual[i].EventType && expected[i].Data == actual[i].Data
                                && expected[i].LastEventId == actual[i].LastEventId && expected[i].RetryMilliseconds == actual[i].RetryMilliseconds,
                            $"event {i}: expected {Escape(expected[i].ToString())}, read {Escape(actual[i].ToString())}");
                    }

                    // The synchronous in-memory path must agree too.
                    Assert.Equal(expected.Count, SseReader.ParseAll(body, options).Count);
                },
                iter: 1000,
                print: t => $"read size {t.Item2}, buffer {t.Item3}, input {Escape(t.Item1)}");

            // Guard against a generator that stops producing events and so checks nothing.
            Assert.True(dispatched > 1000, $"only {dispatched} events were generated");
        }

        private static string Escape(string value)
            => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
    }
}
