using System;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Engine;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Tests.Transport
{
    /// <summary>Structured output over the loopback server: the finish reasons that make a value unusable throw, with what arrived.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportStructuredTests
    {
        private readonly LoopbackServer _server;

        public TransportStructuredTests(LoopbackServer server) => _server = server;

        [Fact]
        public async Task A_complete_book_is_returned_validated()
        {
            using var client = TransportTest.Client(_server.Endpoint("book-stop"));

            var result = await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            Assert.Equal("Dune", result.Value.Title);
            Assert.Equal(1965, result.Value.PublishedYear);
            Assert.Equal("stop", result.FinishReason?.Value);
            Assert.Equal(12, result.Usage!.TotalTokens);
        }

        [Theory]
        [InlineData("length", ChatStreamFailure.Length)]
        [InlineData("content_filter", ChatStreamFailure.ContentFilter)]
        public async Task Length_and_content_filter_throw_with_the_partial_value(string ending, ChatStreamFailure failure)
        {
            using var client = TransportTest.Client(_server.Endpoint("book-" + ending));
            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => stream.GetResultAsync());

            Assert.Equal(failure, ex.Failure);
            var partial = Assert.IsType<HandBookPartial>(ex.PartialValue);
            Assert.Equal("Dune", partial.Title);
            Assert.Equal("Frank Herbert", partial.Author!.Name);
            Assert.StartsWith("{\"title\":\"Dune\"", ex.State.Content, StringComparison.Ordinal);
            Assert.Equal(ending, ex.FinishReason?.Value);
        }

        [Fact]
        public async Task A_refusal_throws_Refusal_with_the_text()
        {
            using var client = TransportTest.Client(_server.Endpoint("book-refusal"));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages));

            Assert.Equal(ChatStreamFailure.Refusal, ex.Failure);
            Assert.Equal("I can't help with that.", ex.State.Refusal);
        }

        [Fact]
        public async Task A_connection_dropped_mid_value_is_Truncated_with_the_text_and_the_last_partial_on_the_stream()
        {
            using var client = TransportTest.Client(_server.Endpoint("book-drop"));
            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            HandBookPartial? last = null;

            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var partial in stream) last = partial;
            });

            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.StartsWith("{\"title\":\"Dune\",\"author\"", ex.State.Content, StringComparison.Ordinal);
            Assert.Equal("Frank Herbert", last!.Author!.Name);
            Assert.Same(last, stream.Parser.Current);
        }
    }
}
