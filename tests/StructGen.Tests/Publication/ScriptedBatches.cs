using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;

namespace StructGen.Tests.Publication
{
    /// <summary>
    /// A structured stream over scripted batches of content deltas: the deltas of one batch are
    /// "already received" (their reads complete at once); before each batch the read is pending
    /// (the stream would wait for the network). An optional fake clock advances per delta.
    /// </summary>
    internal static class ScriptedBatches
    {
        public static StructuredStream<Book, BookPartial> Book(IReadOnlyList<IReadOnlyList<string>> batches, PartialPublication policy, FakeClock? clock = null, TimeSpan step = default, Func<int, CancellationToken, Task>? beforeBatch = null)
        {
            var chat = new ChatStream((state, token) => Source(batches, clock, step, beforeBatch, token), CancellationToken.None);
            var stream = new StructuredStream<Book, BookPartial>(chat, EndToEnd.Book.StructuredOutput.CreateParser(), forcedTool: false, policy);
            if (clock is not null) stream.Clock = clock;
            return stream;
        }

        /// <summary>Per-character deltas, cut into two batches at <paramref name="position"/>.</summary>
        public static IReadOnlyList<IReadOnlyList<string>> TwoBatchesAt(string text, int position)
        {
            var first = new List<string>();
            var second = new List<string>();
            for (int i = 0; i < text.Length; i++) (i < position ? first : second).Add(text[i].ToString());
            return new[] { first, second };
        }

        private static async IAsyncEnumerable<ChatStreamUpdate> Source(IReadOnlyList<IReadOnlyList<string>> batches, FakeClock? clock, TimeSpan step, Func<int, CancellationToken, Task>? beforeBatch, [EnumeratorCancellation] CancellationToken token)
        {
            for (int b = 0; b < batches.Count; b++)
            {
                // The next batch is not there yet: this read completes later.
                if (beforeBatch is not null) await beforeBatch(b, token).ConfigureAwait(false);
                else await Task.Yield();
                token.ThrowIfCancellationRequested();
                foreach (var delta in batches[b])
                {
                    clock?.Advance(step);
                    yield return ChatStreamUpdate.ContentDelta(delta);
                }
            }

            yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "stop"));
        }
    }

    /// <summary>A manual clock: time moves only when a test (or the scripted source) advances it.</summary>
    internal sealed class FakeClock : PublicationClock
    {
        private readonly object _gate = new object();
        private readonly List<(TimeSpan At, TaskCompletionSource<bool> Done)> _delays = new List<(TimeSpan, TaskCompletionSource<bool>)>();
        private TimeSpan _now;
        private TaskCompletionSource<bool> _delayRequested = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public override TimeSpan Now
        {
            get
            {
                lock (_gate) return _now;
            }
        }

        /// <summary>Completes when the stream next asks for a delay (the interval's timer).</summary>
        public Task DelayRequested
        {
            get
            {
                lock (_gate) return _delayRequested.Task;
            }
        }

        public override Task Delay(TimeSpan due, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => done.TrySetCanceled());
            TaskCompletionSource<bool> requested;
            lock (_gate)
            {
                _delays.Add((_now + due, done));
                requested = _delayRequested;
                _delayRequested = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            requested.TrySetResult(true);
            return done.Task;
        }

        public void Advance(TimeSpan by)
        {
            var due = new List<TaskCompletionSource<bool>>();
            lock (_gate)
            {
                _now += by;
                for (int i = _delays.Count - 1; i >= 0; i--)
                {
                    if (_delays[i].At <= _now)
                    {
                        due.Add(_delays[i].Done);
                        _delays.RemoveAt(i);
                    }
                }
            }

            foreach (var d in due) d.TrySetResult(true);
        }
    }
}
