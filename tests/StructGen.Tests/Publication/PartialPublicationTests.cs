using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Publication
{
    /// <summary>
    /// The three publication policies of a structured stream: the guarantees of docs/partials.md at
    /// every split point under each, what each policy publishes, and element streams unaffected.
    /// </summary>
    public sealed class PartialPublicationTests
    {
        private const string BookJson = "{\"title\":\"Dune \\\"Messiah\\\"\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"science fiction\",\"adventure\"],\"published_year\":1969}";
        private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

        public static TheoryData<string> Policies => new TheoryData<string> { "every", "batch", "interval" };

        private static PartialPublication Policy(string name) => name switch
        {
            "every" => PartialPublication.EveryDelta,
            "batch" => PartialPublication.PerBatch,
            _ => PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(45)),
        };

        [Theory]
        [MemberData(nameof(Policies))]
        public async Task Guarantees_hold_at_every_split_point(string name)
        {
            var everyDeltaCount = PublishedByParser(BookJson.Select(c => c.ToString()));
            var whole = PartialObservation.Of(Snapshot(BookJson));
            for (int p = 0; p <= BookJson.Length; p++)
            {
                var stream = ScriptedBatches.Book(ScriptedBatches.TwoBatchesAt(BookJson, p), Policy(name), new FakeClock(), Step);
                var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);
                var final = observations[observations.Count - 1];
                for (int i = 0; i < observations.Count; i++) PartialObservation.AssertConsistentWithFinal(observations[i], final, name + " split " + p + ", partial " + (i + 1));

                // The last partial shows everything received, whatever the policy.
                Assert.Equal(whole.Leaves, final.Leaves);
                Assert.Equal(("Dune \"Messiah\"", 1969), (stream.Result.Value.Title, stream.Result.Value.PublishedYear));
                switch (name)
                {
                    case "every": Assert.Equal(everyDeltaCount, partials.Count); break;
                    case "batch": Assert.InRange(partials.Count, 1, p == 0 ? 1 : 2); break;
                    default: Assert.InRange(partials.Count, 1, everyDeltaCount); break;
                }
            }
        }

        [Fact]
        public async Task Per_batch_publishes_one_partial_per_batch_showing_everything_received()
        {
            var cuts = new[] { 5, 12, 40, 60, 90, BookJson.Length };

            // Each batch changes something visible (a batch inside a property name would publish nothing).
            var batches = new List<IReadOnlyList<string>>();
            int start = 0;
            foreach (int cut in cuts)
            {
                batches.Add(BookJson.Substring(start, cut - start).Select(c => c.ToString()).ToList());
                start = cut;
            }

            // Batch b + 1 is released only once the partial of batch b arrived: the read was pending.
            var gates = cuts.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            gates[0].SetResult(true);
            var partials = new List<BookPartial>();
            await foreach (var partial in ScriptedBatches.Book(batches, PartialPublication.PerBatch, beforeBatch: (b, token) => gates[b].Task.WaitAsync(TimeSpan.FromSeconds(30), token)))
            {
                partials.Add(partial);
                if (partials.Count < gates.Length) gates[partials.Count].SetResult(true);
            }

            Assert.Equal(cuts.Length, partials.Count);
            for (int i = 0; i < cuts.Length; i++)
            {
                var expected = PartialObservation.Of(Snapshot(BookJson.Substring(0, cuts[i])));
                Assert.Equal(expected.Leaves, PartialObservation.Of(partials[i]).Leaves);
            }
        }

        [Fact]
        public async Task Interval_publishes_at_most_once_per_interval_then_the_rest_at_the_end()
        {
            var clock = new FakeClock();
            var interval = TimeSpan.FromMilliseconds(45);
            var oneBatch = new[] { BookJson.Select(c => c.ToString()).ToList() };
            var times = new List<TimeSpan>();
            BookPartial? last = null;
            await foreach (var partial in ScriptedBatches.Book(oneBatch, PartialPublication.AtMostEvery(interval), clock, Step))
            {
                times.Add(clock.Now);
                last = partial;
            }

            Assert.True(times.Count > 5, "partials were published while the text streamed");
            Assert.True(times.Count < PublishedByParser(BookJson.Select(c => c.ToString())) / 3, "the interval gathered deltas");
            for (int i = 1; i < times.Count - 1; i++) Assert.True(times[i] - times[i - 1] >= interval, $"partials {i} and {i + 1} are {(times[i] - times[i - 1]).TotalMilliseconds} ms apart");
            Assert.Equal(PartialObservation.Of(Snapshot(BookJson)).Leaves, PartialObservation.Of(last!).Leaves);
        }

        [Fact]
        public async Task Interval_publishes_pending_changes_when_the_interval_passes_while_the_network_is_silent()
        {
            var clock = new FakeClock();
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var batches = new IReadOnlyList<string>[] { new[] { "{\"title\":\"A", "B" }, new[] { BookJson.Substring(10) } };
            var stream = ScriptedBatches.Book(batches, PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(100)), clock, Step, (b, token) => b == 0 ? Task.CompletedTask : gate.Task.WaitAsync(TimeSpan.FromSeconds(30), token));
            var partials = stream.GetAsyncEnumerator();
            Assert.True(await partials.MoveNextAsync());
            Assert.Equal("A", partials.Current.Title);

            // "B" arrived 10 ms later, inside the interval: held until the timer fires, with no new delta.
            var requested = clock.DelayRequested;
            var fire = Task.Run(async () =>
            {
                await requested.WaitAsync(TimeSpan.FromSeconds(30));
                clock.Advance(TimeSpan.FromMilliseconds(90));
            });
            Assert.True(await partials.MoveNextAsync());
            Assert.Equal("AB", partials.Current.Title);
            Assert.False(gate.Task.IsCompleted);
            await fire;

            gate.SetResult(true);
            while (await partials.MoveNextAsync())
            {
            }

            await partials.DisposeAsync();
            Assert.Equal("ABDune \"Messiah\"", stream.Result.Value.Title);
            Assert.Equal(1969, stream.Result.Value.PublishedYear);
        }

        [Fact]
        public async Task Leaving_after_a_timer_partial_cancels_the_pending_read()
        {
            var clock = new FakeClock();
            var never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var batches = new IReadOnlyList<string>[] { new[] { "{\"title\":\"A", "B" }, new[] { "C\"}" } };
            var stream = ScriptedBatches.Book(batches, PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(100)), clock, Step, (b, token) => b == 0 ? Task.CompletedTask : never.Task.WaitAsync(token));
            var titles = new List<string?>();
            var requested = clock.DelayRequested;
            _ = Task.Run(async () =>
            {
                await requested.WaitAsync(TimeSpan.FromSeconds(30));
                clock.Advance(TimeSpan.FromMilliseconds(90));
            });
            await foreach (var partial in stream)
            {
                titles.Add(partial.Title);
                if (partial.Title == "AB") break;
            }

            Assert.Equal(new[] { "A", "AB" }, titles);
            Assert.Throws<InvalidOperationException>(() => stream.Result);
        }

        [Theory]
        [MemberData(nameof(Policies))]
        public async Task Element_streams_are_unaffected_by_the_policy(string name)
        {
            var batches = Enumerable.Range(0, (BookJson.Length + 6) / 7)
                .Select(i => (IReadOnlyList<string>)BookJson.Substring(i * 7, Math.Min(7, BookJson.Length - (i * 7))).Select(c => c.ToString()).ToList())
                .ToList();
            var seen = new List<(string Genre, TimeSpan At)>();
            var clock = new FakeClock();
            await foreach (var genre in ScriptedBatches.Book(batches, Policy(name), clock, Step).GenresElementsAsync()) seen.Add((genre, clock.Now));

            // The clock counts deltas (10 ms each): each genre is yielded right after the delta that closed it.
            int FirstAfter(string text) => BookJson.IndexOf(text, StringComparison.Ordinal) + text.Length;
            Assert.Equal(
                new[] { ("science fiction", Step * FirstAfter("\"science fiction\"")), ("adventure", Step * FirstAfter("\"adventure\"")) },
                seen);
        }

        [Fact]
        public async Task A_length_failure_carries_everything_received_under_per_batch()
        {
            var chat = new ChatStream((state, token) => Truncated(), CancellationToken.None);
            var stream = new StructuredStream<Book, BookPartial>(chat, Book.StructuredOutput.CreateParser(), forcedTool: false, PartialPublication.PerBatch);
            var error = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });
            Assert.Equal(ChatStreamFailure.Length, error.Failure);
            Assert.Equal("Dune", ((BookPartial)error.PartialValue!).Title);

            static async IAsyncEnumerable<ChatStreamUpdate> Truncated()
            {
                await Task.Yield();
                yield return ChatStreamUpdate.ContentDelta("{\"title\":\"Du");
                yield return ChatStreamUpdate.ContentDelta("ne\",\"auth");
                yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Length, "length"));
            }
        }

        [Fact]
        public void An_interval_must_be_positive()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => PartialPublication.AtMostEvery(TimeSpan.Zero));
            Assert.Contains("EveryDelta", error.Message, StringComparison.Ordinal);
            Assert.Equal("AtMostEvery(100 ms)", PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(100)).ToString());
        }

        private static int PublishedByParser(IEnumerable<string> deltas)
        {
            var parser = Book.StructuredOutput.CreateParser();
            return deltas.Count(d => parser.Append(d));
        }

        private static BookPartial Snapshot(string prefix)
        {
            var parser = Book.StructuredOutput.CreateParser();
            foreach (char c in prefix) parser.Append(c.ToString());
            return parser.Current!;
        }
    }
}
