using System;
using System.Text;
using System.Threading;
using CsCheck;
using Xunit;

namespace StructGen.Tests.Support
{
    /// <summary>
    /// The property every decoder that resumes a repeated head must keep: any sequence of events read by one
    /// reader (which remembers heads) reads exactly as a fresh reader reads each event. Events are assembled
    /// from heads, middles and tails chosen to share prefixes in every way they can (CsCheck: 2,000 sequences
    /// of 2–12 events, shrunk and printed on failure).
    /// </summary>
    internal static class RepeatedHeadProperty
    {
        /// <param name="heads">Event beginnings, up to and around the resume point.</param>
        /// <param name="middles">What follows a head (a value, a list).</param>
        /// <param name="tails">What ends an event.</param>
        /// <param name="newReader">A reader for one stream.</param>
        /// <param name="read">Reads an event with a reader and describes everything read (or the failure).</param>
        /// <param name="resumed">How many events a reader read from a remembered head.</param>
        public static void AssertEverySequenceReadsAsFreshReads<TReader>(
            string[] heads, string[] middles, string[] tails, Func<TReader> newReader, Func<TReader, byte[], string> read, Func<TReader, long> resumed)
        {
            var events = Gen.Select(Gen.Int[0, heads.Length - 1], Gen.Int[0, middles.Length - 1], Gen.Int[0, tails.Length - 1])
                .Select(t => heads[t.Item1] + middles[t.Item2] + tails[t.Item3]);
            long hits = 0;
            events.Array[2, 12].Sample(
                sequence =>
                {
                    var streaming = newReader();
                    foreach (string json in sequence)
                    {
                        var bytes = Encoding.UTF8.GetBytes(json);
                        Assert.Equal(read(newReader(), bytes), read(streaming, bytes));
                    }

                    Interlocked.Add(ref hits, resumed(streaming));
                },
                iter: 2000,
                print: sequence => string.Join(" | ", sequence));

            Assert.True(hits > 500, hits + " events read from a remembered head (expected about a thousand): the test is not exercising it");
        }
    }
}
