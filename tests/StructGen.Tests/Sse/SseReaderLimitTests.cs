using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>Memory stays bounded: over-long lines and events fail with a message that says how to fix them.</summary>
    public sealed class SseReaderLimitTests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Line_longer_than_the_cap_throws_with_position_and_fix(int readSize)
        {
            var options = new SseReaderOptions { MaxLineBytes = 16 };
            using var reader = new SseReader(SseTestData.Utf8Stream("data: ok\n\ndata: 0123456789abcdef\n\n", readSize), options);
            Assert.True(await reader.ReadNextAsync());

            SseFormatException ex = await Assert.ThrowsAsync<SseFormatException>(async () => await reader.ReadNextAsync());
            Assert.Equal(3, ex.LineNumber);
            Assert.Equal(10, ex.ByteOffset);
            Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("byte offset 10", ex.Message, StringComparison.Ordinal);
            Assert.Contains("16 bytes", ex.Message, StringComparison.Ordinal);
            Assert.Contains("SseReaderOptions.MaxLineBytes", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Line_exactly_at_the_cap_is_accepted(int readSize)
        {
            var options = new SseReaderOptions { MaxLineBytes = 16, BufferSize = 1 };
            var events = await SseTestData.ReadAllAsync("data: 0123456789\r\n\r\n", readSize, options);
            Assert.Equal("0123456789", Assert.Single(events).Data);
        }

        [Fact]
        public async Task Endless_line_throws_after_reading_only_a_bounded_amount()
        {
            var options = new SseReaderOptions { MaxLineBytes = 1000, BufferSize = 64 };
            using var reader = new SseReader(new EndlessStream((byte)'x'), options);
            await Assert.ThrowsAsync<SseFormatException>(async () => await reader.ReadNextAsync());
            Assert.InRange(reader.BytesRead, 1001, 2048);
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task One_megabyte_line_works_under_the_default_cap(int readSize)
        {
            string payload = new string('x', 1024 * 1024);
            var events = await SseTestData.ReadAllAsync("data: " + payload + "\n\ndata: after\n\n", readSize);
            Assert.Equal(new[] { payload, "after" }, SseTestData.DataOf(events));
        }

        [Fact]
        public async Task Event_data_longer_than_the_cap_throws()
        {
            var options = new SseReaderOptions { MaxEventBytes = 10 };
            using var reader = new SseReader(SseTestData.Utf8Stream("data: 12345\ndata: 1234\ndata: x\n\n", 4096), options);
            SseFormatException ex = await Assert.ThrowsAsync<SseFormatException>(async () => await reader.ReadNextAsync());
            Assert.Equal(3, ex.LineNumber);
            Assert.Contains("SseReaderOptions.MaxEventBytes", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ParseAll_reports_the_same_limits()
        {
            byte[] body = Encoding.UTF8.GetBytes("data: 0123456789abcdef\n\n");
            Assert.Throws<SseFormatException>(() => SseReader.ParseAll(body, new SseReaderOptions { MaxLineBytes = 8 }));
        }

        [Fact]
        public void Options_reject_out_of_range_values()
        {
            var options = new SseReaderOptions();
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxLineBytes = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxLineBytes = int.MaxValue);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxEventBytes = -1);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.BufferSize = 0);
        }

        /// <summary>Never ends and never sends a line terminator: the reader must give up, not buffer forever.</summary>
        private sealed class EndlessStream : Stream
        {
            private readonly byte _fill;

            public EndlessStream(byte fill) => _fill = fill;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                buffer.AsSpan(offset, count).Fill(_fill);
                return count;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                buffer.Span.Fill(_fill);
                return new ValueTask<int>(buffer.Length);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
