using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>
    /// Behaviour check for "no allocation per event": once buffers have grown to fit, reading more events must not
    /// allocate. Not a timing test. Reads complete synchronously here, so the test never leaves its thread and
    /// the per-thread allocation counter sees everything the reader does.
    /// </summary>
    public sealed class SseReaderAllocationTests
    {
        private const int WarmUpEvents = 1000;
        private const int MeasuredEvents = 1000;

        [Fact]
        public async Task Steady_state_events_allocate_nothing_from_a_memory_stream()
        {
            long allocated = await FewestBytesAsync(() => new MemoryStream(BuildBody(WarmUpEvents + MeasuredEvents), writable: false));
            Assert.Equal(0, allocated);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Steady_state_events_allocate_nothing_whatever_the_read_size(int readSize)
        {
            long allocated = await FewestBytesAsync(() => ChunkedStream.FixedSize(BuildBody(WarmUpEvents + MeasuredEvents), readSize));
            Assert.Equal(0, allocated);
        }

        [Fact]
        public async Task Single_line_data_is_a_view_of_the_read_buffer_and_joined_data_is_not()
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("data: a\n\ndata: b\n\ndata: c\ndata: d\n\n", 4096));
            Assert.True(await reader.ReadNextAsync());
            byte[] first = ArrayOf(reader.Data);
            Assert.True(await reader.ReadNextAsync());
            Assert.Same(first, ArrayOf(reader.Data)); // both views of the same read buffer: nothing copied
            Assert.True(await reader.ReadNextAsync());
            Assert.NotSame(first, ArrayOf(reader.Data)); // two data lines are joined in the pooled accumulator
            Assert.Equal("c\nd", System.Text.Encoding.UTF8.GetString(reader.Data.Span));
        }

        /// <summary>
        /// The fewest bytes over three measurements. The runtime itself occasionally allocates on the
        /// thread under load (tiered compilation installing code mid-measurement), which made a single
        /// measurement flaky on a busy machine; an allocation in the reader shows up every time.
        /// </summary>
        private static async Task<long> FewestBytesAsync(Func<Stream> createStream)
        {
            long fewest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && fewest > 0; attempt++)
            {
                fewest = Math.Min(fewest, await MeasureAsync(createStream()));
            }

            return fewest;
        }

        /// <summary>Reads the warm-up events, then returns the bytes allocated while reading the measured ones.</summary>
        private static async Task<long> MeasureAsync(Stream stream)
        {
            using var reader = new SseReader(stream);
            for (int i = 0; i < WarmUpEvents; i++)
            {
                Assert.True(await reader.ReadNextAsync());
                Touch(reader);
            }

            long checksum = 0;
            int read = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (read < MeasuredEvents && await reader.ReadNextAsync())
            {
                checksum += Touch(reader);
                read++;
            }

            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(MeasuredEvents, read);
            Assert.NotEqual(0, checksum);
            return after - before;
        }

        /// <summary>Uses every per-event value the way a caller would, so lazily created values are covered too.</summary>
        private static long Touch(SseReader reader)
        {
            return reader.Data.Length + reader.EventTypeUtf8.Length + reader.EventType.Length
                + (reader.LastEventId?.Length ?? 0) + (reader.RetryMilliseconds ?? 0);
        }

        private static byte[] ArrayOf(ReadOnlyMemory<byte> memory)
        {
            Assert.True(MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment));
            return segment.Array!;
        }

        /// <summary>
        /// A realistic mix repeated: plain chunks, a typed event, a multi-line event, keep-alives, a repeated id.
        /// About 200 bytes per event, so events regularly straddle the 16 KiB buffer and take the copy path.
        /// </summary>
        private static byte[] BuildBody(int events)
        {
            var body = new StringBuilder();
            body.Append("retry: 3000\nid: run-1\n\n");
            for (int i = 0; i < events; i++)
            {
                switch (i % 4)
                {
                    case 0:
                        body.Append("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok").Append(i).Append(" é😀\"}}]}\n\n");
                        break;
                    case 1:
                        body.Append(": keep-alive\n\nevent: completion\ndata: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\r\n\r\n");
                        break;
                    case 2:
                        body.Append("id: run-1\ndata: {\"part\":1,\ndata: \"part\":2}\n\n");
                        break;
                    default:
                        body.Append("event: message\rdata: {\"choices\":[{\"delta\":{},\"finish_reason\":null}],\"usage\":null}\r\r");
                        break;
                }
            }

            return Encoding.UTF8.GetBytes(body.ToString());
        }
    }
}
