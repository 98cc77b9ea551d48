using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Lines end with CRLF, LF or CR, and a CR|LF pair split across reads is one line end.</summary>
    public sealed class SseReaderLineEndTests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Lf_line_ends(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\n\ndata: b\ndata: c\n\n", readSize);
            Assert.Equal(new[] { "a", "b\nc" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Cr_line_ends(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\r\rdata: b\rdata: c\r\r", readSize);
            Assert.Equal(new[] { "a", "b\nc" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Crlf_line_ends(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n", readSize);
            Assert.Equal(new[] { "a", "b\nc" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Mixed_line_ends_in_one_stream(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\r", readSize);
            Assert.Equal(new[] { "a\nb\nc", "d" }, SseTestData.DataOf(events));
        }

        [Fact]
        public async Task Cr_and_lf_in_separate_reads_are_one_line_end()
        {
            // Were the LF taken as a second line end, "a" would be dispatched alone by the resulting blank line.
            var stream = new ChunkedStream(Chunks("data: a\r", "\ndata: b\r", "\n\r", "\n"));
            using var reader = new SseReader(stream);
            List<SseEvent> events = await SseTestData.DrainAsync(reader);
            Assert.Equal(new[] { "a\nb" }, SseTestData.DataOf(events));
        }

        [Fact]
        public async Task Cr_ending_a_dispatching_blank_line_swallows_the_lf_of_the_next_read()
        {
            var stream = new ChunkedStream(Chunks("data: a\r\n\r", "\ndata: b\r\n\r", "\n"));
            using var reader = new SseReader(stream);
            List<SseEvent> events = await SseTestData.DrainAsync(reader);
            Assert.Equal(new[] { "a", "b" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Two_crs_are_two_line_ends(int readSize)
        {
            // "\r\r" is a line end followed by a blank line, so it dispatches.
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\r\rdata: b\r\r", readSize);
            Assert.Equal(new[] { "a", "b" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Lf_cr_is_two_line_ends(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\n\rdata: b\n\r", readSize);
            Assert.Equal(new[] { "a", "b" }, SseTestData.DataOf(events));
        }

        private static IEnumerable<byte[]> Chunks(params string[] parts)
        {
            foreach (string part in parts)
            {
                yield return Encoding.UTF8.GetBytes(part);
            }
        }
    }
}
