using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Chat;
using StructGen.Extensions.AI;
using StructGen.Integrations.Tests.Fixtures;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Integrations.Tests.ExtensionsAI
{
    public class ChatClientStreamingTests
    {
        private static void AssertFinalBook(HandBook book)
        {
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal("J.R.R. Tolkien", book.Author.Name);
            Assert.Equal("British", book.Author.Nationality);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
        }

        [Fact]
        public async Task GenerateStreamAsync_yields_typed_partials_from_awkwardly_split_updates()
        {
            var client = new FakeChatClient(BookText.AwkwardChunks(BookText.Json));
            var stream = client.GenerateStreamAsync(HandBook.StructuredOutput, "Tell me about a book.");

            var partials = new List<HandBookPartial>();
            await foreach (var partial in stream) partials.Add(partial);

            Assert.True(partials.Count >= 5, $"expected several partials, got {partials.Count}");
            Assert.Equal(partials.Count, partials.Distinct().Count());
            Assert.Contains(partials, p => p.Title is { Length: > 0 } t && t != "The Lord of the Rings");
            Assert.Contains(partials, p => p.Author?.Name == "J.R.R. Tolkien" && p.PublishedYear is null);
            Assert.Equal(FieldState.Complete, partials[^1].State);

            AssertFinalBook(stream.Result.Value);
            Assert.Equal(BookText.Json, stream.Result.Text);
            Assert.Equal(345, stream.Result.Usage?.TotalTokens);
            Assert.Equal(156, stream.Result.Usage?.PromptTokens);
            Assert.Equal(FinishKind.Stop, stream.Result.FinishReason?.Kind);
            Assert.Equal("stop", stream.Result.FinishReason?.Value);
            Assert.Equal("r1", stream.Result.State.Id);
        }

        [Fact]
        public async Task GenerateStreamAsync_skips_a_think_block_a_local_reasoning_model_writes_before_the_json()
        {
            var client = new FakeChatClient(BookText.CharByChar("<think>\nThey want {json}.\n</think>\n\n" + BookText.Json));
            var result = await client.GenerateStreamAsync(HandBook.StructuredOutput, "Tell me about a book.").GetResultAsync();

            AssertFinalBook(result.Value);
        }

        [Fact]
        public async Task GenerateStreamAsync_handles_one_character_per_update()
        {
            var client = new FakeChatClient(BookText.CharByChar(BookText.Json));
            var result = await client.GenerateStreamAsync(HandBook.StructuredOutput, "Tell me about a book.").GetResultAsync();

            AssertFinalBook(result.Value);
        }

        [Fact]
        public async Task GenerateStreamAsync_sets_the_response_format_on_the_request()
        {
            var client = new FakeChatClient(new[] { BookText.Json });
            var messages = new[] { new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "A book.") };
            var callerOptions = new ChatOptions { MaxOutputTokens = 4000 };

            await client.GenerateStreamAsync(HandBook.StructuredOutput, messages, callerOptions).GetResultAsync();

            Assert.Equal(1, client.Calls);
            Assert.Equal(2, client.LastMessages!.Count);
            var sent = client.LastOptions!;
            var format = Assert.IsType<ChatResponseFormatJson>(sent.ResponseFormat);
            Assert.Equal("Book", format.SchemaName);
            Assert.Equal(HandBook.Description, format.SchemaDescription);
            Assert.Equal(true, sent.AdditionalProperties![AdditionalPropertyKeys.StrictJsonSchema]);
            Assert.Equal(4000, sent.MaxOutputTokens);
            Assert.Null(callerOptions.ResponseFormat);
        }

        [Fact]
        public async Task GenerateStreamAsync_reports_a_token_limit_with_the_last_partial()
        {
            var truncated = BookText.Json.Substring(0, 60);
            var client = new FakeChatClient(BookText.AwkwardChunks(truncated), ChatFinishReason.Length);
            var stream = client.GenerateStreamAsync(HandBook.StructuredOutput, "A book.");

            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });

            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(FinishKind.Length, ex.FinishReason?.Kind);
            Assert.Equal(truncated, ex.PartialContent);
            Assert.IsType<HandBookPartial>(ex.PartialValue);
            Assert.Contains("token limit", ex.Message);
        }

        [Fact]
        public async Task GenerateStreamAsync_reports_a_schema_mismatch_with_its_path()
        {
            var client = new FakeChatClient(new[] { "{\"title\":\"X\",\"author\":{\"name\":\"Y\"},\"genres\":[],\"published_year\":\"1954\"}" });

            var ex = await Assert.ThrowsAsync<StructuredOutputException>(() => client.GenerateStreamAsync(HandBook.StructuredOutput, "A book.").GetResultAsync());

            Assert.Equal(StructuredOutputErrorKind.WrongType, ex.Kind);
            Assert.Equal("$.published_year", ex.Path);
        }

        [Fact]
        public async Task A_stream_can_be_enumerated_only_once()
        {
            var client = new FakeChatClient(new[] { BookText.Json });
            var stream = client.GenerateStreamAsync(HandBook.StructuredOutput, "A book.");
            await stream.GetResultAsync();

            await Assert.ThrowsAsync<System.InvalidOperationException>(async () =>
            {
                await foreach (var _ in stream)
                {
                }
            });
            AssertFinalBook(stream.Result.Value);
        }
    }
}
