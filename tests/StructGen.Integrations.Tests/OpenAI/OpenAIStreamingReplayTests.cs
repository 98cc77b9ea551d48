using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using StructGen.Chat;
using StructGen.Integrations.Tests.Fixtures;
using StructGen.OpenAI;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Integrations.Tests.OpenAI
{
    /// <summary>
    /// The official OpenAI SDK, offline: its HTTP pipeline is served the recorded o4-mini SSE stream, and
    /// the typed partials come from the SDK's own <c>StreamingChatCompletionUpdate</c>s.
    /// </summary>
    public class OpenAIStreamingReplayTests
    {
        private const string Cassette = "openai-o4-mini/complex_object_streaming.yaml";
        private const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        internal static ChatClient CreateClient(CassetteHandler handler) =>
            new ChatClient(
                "o4-mini",
                new ApiKeyCredential("test"),
                new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(new HttpClient(handler)) });

        private static void AssertFinalBook(HandBook book)
        {
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal("J.R.R. Tolkien", book.Author.Name);
            Assert.Equal("British", book.Author.Nationality);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
        }

        [Fact]
        public async Task CompleteChatStreamingAsync_updates_become_typed_partials_and_the_final_book()
        {
            var handler = CassetteHandler.FromCassette(Cassette);
            var client = CreateClient(handler);
            var options = HandBook.StructuredOutput.ToChatCompletionOptions(new ChatCompletionOptions { MaxOutputTokenCount = 4000 });

            var stream = client.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage(Prompt) }, options)
                .AsStructuredStream(HandBook.StructuredOutput);

            var partials = new List<HandBookPartial>();
            await foreach (var partial in stream) partials.Add(partial);

            // The model streams the members in schema order (author, genres, published_year, title).
            Assert.True(partials.Count > 10, $"expected many partials, got {partials.Count}");
            Assert.Contains(partials, p => p.Author?.Name is { Length: > 0 } name && name != "J.R.R. Tolkien");
            Assert.Contains(partials, p => p.Author?.Name == "J.R.R. Tolkien" && p.Genres is null);
            Assert.Contains(partials, p => p.Genres is { Count: 1 } && p.PublishedYear is null);
            Assert.Contains(partials, p => p.PublishedYear == 1954 && p.Title is null);
            Assert.Equal("The Lord of the Rings", partials[^1].Title);

            var result = stream.Result;
            AssertFinalBook(result.Value);
            Assert.Equal(FinishKind.Stop, result.FinishReason?.Kind);
            Assert.Equal("stop", result.FinishReason?.Value);
            Assert.Equal(345, result.Usage?.TotalTokens);
            Assert.Equal("chatcmpl-DIgTQPz2aGqDZNpclm4MN66JS2WPX", result.State.Id);
            Assert.Equal("o4-mini-2025-04-16", result.State.Model);
            Assert.StartsWith("{\"author\"", result.Text);
        }

        [Fact]
        public async Task The_sdk_request_carries_the_strict_json_schema_response_format()
        {
            var handler = CassetteHandler.FromCassette(Cassette);
            var client = CreateClient(handler);

            await client.GenerateStreamAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage(Prompt) }).GetResultAsync();

            var body = JsonDocument.Parse(Assert.Single(handler.RequestBodies)).RootElement;
            Assert.True(body.GetProperty("stream").GetBoolean());
            Assert.Equal("o4-mini", body.GetProperty("model").GetString());
            var format = body.GetProperty("response_format");
            Assert.Equal("json_schema", format.GetProperty("type").GetString());
            var jsonSchema = format.GetProperty("json_schema");
            Assert.Equal("Book", jsonSchema.GetProperty("name").GetString());
            Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
            Assert.Equal(HandBook.Description, jsonSchema.GetProperty("description").GetString());
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(HandBook.Schema).RootElement, jsonSchema.GetProperty("schema")));
            Assert.EndsWith("/chat/completions", handler.RequestUris[0]!.AbsolutePath);
        }

        [Fact]
        public async Task GenerateStreamAsync_over_the_sdk_client_gives_the_same_book()
        {
            var handler = CassetteHandler.FromCassette(Cassette);
            var stream = CreateClient(handler).GenerateStreamAsync(HandBook.StructuredOutput, new ChatMessage[] { new UserChatMessage(Prompt) });

            int count = 0;
            await foreach (var _ in stream) count++;

            Assert.True(count > 10);
            AssertFinalBook(stream.Result.Value);
            Assert.Equal(count, stream.Parser.PublishedCount);
        }
    }
}
