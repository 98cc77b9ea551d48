using System.Collections.Generic;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>When blank lines dispatch, the BOM, and what happens at the end of the stream.</summary>
    public sealed class SseReaderDispatchTests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Blank_lines_without_data_dispatch_nothing(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("\n\n\r\n\r\rid: 1\n\n", readSize);
            Assert.Empty(events);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Blank_line_without_data_resets_the_event_type(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("event: lost\n\ndata: x\n\n", readSize);
            Assert.Equal("message", Assert.Single(events).EventType);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Empty_data_field_dispatches_an_event_with_empty_data(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data:\n\ndata: \n\n", readSize);
            Assert.Equal(new[] { "", "" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Several_blank_lines_between_events(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\n\n\n\n\ndata: b\n\n\n", readSize);
            Assert.Equal(new[] { "a", "b" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Final_event_without_blank_line_is_discarded(int readSize)
        {
            Assert.Equal(new[] { "a" }, SseTestData.DataOf(await SseTestData.ReadAllAsync("data: a\n\ndata: b\n", readSize)));
            Assert.Equal(new[] { "a" }, SseTestData.DataOf(await SseTestData.ReadAllAsync("data: a\n\ndata: b", readSize)));
            Assert.Equal(new[] { "a" }, SseTestData.DataOf(await SseTestData.ReadAllAsync("data: a\r\n\r\ndata: b\r\n", readSize)));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Empty_stream_has_no_events(int readSize)
        {
            Assert.Empty(await SseTestData.ReadAllAsync("", readSize));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Leading_bom_is_skipped(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("\uFEFFdata: a\n\n", readSize);
            Assert.Equal(new[] { "a" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Only_one_bom_and_only_at_the_start_is_skipped(int readSize)
        {
            // Anywhere else the BOM is part of the field name, which is then unknown.
            Assert.Empty(await SseTestData.ReadAllAsync("\uFEFF\uFEFFdata: a\n\n", readSize));
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\n\n\uFEFFdata: b\n\n", readSize);
            Assert.Equal(new[] { "a" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Bom_alone_or_truncated_yields_nothing(int readSize)
        {
            Assert.Empty(await SseTestData.ReadAllAsync(new byte[] { 0xEF, 0xBB, 0xBF }, readSize));
            Assert.Empty(await SseTestData.ReadAllAsync(new byte[] { 0xEF, 0xBB }, readSize));
        }
    }
}
