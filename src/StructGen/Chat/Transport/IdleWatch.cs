using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// The idle timeout of every open stream on one shared timer. A wait on the server is listed in a bucket of
    /// waits whose deadlines round up to the same instant; when that instant passes, every wait still listed is
    /// told it expired (<see cref="IdleWaiter.OnIdleExpired"/>), and the waiter cancels its read.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <c>CancelAfter</c> on a stream's own <see cref="CancellationTokenSource"/> gives every open stream a
    /// timer (96 B), and the abort callback a registration; here a stream holds three references and the buckets
    /// are shared. A wait expires between its timeout and its timeout plus the bucket's width (an eighth of the
    /// timeout, rounded down to 16 ms, 128 ms or 1,024 ms): never early, at most one width late.
    /// </para>
    /// <para>
    /// Buckets hold no <see cref="CancellationTokenSource"/> shared by the reads in them: a source keeps the callback
    /// nodes of every registration made on it for reuse until it is dropped, so a bucket alive for the whole timeout
    /// would keep one node for every read that was pending at once in its window, for every window of the timeout.
    /// </para>
    /// </remarks>
    internal sealed class IdleWatch
    {
        /// <summary>The watch every stream uses.</summary>
        public static readonly IdleWatch Shared = new IdleWatch();

        private readonly object _gate = new object();
        private readonly Dictionary<long, Bucket> _buckets = new Dictionary<long, Bucket>();
        private readonly Timer _timer;
        private long _scheduledDue = long.MaxValue;

        public IdleWatch()
        {
            // The timer must not capture the first caller's execution context (its AsyncLocals) for the process' life.
            bool restore = !ExecutionContext.IsFlowSuppressed();
            if (restore) ExecutionContext.SuppressFlow();
            try
            {
                _timer = new Timer(static s => ((IdleWatch)s!).Tick(), this, Timeout.Infinite, Timeout.Infinite);
            }
            finally
            {
                if (restore) ExecutionContext.RestoreFlow();
            }
        }

        /// <summary>Buckets not yet due (tests).</summary>
        internal int BucketCount
        {
            get
            {
                lock (_gate) return _buckets.Count;
            }
        }

        /// <summary>Waits listed and not yet expired (tests).</summary>
        internal int WaiterCount
        {
            get
            {
                lock (_gate)
                {
                    int count = 0;
                    foreach (var bucket in _buckets.Values)
                    {
                        for (var waiter = bucket.Head; waiter is not null; waiter = waiter.NextWaiter) count++;
                    }

                    return count;
                }
            }
        }

        /// <summary>
        /// The bucket of a wait starting now that may last <paramref name="timeout"/>; <paramref name="recent"/>
        /// (the caller's last bucket) is returned again while it is the right one, without taking the lock.
        /// </summary>
        public Bucket BucketFor(TimeSpan timeout, Bucket? recent)
        {
            long now = Now;
            long milliseconds = (long)Math.Ceiling(timeout.TotalMilliseconds);
            long width = milliseconds >= 8 * 1024 ? 1024 : milliseconds >= 8 * 128 ? 128 : 16;
            // +1: `now` is rounded down to the millisecond.
            long deadline = now + milliseconds + 1;

            // Rounded up: a bucket is due no earlier than any deadline in it.
            long due = (deadline + width - 1) / width * width;
            if (recent is not null && recent.Due == due) return recent;
            lock (_gate)
            {
                if (!_buckets.TryGetValue(due, out var bucket))
                {
                    bucket = new Bucket(due);
                    _buckets.Add(due, bucket);
                    if (due < _scheduledDue) Schedule(due, now);
                }

                return bucket;
            }
        }

        /// <summary>
        /// Lists a wait in <paramref name="bucket"/> (from <see cref="BucketFor"/>). A bucket already due expires the
        /// wait at once, on this thread.
        /// </summary>
        public void Arm(IdleWaiter waiter, Bucket bucket)
        {
            lock (_gate)
            {
                Unlist(waiter);
                if (!bucket.Fired)
                {
                    waiter.ListedIn = bucket;
                    waiter.NextWaiter = bucket.Head;
                    if (bucket.Head is not null) bucket.Head.PreviousWaiter = waiter;
                    bucket.Head = waiter;
                    return;
                }
            }

            // Due already (a wait that started just before its bucket expired): expired now.
            waiter.OnIdleExpired();
        }

        /// <summary>Takes a wait off its bucket: it ended in time (or the stream ended).</summary>
        public void Disarm(IdleWaiter waiter)
        {
            if (waiter.ListedIn is null) return;
            lock (_gate) Unlist(waiter);
        }

        // Not Environment.TickCount64: on Linux it may lag by a few milliseconds, and a wait must never expire early.
        private static long Now => Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000);

        private static void Unlist(IdleWaiter waiter)
        {
            var bucket = waiter.ListedIn;
            if (bucket is null) return;
            if (waiter.PreviousWaiter is not null) waiter.PreviousWaiter.NextWaiter = waiter.NextWaiter;
            else bucket.Head = waiter.NextWaiter;
            if (waiter.NextWaiter is not null) waiter.NextWaiter.PreviousWaiter = waiter.PreviousWaiter;
            waiter.PreviousWaiter = null;
            waiter.NextWaiter = null;
            waiter.ListedIn = null;
        }

        // Under the lock.
        private void Schedule(long due, long now)
        {
            _scheduledDue = due;

            // Timer periods are limited to about 49 days; a later bucket is looked at again then.
            long delay = Math.Min(Math.Max(due - now, 0), int.MaxValue);
            _timer.Change(delay, Timeout.Infinite);
        }

        private void Tick()
        {
            List<Bucket>? due = null;
            lock (_gate)
            {
                long now = Now;
                long next = long.MaxValue;
                foreach (var bucket in _buckets.Values)
                {
                    if (bucket.Due <= now) (due ??= new List<Bucket>()).Add(bucket);
                    else if (bucket.Due < next) next = bucket.Due;
                }

                if (due is not null)
                {
                    foreach (var bucket in due)
                    {
                        _buckets.Remove(bucket.Due);
                        bucket.Fired = true;
                    }
                }

                _scheduledDue = long.MaxValue;
                if (next != long.MaxValue) Schedule(next, now);
            }

            if (due is null) return;
            foreach (var bucket in due)
            {
                IdleWaiter? waiter;
                while (true)
                {
                    lock (_gate)
                    {
                        // Taken off one by one: a waiter may be armed again (in a later bucket) as soon as it is told.
                        waiter = bucket.Head;
                        if (waiter is null) break;
                        bucket.Head = waiter.NextWaiter;
                        if (bucket.Head is not null) bucket.Head.PreviousWaiter = null;
                        waiter.NextWaiter = null;
                        waiter.ListedIn = null;
                    }

                    try
                    {
                        waiter.OnIdleExpired();
                    }
                    catch (Exception)
                    {
                        // The stream ended meanwhile (a disposed source), or a callback of the cancelled read threw
                        // (Cancel aggregates them): the stream sees its read fail either way, and an exception must not
                        // escape a timer callback, which would end the process.
                    }
                }
            }
        }

        /// <summary>Waits whose deadlines round up to <see cref="Due"/>.</summary>
        internal sealed class Bucket
        {
            public Bucket(long due) => Due = due;

            /// <summary>When the bucket expires, in milliseconds of the watch's clock.</summary>
            public long Due { get; }

            /// <summary>Set under the watch's lock once the bucket expired.</summary>
            public bool Fired { get; set; }

            /// <summary>The first wait listed (under the watch's lock).</summary>
            public IdleWaiter? Head { get; set; }
        }
    }
}
