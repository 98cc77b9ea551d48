using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// A stream that waits on the network between events allocates nothing per wait: the transport hands its pending
    /// socket read up to the consumer-facing iterator, which awaits it in its one reused box. Every read here is
    /// pending (a zero-byte wait, then the event's bytes) and completed by the test on its own thread, so the whole
    /// chain runs inline and the per-thread counter sees everything. Measured as the difference between N and 3N
    /// events, as in <see cref="PipelineAllocationTests"/>.
    /// </summary>
    public sealed class PendingReadAllocationTests
    {
        private const string Delta = "abcd";
        private const int Small = 256;
        private const int Large = 1_024;

        [Theory]
        [InlineData("text")]
        [InlineData("chat")]
        public async Task A_pending_read_allocates_nothing_and_an_event_after_two_costs_what_it_measured(string consumer)
        {
            double perEvent = double.MaxValue, resumedPerEvent = double.MaxValue;
            int pendingPerEvent = 0;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                // The fewest over three: tiered compilation occasionally allocates on the thread under load.
                var small = await AllocatedAsync(consumer, Small);
                var large = await AllocatedAsync(consumer, Large);
                perEvent = Math.Min(perEvent, (large.Allocated - small.Allocated) / (double)(Large - Small));
                resumedPerEvent = Math.Min(resumedPerEvent, (large.Resumed - small.Resumed) / (double)(Large - Small));
                pendingPerEvent = (large.PendingReads - small.PendingReads) / (Large - Small);
            }

            // A zero-byte wait, then the event's bytes.
            Assert.Equal(2, pendingPerEvent);

            // The string handed over (32 B for 4 chars) and the retained text (2 B per char), as in PipelineAllocationTests.
            double strings = 32 + (2.0 * Delta.Length);

            // Resumed by the reads' results, the chain (transport, chat enumerator, consumer) decodes and hands out the
            // event without allocating anything else: no box, task or callback per pending read.
            Assert.True(resumedPerEvent - strings <= 1.0, $"{consumer}: {resumedPerEvent:F1} B per event while resumed by the reads: {resumedPerEvent - strings:F1} B besides the strings");

            // The whole event, the move that starts the wait included (measured here, besides the strings: 32 B for text,
            // allocated by the move before the first read goes pending, not by a pending read; 168 B for a plain chat
            // enumeration, whose own wait is an async method). Before the transport handed its reads up, the plain chat
            // enumeration measured 192 B; text was not measurable with this harness there (its DisposeAsync threw
            // NotSupportedException: still running when the move had completed).
            double bound = consumer == "text" ? 40.0 : 192.0;
            Assert.True(perEvent - strings <= bound, $"{consumer}: {perEvent:F1} B per extra event: {perEvent - strings:F1} B besides the strings (bound {bound})");
        }

        private static async Task<(long Allocated, long Resumed, int PendingReads)> AllocatedAsync(string consumer, int events)
        {
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = "sk-test", Model = "m" }, new HttpClient(new StreamBodyHandler(() => new ManualBodyStream(Events(events)))));

            // Warm: the first run of every path compiles and fills caches.
            await CountAsync(client, consumer, events);
            long before = GC.GetAllocatedBytesForCurrentThread();
            await CountAsync(client, consumer, events);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var body = ManualBodyStream.LastCreated!;
            return (allocated, body.ResumedBytes, body.PendingReads);
        }

        // Reads the whole answer, completing every pending read inline on this thread.
        private static async Task CountAsync(ChatCompletionsClient client, string consumer, int events)
        {
            long chars = 0;
            if (consumer == "text")
            {
                var text = client.StreamTextAsync(new[] { ModelMessage.User("hi") });
                await using var e = text.GetAsyncEnumerator();
                while (await Move(e.MoveNextAsync())) chars += e.Current.Length;
            }
            else
            {
                var chat = client.StreamAsync(new[] { ModelMessage.User("hi") });
                await using var e = chat.GetAsyncEnumerator();
                while (await Move(e.MoveNextAsync()))
                {
                    if (e.Current.Kind == ChatStreamUpdateKind.ContentDelta) chars += e.Current.Text!.Length;
                }
            }

            Assert.Equal(events * Delta.Length, chars);

            static ValueTask<bool> Move(ValueTask<bool> move)
            {
                while (!move.IsCompleted) ManualBodyStream.LastCreated!.CompletePending();
                return move;
            }
        }

        private static List<byte[]> Events(int events)
        {
            const string Head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"m\",\"choices\":[";
            var list = new List<byte[]>
            {
                Encoding.UTF8.GetBytes("data: " + Head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"),
            };
            var delta = Encoding.UTF8.GetBytes("data: " + Head + "{\"index\":0,\"delta\":{\"content\":\"" + Delta + "\"},\"finish_reason\":null}]}\n\n");
            for (int i = 0; i < events; i++) list.Add(delta);
            list.Add(Encoding.UTF8.GetBytes("data: " + Head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
            return list;
        }

        /// <summary>
        /// Every read is pending until <see cref="CompletePending"/>: a zero-byte read then completes with 0, any other
        /// with the next event's bytes (the buffer is large enough for one). Continuations run inline.
        /// </summary>
        private sealed class ManualBodyStream : AsyncReadStream, IValueTaskSource<int>
        {
            [ThreadStatic]
            private static ManualBodyStream? t_last;

            private readonly List<byte[]> _events;
            private ManualResetValueTaskSourceCore<int> _core;
            private Memory<byte> _buffer;
            private bool _pending;
            private int _next;

            public ManualBodyStream(List<byte[]> events)
            {
                _events = events;
                t_last = this;
            }

            public static ManualBodyStream? LastCreated => t_last;

            public int PendingReads { get; private set; }

            /// <summary>What the consumer's chain allocated while resumed by the reads' results.</summary>
            public long ResumedBytes { get; private set; }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_pending) throw new InvalidOperationException("two reads at once");
                _pending = true;
                PendingReads++;
                _buffer = buffer;
                _core.Reset();
                return new ValueTask<int>(this, _core.Version);
            }

            public void CompletePending()
            {
                if (!_pending) throw new InvalidOperationException("the stream is waiting but no read is pending");
                _pending = false;
                int n = 0;
                if (_buffer.Length > 0 && _next < _events.Count)
                {
                    var bytes = _events[_next++];
                    if (bytes.Length > _buffer.Length) throw new InvalidOperationException("the read buffer is smaller than one event");
                    bytes.CopyTo(_buffer);
                    n = bytes.Length;
                }

                _buffer = default;
                long before = GC.GetAllocatedBytesForCurrentThread();
                _core.SetResult(n);
                ResumedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

            ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

            void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
                _core.OnCompleted(continuation, state, token, flags);
        }
    }
}
