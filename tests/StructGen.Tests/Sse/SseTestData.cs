using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Shared theory data and a helper that drains a reader into immutable events.</summary>
    internal static class SseTestData
    {
        /// <summary>Every rule is checked with one-byte reads, awkward small reads, and page-sized reads.</summary>
        public static TheoryData<int> ReadSizes => new TheoryData<int> { 1, 7, 4096 };

        public static Task<List<SseEvent>> ReadAllAsync(string body, int readSize, SseReaderOptions? options = null)
            => ReadAllAsync(Encoding.UTF8.GetBytes(body), readSize, options);

        public static async Task<List<SseEvent>> ReadAllAsync(byte[] body, int readSize, SseReaderOptions? options = null)
        {
            using var reader = new SseReader(ChunkedStream.FixedSize(body, readSize), options);
            List<SseEvent> events = await DrainAsync(reader);
            Assert.Equal(body.Length, reader.BytesRead);
            return events;
        }

        public static async Task<List<SseEvent>> DrainAsync(SseReader reader)
        {
            var events = new List<SseEvent>();
            while (await reader.ReadNextAsync())
            {
                // The UTF-8 and string views of the type must always agree.
                Assert.Equal(reader.EventType, Encoding.UTF8.GetString(reader.EventTypeUtf8));
                events.Add(new SseEvent(reader.EventType, Encoding.UTF8.GetString(reader.Data.Span), reader.LastEventId, reader.RetryMilliseconds));
            }

            // The end of the stream is sticky.
            Assert.False(await reader.ReadNextAsync());
            Assert.True(reader.Data.IsEmpty);
            return events;
        }

        public static List<string> DataOf(IEnumerable<SseEvent> events)
        {
            var data = new List<string>();
            foreach (SseEvent e in events)
            {
                data.Add(e.Data);
            }

            return data;
        }

        public static Stream Utf8Stream(string body, int readSize) => ChunkedStream.FixedSize(Encoding.UTF8.GetBytes(body), readSize);
    }
}
