using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Chat.Transport;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// The shared idle watch: a listed wait expires once, never before its timeout and at most one bucket width
    /// after it; a wait taken off in time is never told; nothing is kept once a wait ends; and the streams that
    /// use it fail with <see cref="ChatStreamFailure.IdleTimeout"/> whichever token their reads use.
    /// </summary>
    [Collection(TransportCollection.Name)]
    public sealed class IdleWatchTests
    {
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
        private readonly LoopbackServer _server;

        public IdleWatchTests(LoopbackServer server) => _server = server;

        [Fact]
        public async Task A_wait_expires_once_and_not_before_its_timeout()
        {
            var watch = new IdleWatch();
            var timeout = TimeSpan.FromMilliseconds(100);
            var clock = Stopwatch.StartNew();
            var bucket = watch.BucketFor(timeout, null);
            var waiter = new Waiter();
            watch.Arm(waiter, bucket);

            Assert.True(await waiter.Told.Task.WaitAsync(Generous));
            var elapsed = clock.Elapsed;
            Assert.True(elapsed >= timeout, "expired after " + elapsed.TotalMilliseconds + " ms, before the 100 ms timeout");
            Assert.True(waiter.UnlistedWhenTold, "the waiter was still listed when told");
            Assert.True(bucket.Fired);

            await Task.Delay(300);
            Assert.Equal(1, waiter.Count);
            Assert.Equal(0, watch.WaiterCount);
            Assert.Equal(0, watch.BucketCount);
        }

        [Fact]
        public async Task A_wait_taken_off_in_time_is_never_told_and_left_nothing_listed()
        {
            var watch = new IdleWatch();
            var waiter = new Waiter();
            var bucket = watch.BucketFor(TimeSpan.FromMilliseconds(50), null);
            watch.Arm(waiter, bucket);
            Assert.Equal(1, watch.WaiterCount);

            watch.Disarm(waiter);
            Assert.Equal(0, watch.WaiterCount);
            Assert.Null(waiter.ListedIn);

            Assert.True(await TransportTest.EventuallyAsync(() => bucket.Fired, Generous), "the bucket itself still expires");
            Assert.Equal(0, waiter.Count);
            Assert.Equal(0, watch.BucketCount);
        }

        [Fact]
        public async Task An_active_waiter_armed_again_before_each_deadline_never_expires()
        {
            var watch = new IdleWatch();
            var timeout = TimeSpan.FromMilliseconds(300);
            var waiter = new Waiter();
            IdleWatch.Bucket? bucket = null;
            bool lastWasLong = false;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMilliseconds(1_500))
            {
                // A stream that receives something every 20 ms: each wait is short, the stream lives for five timeouts.
                // Each wait is judged by how long it really lasted: a loaded machine may stall a 20 ms delay past the
                // timeout, and then expiring is right.
                int before = waiter.Count;
                var wait = Stopwatch.StartNew();
                bucket = watch.BucketFor(timeout, bucket);
                watch.Arm(waiter, bucket);
                await Task.Delay(20);
                watch.Disarm(waiter);
                lastWasLong = wait.Elapsed >= timeout;
                if (!lastWasLong) Assert.Equal(before, waiter.Count);
                else await Task.Delay(100); // a tell of that long wait may still be landing: not in the next wait's count
            }

            // Past the last wait's deadline and its bucket: a wait left listed would be told now.
            int afterLoop = waiter.Count;
            await Task.Delay(timeout * 2);
            if (!lastWasLong) Assert.Equal(afterLoop, waiter.Count);
            Assert.Equal(0, watch.WaiterCount);
        }

        [Fact]
        public void The_same_bucket_is_given_back_without_a_new_one_while_the_deadline_rounds_to_it()
        {
            var watch = new IdleWatch();
            var first = watch.BucketFor(TimeSpan.FromMinutes(5), null);

            // Width 1,024 ms for a 5 minute timeout: two calls a moment apart round to the same instant (or the next one).
            var second = watch.BucketFor(TimeSpan.FromMinutes(5), first);
            Assert.True(ReferenceEquals(first, second) || second.Due == first.Due + 1024, "due " + first.Due + " then " + second.Due);
            Assert.Equal(0, first.Due % 1024);
            Assert.Equal(0, watch.BucketFor(TimeSpan.FromMilliseconds(100), null).Due % 16);
        }

        [Fact]
        public async Task Arming_in_a_bucket_already_due_expires_the_wait_at_once()
        {
            var watch = new IdleWatch();
            var bucket = watch.BucketFor(TimeSpan.FromMilliseconds(1), null);
            Assert.True(await TransportTest.EventuallyAsync(() => bucket.Fired, Generous));

            var waiter = new Waiter();
            watch.Arm(waiter, bucket);

            Assert.Equal(1, waiter.Count);
            Assert.True(waiter.UnlistedWhenTold);
            Assert.Equal(0, watch.WaiterCount);
        }

        [Fact]
        public async Task A_waiter_that_throws_when_told_does_not_stop_the_others()
        {
            var watch = new IdleWatch();
            var bucket = watch.BucketFor(TimeSpan.FromMilliseconds(50), null);
            var quiet = new Waiter();
            var throwing = new Waiter { Throws = true };

            // Listed last, told first.
            watch.Arm(quiet, bucket);
            watch.Arm(throwing, bucket);

            Assert.True(await quiet.Told.Task.WaitAsync(Generous));
            Assert.Equal(1, throwing.Count);
            Assert.Equal(1, quiet.Count);
            Assert.Equal(0, watch.WaiterCount);
        }

        [Fact]
        public async Task Ten_thousand_waits_over_three_timeouts_each_expire_exactly_once()
        {
            var watch = new IdleWatch();
            var timeouts = new[] { TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1200) };
            var waiters = new Waiter[10_000];
            var kept = new Waiter[1_000];
            for (int i = 0; i < waiters.Length; i++)
            {
                waiters[i] = new Waiter { Timeout = timeouts[i % 3], Started = Waiter.Clock.Elapsed };
                watch.Arm(waiters[i], watch.BucketFor(waiters[i].Timeout, null));
            }

            // Every tenth wait ends (in time, unless the machine stalled past its timeout: then expiring was right).
            var late = new bool[kept.Length];
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = waiters[i * 10];
                watch.Disarm(kept[i]);
                late[i] = Waiter.Clock.Elapsed - kept[i].Started >= kept[i].Timeout;
            }

            foreach (var waiter in waiters)
            {
                if (Array.IndexOf(kept, waiter) < 0) Assert.True(await waiter.Told.Task.WaitAsync(Generous));
            }

            await Task.Delay(200);
            foreach (var waiter in waiters)
            {
                int keptAt = Array.IndexOf(kept, waiter);
                bool wasKept = keptAt >= 0;
                if (wasKept && late[keptAt]) Assert.True(waiter.Count <= 1);
                else Assert.Equal(wasKept ? 0 : 1, waiter.Count);
                if (!wasKept) Assert.True(waiter.ToldAt - waiter.Started >= waiter.Timeout, "told " + (waiter.ToldAt - waiter.Started).TotalMilliseconds + " ms after arming, timeout " + waiter.Timeout.TotalMilliseconds + " ms");
            }

            Assert.Equal(0, watch.WaiterCount);
            Assert.Equal(0, watch.BucketCount);
        }

        [Theory]
        [InlineData(false, false)] // a plain source
        [InlineData(true, false)]  // a source linked to the caller's token
        [InlineData(false, true)]  // a source linked to the overall timeout
        public async Task A_stalled_stream_fails_with_IdleTimeout_whichever_tokens_can_fire(bool callerToken, bool overallTimeout)
        {
            int abortedBefore = _server.AbortedRequests;
            using var client = TransportTest.Client(_server.Endpoint("stall"), configure: o =>
            {
                o.IdleTimeout = TimeSpan.FromMilliseconds(200);
                o.Timeout = overallTimeout ? TimeSpan.FromSeconds(30) : null;
            });
            using var caller = new CancellationTokenSource();
            var stream = client.StreamAsync(TransportTest.Messages, cancellationToken: callerToken ? caller.Token : default);
            var clock = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.True(clock.Elapsed < Generous, "took " + clock.Elapsed);
            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.True(await TransportTest.EventuallyAsync(() => _server.AbortedRequests > abortedBefore, Generous), "the server never saw the connection close");
        }

        [Fact]
        public async Task A_read_that_ignores_its_token_is_released_by_disposing_the_response()
        {
            var body = new IgnoringStream("data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"u8.ToArray());
            using var http = new HttpClient(new StreamBodyHandler(body));
            using var client = TransportTest.Client(new Uri("http://test.invalid/v1/"), http: http, configure: o =>
            {
                o.IdleTimeout = TimeSpan.FromMilliseconds(150);
                o.Timeout = null;
            });

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages))).WaitAsync(Generous);

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.True(body.Disposed);
        }

        [Fact]
        public async Task The_platform_handler_stalled_stream_is_stopped_by_disposal_without_a_source_of_its_own()
        {
            // SocketsHttpHandler ends a pending read when the response is disposed: the watch needs no token for it.
            int abortedBefore = _server.AbortedRequests;
            var options = new ChatCompletionsClientOptions { Endpoint = _server.Endpoint("stall"), ApiKey = "k", Model = "m", IdleTimeout = TimeSpan.FromMilliseconds(200), Timeout = null };
            using var http = new HttpClient();
            var (source, state) = EventSource(http, options);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => DrainAsync(source, state)).WaitAsync(Generous);

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", state.Content);
            Assert.False(source.HoldsIdleSource);
            Assert.True(await TransportTest.EventuallyAsync(() => _server.AbortedRequests > abortedBefore, Generous), "the server never saw the connection close");
        }

        [Fact]
        public async Task A_body_from_another_handler_gets_a_source_the_watch_cancels()
        {
            var body = new IgnoringStream("data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"u8.ToArray());
            using var http = new HttpClient(new StreamBodyHandler(body));
            var options = new ChatCompletionsClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = "k", Model = "m", IdleTimeout = TimeSpan.FromMilliseconds(150), Timeout = null };
            var (source, state) = EventSource(http, options);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => DrainAsync(source, state)).WaitAsync(Generous);

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", state.Content);
            Assert.True(source.HoldsIdleSource);
            Assert.True(body.Disposed);
        }

        private static (HttpEventSource Source, ChatStreamState State) EventSource(HttpClient http, ChatCompletionsClientOptions options)
        {
            var state = new ChatStreamState();
            var transport = new ChatTransport(http, options, ChatTransport.AppendPath(options.Endpoint, "chat/completions"), _ => { });
            return (new HttpEventSource(transport, "{}"u8.ToArray(), state, new ChunkDecoder(state, options)), state);
        }

        // Reads the updates as the chat stream does: each is folded into the state.
        private static async Task DrainAsync(HttpEventSource source, ChatStreamState state)
        {
            await foreach (var update in source.ReadAsync(CancellationToken.None))
            {
                var folded = update;
                state.Apply(ref folded);
            }
        }

        private sealed class Waiter : IdleWaiter
        {
            private int _count;

            public TimeSpan Timeout { get; init; }

            public bool Throws { get; init; }

            public TimeSpan Started { get; init; }

            public TimeSpan ToldAt { get; private set; }

            public int Count => Volatile.Read(ref _count);

            public bool UnlistedWhenTold { get; private set; }

            public TaskCompletionSource<bool> Told { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public static readonly Stopwatch Clock = Stopwatch.StartNew();

            internal override void OnIdleExpired()
            {
                ToldAt = Clock.Elapsed;
                UnlistedWhenTold = ListedIn is null;
                Interlocked.Increment(ref _count);
                Told.TrySetResult(true);

                // As CancellationTokenSource.Cancel does when a registered callback throws.
                if (Throws) throw new AggregateException(new InvalidOperationException("a callback failed"));
            }
        }

        /// <summary>A body that sends one event, then blocks every read (token or not) until it is disposed.</summary>
        private sealed class IgnoringStream : AsyncReadStream
        {
            private readonly byte[] _first;
            private readonly TaskCompletionSource<int> _disposed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _sent;

            public IgnoringStream(byte[] first) => _first = first;

            public bool Disposed => _disposed.Task.IsCompleted;

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_sent < _first.Length)
                {
                    // A zero-byte read completes once data is there, as a socket's does.
                    int n = Math.Min(buffer.Length, _first.Length - _sent);
                    _first.AsMemory(_sent, n).CopyTo(buffer);
                    _sent += n;
                    return new ValueTask<int>(n);
                }

                return new ValueTask<int>(_disposed.Task);
            }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

            protected override void Dispose(bool disposing)
            {
                _disposed.TrySetException(new ObjectDisposedException(nameof(IgnoringStream)));
                base.Dispose(disposing);
            }
        }

    }
}
