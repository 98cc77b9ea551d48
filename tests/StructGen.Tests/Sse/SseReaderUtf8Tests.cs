using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Multi-byte UTF-8 survives reads that split characters, because the reader only ever splits on CR and LF.</summary>
    public sealed class SseReaderUtf8Tests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Multi_byte_characters_split_across_reads(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(
                "data: é\n\ndata: 日本\ndata: 😀\n\nevent: événement\nid: 日本\ndata: aé日😀b\n\n", readSize);

            Assert.Equal(new[] { "é", "日本\n😀", "aé日😀b" }, SseTestData.DataOf(events));
            Assert.Equal("événement", events[2].EventType);
            Assert.Equal("日本", events[2].LastEventId);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Data_bytes_are_exactly_the_utf8_of_the_value(int readSize)
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("data: {\"c\":\"😀é\"}\n\n", readSize));
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(Encoding.UTF8.GetBytes("{\"c\":\"😀é\"}"), reader.Data.ToArray());
        }
    }
}
