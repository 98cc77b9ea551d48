using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StructGen.Chat;
using StructGen.Tests.Shared;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// The every-delta policy's enumerator is written by hand (its own value-task source, one continuation per stream)
    /// so that a paused structured stream holds less. It must cost nothing per pending read (also when the read is a
    /// task and the consumer's execution context is not the default one), resume the stream in the consumer's
    /// execution context, honour the consumer's synchronization context, and refuse a second move or a disposal
    /// while a move is pending, as the compiler's iterator did.
    /// </summary>
    public sealed class EveryDeltaEnumeratorTests
    {
        /// <summary>How the test body's reads complete.</summary>
        public enum BodyMode
        {
            Ready,
            PendingTask,
            PendingSource,
        }

        private static readonly AsyncLocal<string?> Ambient = new AsyncLocal<string?>();

        private const int Small = 128;
        private const int Large = 384;

        [Theory]
        [InlineData(BodyMode.PendingTask)]
        [InlineData(BodyMode.PendingSource)]
        public async Task A_pending_read_costs_nothing_over_a_read_that_is_already_there(BodyMode pending)
        {
            double perEvent = double.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                // The fewest over three: tiered compilation occasionally allocates on the thread under load.
                long small = await AllocatedAsync(pending, Small) - await AllocatedAsync(BodyMode.Ready, Small);
                long large = await AllocatedAsync(pending, Large) - await AllocatedAsync(BodyMode.Ready, Large);
                perEvent = Math.Min(perEvent, (large - small) / (double)(Large - Small));
            }

            // Each event waits on its read: the wait itself (the continuation, the execution context) allocates nothing.
            Assert.True(perEvent <= 1.0, $"{pending}: a pending read costs {perEvent:F1} B per event more than a ready one");
        }

        [Fact]
        public async Task A_move_pending_refuses_a_second_move_and_a_disposal_then_both_work_after_it()
        {
            var logger = new CapturingLogger();
            var body = new ManualBody(Events(4), BodyMode.PendingSource);
            body.Prepare();
            using var client = Client(body, logger);
            var partials = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages).GetAsyncEnumerator();

            // Every read waits: the first move is pending on the first read.
            var move = partials.MoveNextAsync();
            Assert.False(move.IsCompleted);

            var second = Assert.Throws<InvalidOperationException>(() => partials.MoveNextAsync());
            Assert.Contains("previous move was still pending", second.Message, StringComparison.Ordinal);
            var dispose = Assert.Throws<NotSupportedException>(() => partials.DisposeAsync());
            Assert.Contains("await the move before disposing", dispose.Message, StringComparison.Ordinal);

            while (!move.IsCompleted) body.CompletePending();
            Assert.True(await move);
            Assert.NotNull(partials.Current);

            await partials.DisposeAsync();
            Assert.True(body.Disposed, "leaving at a partial disposes the body");
            Assert.Equal(1, logger.Entries.Count(e => e.Id.Name == "ChatStreamAbandoned"));
            Assert.False(await partials.MoveNextAsync());
        }

        [Fact]
        public async Task The_stream_resumes_in_the_consumers_execution_context_whoever_completes_the_read()
        {
            var logger = new AmbientLogger();
            var body = new ManualBody(Events(3), BodyMode.PendingTask);
            body.Prepare();
            using var client = Client(body, logger);
            var structured = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            var partials = structured.GetAsyncEnumerator();

            Ambient.Value = "consumer";
            int yielded = 0;
            while (true)
            {
                var move = partials.MoveNextAsync();

                // The reads complete on another thread, in another context: the transport still logs in the consumer's.
                while (!move.IsCompleted) await Task.Run(() => { Ambient.Value = "completer"; body.CompletePending(); });
                if (!await move) break;
                yielded++;
            }

            Assert.True(yielded > 3, "a partial per title delta: " + yielded);
            Assert.Equal("abcdef", structured.Result.Value.Title);
            Assert.Equal(new[] { "ChatRequestCompleted=consumer" }, logger.Lines.Where(l => l.StartsWith("ChatRequestCompleted", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task A_continuation_registered_under_a_synchronization_context_is_posted_to_it()
        {
            var body = new ManualBody(Events(2), BodyMode.PendingSource);
            using var client = Client(body, new CapturingLogger());
            var partials = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages).GetAsyncEnumerator();
            var move = partials.MoveNextAsync();
            Assert.False(move.IsCompleted);

            var context = new QueueContext();
            var previous = SynchronizationContext.Current;
            string? seen = null;
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                Ambient.Value = "registered";
                move.GetAwaiter().OnCompleted(() => seen = Ambient.Value + " on " + (SynchronizationContext.Current == context ? "the context" : "elsewhere"));
                Ambient.Value = null;
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }

            while (!move.IsCompleted) body.CompletePending();
            Assert.Null(seen);
            Assert.Equal(1, context.Pending);

            context.RunAll();
            Assert.Equal("registered on the context", seen);
            Assert.True(await move);
            await partials.DisposeAsync();
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_failure_waits_for_a_source_that_disposes_asynchronously_and_what_disposing_throws_wins(bool disposeThrows)
        {
            // The source stops at the token limit and is left suspended; its disposal takes time (and may throw).
            using var client = new SlowDisposeClient(disposeThrows);
            var structured = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            int partials = 0;

            async Task ReadAll()
            {
                await foreach (var partial in structured)
                {
                    Assert.NotNull(partial);
                    partials++;
                }
            }

            if (disposeThrows)
            {
                var ex = await Assert.ThrowsAsync<InvalidOperationException>(ReadAll);
                Assert.Same(client.DisposeFailure, ex);
            }
            else
            {
                var ex = await Assert.ThrowsAsync<ChatStreamException>(ReadAll);
                Assert.Equal(ChatStreamFailure.Length, ex.Failure);
                Assert.Equal("{\"title\":\"Du", ex.PartialContent);
                Assert.Equal("Du", ((HandBookPartial)ex.PartialValue!).Title);
            }

            Assert.True(client.Disposed, "the failure came after the source's disposal finished");
            Assert.True(partials > 0);
        }

        // On the thread pool: under the test framework's synchronization context a task's continuations would not run inline.
        private static Task<long> AllocatedAsync(BodyMode mode, int deltas) => Task.Run(() => AllocatedOnThisThreadAsync(mode, deltas));

        private static async Task<long> AllocatedOnThisThreadAsync(BodyMode mode, int deltas)
        {
            // Measured in a non-default execution context: a wait that flowed it by wrapping would allocate per read.
            Ambient.Value = "measured";
            var events = Events(deltas);
            var body = new ManualBody(events, mode);
            using var client = Client(body, null);

            // Warm: the first run of every path compiles and fills caches.
            body.Prepare();
            await ReadAllAsync(client, events, mode, deltas);
            body.Prepare();
            long before = GC.GetAllocatedBytesForCurrentThread();
            await ReadAllAsync(client, events, mode, deltas);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Reads the whole answer, completing every pending read inline on this thread.
        private static async Task ReadAllAsync(ModelClient client, List<byte[]> events, BodyMode mode, int deltas)
        {
            var structured = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            var partials = structured.GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    var move = partials.MoveNextAsync();
                    while (!move.IsCompleted) ManualBody.LastCreated!.CompletePending();
                    if (!await move) break;
                }
            }
            finally
            {
                await partials.DisposeAsync();
            }

            Assert.Equal(deltas * 2, structured.Result.Value.Title.Length);
            Assert.True(mode == BodyMode.Ready || ManualBody.LastCreated!.PendingReads >= deltas, "every event waited on its read");
        }

        private static ChatCompletionsClient Client(ManualBody body, ILogger? logger) =>
            TransportTest.Client(new Uri("http://stub.invalid/v1/"), logger, new HttpClient(new StreamBodyHandler(() => body.Reuse())));

        // The book with its title in two-letter deltas ("ab", "cd", ...), one event each.
        private static List<byte[]> Events(int deltas)
        {
            var list = new List<byte[]> { Event("{\"role\":\"assistant\",\"content\":\"{\\\"title\\\":\\\"\"}", null) };
            for (int i = 0; i < deltas; i++)
            {
                var pair = new string(new[] { (char)('a' + (2 * i % 26)), (char)('a' + ((2 * i) + 1) % 26) });
                list.Add(Event("{\"content\":\"" + pair + "\"}", null));
            }

            list.Add(Event("{\"content\":\"\\\",\\\"author\\\":{\\\"name\\\":\\\"F\\\",\\\"nationality\\\":\\\"A\\\"},\\\"genres\\\":[],\\\"published_year\\\":1965}\"}", null));
            list.Add(Event("{}", "stop"));
            list.Add(Encoding.UTF8.GetBytes("data: [DONE]\n\n"));
            return list;
        }

        private static byte[] Event(string delta, string? finish) => Encoding.UTF8.GetBytes(
            "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + (finish is null ? "" : ",\"finish_reason\":\"" + finish + "\"") + "}]}\n\n");

        /// <summary>A third party's source that stops at the token limit and takes time to dispose (then may throw).</summary>
        private sealed class SlowDisposeClient : ModelClient
        {
            private readonly bool _disposeThrows;
            private volatile bool _disposed;

            public SlowDisposeClient(bool disposeThrows)
                : base(new ForeignClientOptions()) => _disposeThrows = disposeThrows;

            public InvalidOperationException DisposeFailure { get; } = new InvalidOperationException("the third party failed to close");

            public bool Disposed => _disposed;

            protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
            {
                try
                {
                    yield return ChatStreamUpdate.ResponseStarted("r1", "m");
                    await Task.Delay(1, cancellationToken);
                    yield return ChatStreamUpdate.ContentDelta("{\"title\":\"Du");
                    yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Length, "length"));
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    await Task.Delay(20);
                    _disposed = true;
                    if (_disposeThrows) throw DisposeFailure;
                }
            }
        }

        /// <summary>Logs each event's name with the ambient value it was logged under.</summary>
        private sealed class AmbientLogger : ILogger
        {
            private readonly List<string> _lines = new List<string>();

            public IReadOnlyList<string> Lines
            {
                get
                {
                    lock (_lines) return _lines.ToArray();
                }
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (_lines) _lines.Add(eventId.Name + "=" + Ambient.Value);
            }
        }

        /// <summary>Keeps what is posted until the test runs it.</summary>
        private sealed class QueueContext : SynchronizationContext
        {
            private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new Queue<(SendOrPostCallback, object?)>();

            public int Pending => _posted.Count;

            public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

            public void RunAll()
            {
                var previous = Current;
                SetSynchronizationContext(this);
                try
                {
                    while (_posted.Count > 0)
                    {
                        var (callback, state) = _posted.Dequeue();
                        callback(state);
                    }
                }
                finally
                {
                    SetSynchronizationContext(previous);
                }
            }
        }

        /// <summary>
        /// One event per read. Ready: every read completes at once. Pending: every read waits until
        /// <see cref="CompletePending"/>, as a task (its completion source made before the stream is read, so the
        /// measurement sees none of it) or as a value-task source; continuations run inline.
        /// </summary>
        internal sealed class ManualBody : AsyncReadStream, System.Threading.Tasks.Sources.IValueTaskSource<int>
        {
            [ThreadStatic]
            private static ManualBody? t_last;

            private readonly List<byte[]> _events;
            private readonly BodyMode _mode;
            private readonly Queue<TaskCompletionSource<int>> _sources = new Queue<TaskCompletionSource<int>>();
            private System.Threading.Tasks.Sources.ManualResetValueTaskSourceCore<int> _core;
            private TaskCompletionSource<int>? _task;
            private Memory<byte> _buffer;
            private bool _pending;

            public ManualBody(List<byte[]> events, BodyMode mode)
            {
                _events = events;
                _mode = mode;
            }

            public static ManualBody? LastCreated => t_last;

            public int Delivered { get; private set; }

            public int PendingReads { get; private set; }

            public bool Disposed { get; private set; }

            /// <summary>This body, rewound (one per request; the warm-up and the measured run read it in turn).</summary>
            public ManualBody Reuse()
            {
                t_last = this;
                Delivered = 0;
                PendingReads = 0;
                Disposed = false;
                return this;
            }

            /// <summary>Makes the next run's completion sources now, outside what is measured.</summary>
            public void Prepare()
            {
                _sources.Clear();
                if (_mode == BodyMode.PendingTask)
                {
                    // Enough for every read, zero-byte waits included.
                    for (int i = 0; i < (2 * _events.Count) + 4; i++) _sources.Enqueue(new TaskCompletionSource<int>());
                }
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_pending) throw new InvalidOperationException("two reads at once");
                if (_mode == BodyMode.Ready) return new ValueTask<int>(Fill(buffer));
                _pending = true;
                PendingReads++;
                _buffer = buffer;
                if (_mode == BodyMode.PendingTask)
                {
                    _task = _sources.Dequeue();
                    return new ValueTask<int>(_task.Task);
                }

                _core.Reset();
                return new ValueTask<int>(this, _core.Version);
            }

            public void CompletePending()
            {
                if (!_pending) throw new InvalidOperationException("the stream is waiting but no read is pending");
                _pending = false;
                int n = Fill(_buffer);
                _buffer = default;
                if (_task is { } task)
                {
                    _task = null;
                    task.SetResult(n);
                }
                else
                {
                    _core.SetResult(n);
                }
            }

            private int Fill(Memory<byte> buffer)
            {
                if (buffer.Length == 0 || Delivered >= _events.Count) return 0;
                var bytes = _events[Delivered++];
                if (bytes.Length > buffer.Length) throw new InvalidOperationException("the read buffer is smaller than one event");
                bytes.CopyTo(buffer);
                return bytes.Length;
            }

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }

            int System.Threading.Tasks.Sources.IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

            System.Threading.Tasks.Sources.ValueTaskSourceStatus System.Threading.Tasks.Sources.IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

            void System.Threading.Tasks.Sources.IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) =>
                _core.OnCompleted(continuation, state, token, flags);
        }
    }
}
