using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;
using StructGen.Tests.Sse;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// The read buffer is sized to what arrives: small at first, larger while reads fill it, larger still for a
    /// long line and back once it is parsed, and none at all while the stream waits for data.
    /// </summary>
    public sealed class ReadBufferTests
    {
        private const int OneMiB = 1024 * 1024;

        /// <summary>Small events, a 3 KB line, a 20 KB line, a two-line event and a CRLF event: every buffer path.</summary>
        private static readonly string Mixed =
            "data: {\"a\":1}\n\n" +
            "event: big\ndata: " + new string('x', 3000) + "\n\n" +
            "data: small\n\n" +
            "data: " + new string('y', 20_000) + "\n\n" +
            "data: one\ndata: two\n\n" +
            "data: crlf\r\n\r\n" +
            "data: é世🌍\n\n";

        public static TheoryData<int> EverySmallReadSize()
        {
            var sizes = new TheoryData<int>();
            for (int size = 1; size <= 64; size++) sizes.Add(size);
            foreach (int size in new[] { 127, 128, 129, 255, 256, 511, 512, 1023, 1024, 1025, 1460, 2048, 4096, 8191, 16_384, 65_536 }) sizes.Add(size);
            return sizes;
        }

        [Theory]
        [MemberData(nameof(EverySmallReadSize))]
        public async Task Split_reads_of_every_size_give_the_reference_events(int readSize)
        {
            var expected = SseTestData.DataOf(SseReferenceParser.Parse(Mixed));
            var actual = SseTestData.DataOf(await SseTestData.ReadAllAsync(Mixed, readSize));
            Assert.Equal(expected, actual);
            Assert.Equal(7, actual.Count);
        }

        [Theory]
        [InlineData(7)]
        [InlineData(1_460)]
        [InlineData(16_384)]
        [InlineData(OneMiB + 100)]
        public async Task A_1_MiB_event_parses_and_its_buffer_is_given_back(int readSize)
        {
            string big = new string('z', OneMiB);
            string body = "data: first\n\ndata: " + big + "\n\n" + string.Concat(Enumerable.Repeat("data: after\n\n", 50));
            using var reader = new SseReader(ChunkedStream.FixedSize(Encoding.UTF8.GetBytes(body), readSize));
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal("first", Encoding.UTF8.GetString(reader.Data.Span));
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(big, Encoding.UTF8.GetString(reader.Data.Span));
            Assert.True(reader.BufferedCapacity > OneMiB, "the line needed a buffer above 1 MiB");
            int events = 0;
            while (await reader.ReadNextAsync())
            {
                Assert.Equal("after", Encoding.UTF8.GetString(reader.Data.Span));
                events++;
            }

            Assert.Equal(50, events);

            // The megabyte was given back once the line was parsed, not kept for the rest of the stream.
            Assert.True(reader.BufferedCapacity <= 32 * 1024, "capacity after the long line: " + reader.BufferedCapacity);
        }

        [Fact]
        public async Task A_1_MiB_event_of_many_data_lines_parses_and_the_accumulator_is_given_back()
        {
            string line = new string('q', 1000);
            var body = new StringBuilder();
            for (int i = 0; i < 1100; i++) body.Append("data: ").Append(line).Append('\n');
            body.Append("\ndata: next\n\n");
            using var reader = new SseReader(SseTestData.Utf8Stream(body.ToString(), 1_460));
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(1100 * 1001 - 1, reader.Data.Length);
            Assert.True(reader.BufferedCapacity > OneMiB);
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal("next", Encoding.UTF8.GetString(reader.Data.Span));
            Assert.True(reader.BufferedCapacity <= 32 * 1024, "capacity after the large event: " + reader.BufferedCapacity);
        }

        [Theory]
        [InlineData(100, 1024)]
        [InlineData(16_384, 16 * 1024)]
        [InlineData(65_536, 16 * 1024)]
        public async Task The_buffer_starts_at_1_KiB_and_grows_only_while_reads_fill_it(int readSize, int expectedCapacity)
        {
            string body = string.Concat(Enumerable.Repeat("data: {\"delta\":\"" + new string('w', 200) + "\"}\n\n", 2000));
            using var reader = new SseReader(SseTestData.Utf8Stream(body, readSize));
            int events = 0;
            int largest = 0;
            while (await reader.ReadNextAsync())
            {
                events++;
                largest = Math.Max(largest, reader.BufferedCapacity);
            }

            Assert.Equal(2000, events);
            Assert.Equal(expectedCapacity, largest);
        }

        [Fact]
        public async Task A_stream_waiting_for_data_holds_no_buffer()
        {
            var stream = new GatedStream();
            using var reader = new SseReader(stream);

            // Before the first byte: nothing rented.
            var first = reader.ReadNextAsync();
            await stream.WaitingForData.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(first.IsCompleted);
            Assert.Equal(0, reader.BufferedCapacity);
            stream.Deliver("data: one\n\ndata: tw");
            Assert.True(await first.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("one", Encoding.UTF8.GetString(reader.Data.Span));

            // Half an event buffered: the reader must keep it while it waits for the rest.
            var second = reader.ReadNextAsync();
            Assert.False(second.IsCompleted);
            Assert.True(reader.BufferedCapacity > 0);
            stream.Deliver("o\n\n");
            Assert.True(await second.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("two", Encoding.UTF8.GetString(reader.Data.Span));

            // Between events: nothing held.
            var third = reader.ReadNextAsync();
            await stream.WaitingForData.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, reader.BufferedCapacity);
            stream.Deliver("data: three\n\n");
            Assert.True(await third.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("three", Encoding.UTF8.GetString(reader.Data.Span));

            stream.End();
            Assert.False(await reader.ReadNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public async Task Event_type_and_multi_line_buffers_exist_only_once_a_stream_needs_them()
        {
            // Single-line events without "event" fields (chat completions, Responses-style data-only streams): none.
            using (var plain = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes("data: {\"a\":1}\n\n: keep-alive\n\ndata: [DONE]\n\n"))))
            {
                Assert.True(await plain.ReadNextAsync());
                Assert.Equal("message", plain.EventType);
                Assert.True(await plain.ReadNextAsync());
                Assert.Equal("[DONE]", Encoding.UTF8.GetString(plain.Data.Span));
                Assert.False(await plain.ReadNextAsync());
                Assert.False(plain.HoldsFieldBuffers);
                Assert.False(plain.HoldsRareFields);
                Assert.Null(plain.LastEventId);
                Assert.Null(plain.RetryMilliseconds);
            }

            // A named event, then unnamed ones again: the type resets to "message" as before.
            using (var named = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes("event: ping\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: x\n\ndata: 4\n\n"))))
            {
                var seen = new List<string>();
                while (await named.ReadNextAsync()) seen.Add(named.EventType + ":" + Encoding.UTF8.GetString(named.Data.Span));
                Assert.Equal(new[] { "ping:1", "message:2", "message:3", "message:4" }, seen);
                Assert.True(named.HoldsFieldBuffers);
            }

            // Two data lines are joined in the accumulator, created for them.
            using (var joined = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes("data: a\n\ndata: b\ndata: c\n\ndata: d\n\n"))))
            {
                Assert.True(await joined.ReadNextAsync());
                Assert.False(joined.HoldsFieldBuffers);
                Assert.True(await joined.ReadNextAsync());
                Assert.Equal("b\nc", Encoding.UTF8.GetString(joined.Data.Span));
                Assert.True(joined.HoldsFieldBuffers);
                Assert.True(await joined.ReadNextAsync());
                Assert.Equal("d", Encoding.UTF8.GetString(joined.Data.Span));
            }
        }

        [Fact]
        public async Task An_id_or_a_retry_field_alone_creates_the_rare_state_and_reads_as_before()
        {
            using (var ids = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes("data: 1\n\nid: 7\ndata: 2\n\ndata: 3\n\nid\ndata: 4\n\n"))))
            {
                var seen = new List<string>();
                while (await ids.ReadNextAsync()) seen.Add((ids.LastEventId ?? "null") + ":" + Encoding.UTF8.GetString(ids.Data.Span));
                Assert.Equal(new[] { "null:1", "7:2", "7:3", ":4" }, seen);
                Assert.True(ids.HoldsRareFields);
                Assert.False(ids.HoldsFieldBuffers);
            }

            using (var retry = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes("data: 1\n\nretry: 1500\n\ndata: 2\n\n"))))
            {
                Assert.True(await retry.ReadNextAsync());
                Assert.False(retry.HoldsRareFields);
                Assert.Null(retry.RetryMilliseconds);
                Assert.True(await retry.ReadNextAsync());
                Assert.Equal(1500, retry.RetryMilliseconds);
                Assert.Equal("message", retry.EventType);
                Assert.True(retry.HoldsRareFields);
            }
        }

        [Fact]
        public async Task Cancelling_a_wait_without_a_buffer_cancels_the_read()
        {
            var stream = new GatedStream();
            using var reader = new SseReader(stream);
            using var cts = new CancellationTokenSource();
            var pending = reader.ReadNextAsync(cts.Token);
            await stream.WaitingForData.Task.WaitAsync(TimeSpan.FromSeconds(10));
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        /// <summary>
        /// A stream that supports zero-byte reads the way network streams do: they complete when data is available.
        /// Data arrives only when the test delivers it.
        /// </summary>
        private sealed class GatedStream : Stream
        {
            private readonly Queue<byte> _available = new Queue<byte>();
            private TaskCompletionSource<bool> _arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private bool _ended;

            /// <summary>Completed when the reader waits for data with nothing available.</summary>
            public TaskCompletionSource<bool> WaitingForData { get; private set; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public void Deliver(string text)
            {
                lock (_available)
                {
                    foreach (byte b in Encoding.UTF8.GetBytes(text)) _available.Enqueue(b);
                    WaitingForData = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _arrived.TrySetResult(true);
                }
            }

            public void End()
            {
                lock (_available)
                {
                    _ended = true;
                    _arrived.TrySetResult(true);
                }
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                while (true)
                {
                    Task arrived;
                    lock (_available)
                    {
                        if (_available.Count > 0 || _ended)
                        {
                            int n = 0;
                            while (n < buffer.Length && _available.Count > 0) buffer.Span[n++] = _available.Dequeue();
                            return n;
                        }

                        _arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                        arrived = _arrived.Task;
                        WaitingForData.TrySetResult(true);
                    }

                    await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (buffer.IsEmpty) return 0; // a zero-byte read completes once data is there, consuming none
                }
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
