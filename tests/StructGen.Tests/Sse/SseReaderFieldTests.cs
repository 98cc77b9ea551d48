using System.Collections.Generic;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Field syntax and the event, data, id and retry fields.</summary>
    public sealed class SseReaderFieldTests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Only_one_space_after_the_colon_is_removed(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data:x\n\ndata: x\n\ndata:  x\n\ndata: x \n\ndata:\tx\n\n", readSize);
            Assert.Equal(new[] { "x", "x", " x", "x ", "\tx" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Value_keeps_later_colons(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a:b: c\n\ndata::\n\n", readSize);
            Assert.Equal(new[] { "a:b: c", ":" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Multi_line_data_is_joined_with_lf(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("data: a\ndata: b\ndata:\ndata: c\n\n", readSize);
            Assert.Equal(new[] { "a\nb\n\nc" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Field_without_colon_has_an_empty_value(int readSize)
        {
            // "data" alone appends an empty line; two of them make the data "\n". "event" alone is the default type.
            List<SseEvent> events = await SseTestData.ReadAllAsync("data\n\nevent\ndata\ndata\n\n", readSize);
            Assert.Equal(new[] { "", "\n" }, SseTestData.DataOf(events));
            Assert.Equal("message", events[1].EventType);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Event_field_sets_the_type_for_one_event_only(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(
                "event: add\ndata: 1\n\ndata: 2\n\nevent: a\nevent: b\ndata: 3\n\nevent:\ndata: 4\n\n", readSize);
            Assert.Equal(new[] { "add", "message", "b", "message" }, new[] { events[0].EventType, events[1].EventType, events[2].EventType, events[3].EventType });
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Unknown_and_differently_cased_fields_are_ignored(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("foo: bar\nDATA: no\nData: no\ndata : no\ndata: yes\n\n", readSize);
            Assert.Equal(new[] { "yes" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Comments_are_ignored(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(
                ": keep-alive\n\n:\ndata: a\n: data: not data\ndata: b\n\n:ping\r\n\r\n", readSize);
            Assert.Equal(new[] { "a\nb" }, SseTestData.DataOf(events));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Id_persists_across_events_until_changed(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(
                "data: none\n\nid: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\n\ndata: d\n\n", readSize);
            Assert.Equal(new string?[] { null, "1", "1", "", "2" }, new[] { events[0].LastEventId, events[1].LastEventId, events[2].LastEventId, events[3].LastEventId, events[4].LastEventId });
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Id_containing_nul_is_ignored(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", readSize);
            Assert.Equal("1", events[1].LastEventId);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Id_takes_effect_at_the_blank_line_and_is_lost_with_a_discarded_event(int readSize)
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("id: 1\ndata: a\n\nid: 9\ndata: b\n", readSize));
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal("1", reader.LastEventId);
            Assert.False(await reader.ReadNextAsync());
            Assert.Equal("1", reader.LastEventId);
        }

        [Fact]
        public async Task Unchanged_id_reuses_the_same_string()
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("id: 42\ndata: a\n\nid: 42\ndata: b\n\ndata: c\n\n", 4096));
            Assert.True(await reader.ReadNextAsync());
            string? first = reader.LastEventId;
            Assert.True(await reader.ReadNextAsync());
            Assert.Same(first, reader.LastEventId);
            Assert.True(await reader.ReadNextAsync());
            Assert.Same(first, reader.LastEventId);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Retry_accepts_only_ascii_digits(int readSize)
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync(
                "data: a\n\nretry: 3000\ndata: b\n\nretry: 30a\nretry: -1\nretry: 1.5\nretry:\nretry:  100\nretry: ١٢\ndata: c\n\nretry:0042\ndata: d\n\n",
                readSize);
            Assert.Equal(new int?[] { null, 3000, 3000, 42 }, new[] { events[0].RetryMilliseconds, events[1].RetryMilliseconds, events[2].RetryMilliseconds, events[3].RetryMilliseconds });
        }

        [Fact]
        public async Task Retry_larger_than_int_is_clamped()
        {
            List<SseEvent> events = await SseTestData.ReadAllAsync("retry: 99999999999999999999\ndata: a\n\n", 4096);
            Assert.Equal(int.MaxValue, events[0].RetryMilliseconds);
        }

        [Fact]
        public async Task Retry_applies_when_its_line_is_read_even_without_an_event()
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("retry: 500\n", 4096));
            Assert.False(await reader.ReadNextAsync());
            Assert.Equal(500, reader.RetryMilliseconds);
        }
    }
}
