using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>The token is honoured whether the next event is buffered or the reader is waiting on the stream.</summary>
    public sealed class SseReaderCancellationTests
    {
        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Cancelled_mid_stream_throws_operation_cancelled(int readSize)
        {
            using var cts = new CancellationTokenSource();
            using var reader = new SseReader(SseTestData.Utf8Stream("data: a\n\ndata: b\n\ndata: c\n\n", readSize));
            Assert.True(await reader.ReadNextAsync(cts.Token));

            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadNextAsync(cts.Token));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Cancelled_while_waiting_for_the_stream_throws_operation_cancelled(int readSize)
        {
            byte[] body = Encoding.UTF8.GetBytes("data: a\n\ndata: incomplete");
            using var reader = new SseReader(ChunkedStream.FixedSize(body, readSize, forceAsync: true, hangAtEnd: true));
            using var cts = new CancellationTokenSource();
            Assert.True(await reader.ReadNextAsync(cts.Token));

            cts.CancelAfter(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadNextAsync(cts.Token));
        }

        [Fact]
        public async Task Already_cancelled_token_throws_before_reading()
        {
            using var reader = new SseReader(SseTestData.Utf8Stream("data: a\n\n", 4096));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadNextAsync(new CancellationToken(canceled: true)));
            Assert.Equal(0, reader.BytesRead);
        }
    }
}
