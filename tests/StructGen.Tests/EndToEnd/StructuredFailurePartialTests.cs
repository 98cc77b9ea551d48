using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>Whatever ends a structured stream early, the exception carries the last typed partial.</summary>
    public class StructuredFailurePartialTests
    {
        private const string Head = "{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",";

        [Theory]
        [InlineData(null, ChatStreamFailure.Truncated)]
        [InlineData("{\"error\":{\"code\":502,\"message\":\"Provider returned error\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}", ChatStreamFailure.ProviderError)]
        public async Task A_stream_that_ends_early_reports_the_last_book_partial(string? lastChunk, ChatStreamFailure failure)
        {
            var chunks = Splits.Random(Head, seed: 2, maxPiece: 9)
                .Select(p => "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(p) + "}}]}")
                .ToList();
            if (lastChunk is not null) chunks.Add(lastChunk);
            var body = string.Concat(chunks.Select(c => "data: " + c + "\n\n")); // no finish reason, no [DONE]
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(new StubSseHandler(body)));

            var stream = client.GenerateBookStreamAsync("a book");
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });

            Assert.Equal(failure, ex.Failure);
            var partial = Assert.IsType<BookPartial>(ex.PartialValue);
            Assert.Equal("J.R.R. Tolkien", partial.Author!.Name);
            Assert.Equal("fantasy", Assert.Single(partial.Genres!));
            Assert.Null(partial.Title);
        }
    }
}
