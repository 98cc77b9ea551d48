using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Chat;
using StructGen.Extensions.AI;
using StructGen.Integrations.Tests.Fixtures;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Integrations.Tests.ExtensionsAI
{
    public class ChatClientGenerateTests
    {
        [Fact]
        public async Task GenerateAsync_returns_the_validated_value_with_usage_and_response()
        {
            var client = new FakeChatClient(new[] { BookText.Json });

            var result = await client.GenerateAsync(HandBook.StructuredOutput, new[] { new ChatMessage(ChatRole.User, "A book.") });

            Assert.Equal("The Lord of the Rings", result.Value.Title);
            Assert.Equal("J.R.R. Tolkien", result.Value.Author.Name);
            Assert.Equal("British", result.Value.Author.Nationality);
            Assert.Equal(new[] { "fantasy", "adventure" }, result.Value.Genres);
            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Equal(156, result.Usage?.PromptTokens);
            Assert.Equal("fake-model", result.State.Model);
            Assert.Equal(FinishKind.Stop, result.FinishReason?.Kind);
            Assert.Equal(0, client.StreamingCalls);
            var format = Assert.IsType<ChatResponseFormatJson>(client.LastOptions!.ResponseFormat);
            Assert.Equal("Book", format.SchemaName);
            Assert.Equal(true, client.LastOptions.AdditionalProperties![AdditionalPropertyKeys.StrictJsonSchema]);
        }

        [Fact]
        public async Task GenerateAsync_tolerates_a_code_fence_around_the_json()
        {
            var client = new FakeChatClient(new[] { "```json\n" + BookText.Json + "\n```" });

            var result = await client.GenerateAsync(HandBook.StructuredOutput, "A book.");

            Assert.Equal(1954, result.Value.PublishedYear);
        }

        [Fact]
        public async Task GenerateAsync_reports_a_missing_member()
        {
            var client = new FakeChatClient(new[] { "{\"title\":\"X\",\"genres\":[],\"published_year\":1}" });

            var ex = await Assert.ThrowsAsync<StructuredOutputException>(() => client.GenerateAsync(HandBook.StructuredOutput, "A book."));

            Assert.Equal(StructuredOutputErrorKind.MissingMember, ex.Kind);
            Assert.Contains("author", ex.Message);
        }

        [Fact]
        public async Task GenerateAsync_reports_a_content_filter_stop()
        {
            var client = new FakeChatClient(new[] { "{\"title\":" }, ChatFinishReason.ContentFilter);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateAsync(HandBook.StructuredOutput, "A book."));

            Assert.Equal(ChatStreamFailure.ContentFilter, ex.Failure);
            Assert.Equal(FinishKind.ContentFilter, ex.FinishReason?.Kind);
            Assert.Equal("{\"title\":", ex.PartialContent);
        }
    }
}
