using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Construction, disposal, buffer sizing and the synchronous <see cref="SseReader.ParseAll"/>.</summary>
    public sealed class SseReaderLifecycleTests
    {
        private const string Mixed = "\uFEFF: hi\r\nretry: 10\nid: 1\nevent: a\ndata: one\ndata: two\rdata: 日本😀\n\nevent: b\ndata:  three\r\n\r\ndata: tail";

        [Fact]
        public void Constructor_rejects_null_and_unreadable_streams()
        {
            Assert.Throws<ArgumentNullException>(() => new SseReader(null!));
            using var unreadable = new UnreadableStream();
            Assert.Throws<ArgumentException>(() => new SseReader(unreadable));
        }

        [Fact]
        public async Task Dispose_disposes_the_stream_unless_leave_open()
        {
            var owned = ChunkedStream.FixedSize(Array.Empty<byte>(), 1);
            new SseReader(owned).Dispose();
            Assert.True(owned.IsDisposed);

            var borrowed = ChunkedStream.FixedSize(Array.Empty<byte>(), 1);
            var reader = new SseReader(borrowed, new SseReaderOptions { LeaveOpen = true });
            reader.Dispose();
            reader.Dispose();
            Assert.False(borrowed.IsDisposed);
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadNextAsync());
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(16)]
        [InlineData(1 << 20)]
        public async Task Any_buffer_size_gives_the_same_events(int bufferSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(Mixed, 5, new SseReaderOptions { BufferSize = bufferSize });
            AssertMixed(events);
        }

        [Fact]
        public void ParseAll_reads_an_in_memory_body()
        {
            AssertMixed(SseReader.ParseAll(Encoding.UTF8.GetBytes(Mixed)));
        }

        [Fact]
        public void ParseAll_reads_only_the_given_slice_of_an_array()
        {
            byte[] padded = Encoding.UTF8.GetBytes("data: before\n\n" + Mixed + "\n\ndata: after\n\n");
            int start = "data: before\n\n".Length;
            int length = Encoding.UTF8.GetByteCount(Mixed);
            AssertMixed(SseReader.ParseAll(new ReadOnlyMemory<byte>(padded, start, length)));
        }

        [Fact]
        public async Task BytesRead_counts_every_byte_taken_from_the_stream()
        {
            byte[] body = Encoding.UTF8.GetBytes("data: a\n\ndata: b\n\n");
            using var reader = new SseReader(ChunkedStream.FixedSize(body, 9));
            Assert.Equal(0, reader.BytesRead);
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(9, reader.BytesRead);
            Assert.True(await reader.ReadNextAsync());
            Assert.False(await reader.ReadNextAsync());
            Assert.Equal(body.Length, reader.BytesRead);
        }

        [Fact]
        public async Task Event_type_string_is_cached_while_the_type_repeats()
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\ndata: 3\n\n", 4096));
            Assert.True(await reader.ReadNextAsync());
            string first = reader.EventType;
            Assert.True(await reader.ReadNextAsync());
            Assert.Same(first, reader.EventType);
            Assert.True(await reader.ReadNextAsync());
            Assert.Same("message", reader.EventType);
        }

        private static void AssertMixed(IReadOnlyList<SseEvent> events)
        {
            Assert.Equal(2, events.Count);
            Assert.Equal(("a", "one\ntwo\n日本😀", "1", 10), (events[0].EventType, events[0].Data, events[0].LastEventId, events[0].RetryMilliseconds));
            Assert.Equal(("b", " three", "1", 10), (events[1].EventType, events[1].Data, events[1].LastEventId, events[1].RetryMilliseconds));
        }

        private sealed class UnreadableStream : MemoryStream
        {
            public override bool CanRead => false;
        }
    }
}
