using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>
    /// Replays the hand-written fixtures in <c>ProviderShapes/</c> (the stream shapes of OpenRouter,
    /// llama.cpp, Groq, DeepSeek and Ollama; see its README: they are not recordings) through the
    /// public API: typed Book streams, text streams, in-stream errors and a retried 429.
    /// </summary>
    public class ProviderShapeReplayTests
    {
        private static readonly ModelMessage[] SayHi =
        {
            ModelMessage.System("You are a helpful assistant"),
            ModelMessage.User("Say hi in Portuguese"),
        };

        [Fact]
        public async Task OpenRouter_reasoning_and_processing_comments_do_not_disturb_the_typed_book()
        {
            var (client, handler) = ProviderShapeFixtures.Client("openrouter-book-reasoning.yaml", "https://openrouter.ai/api/v1/", "deepseek/deepseek-r1");
            var stream = client.GenerateBookStreamAsync(ProviderShapeFixtures.BookPrompt);
            var partials = await ProviderShapeFixtures.ReadMonotonicAsync(stream);

            handler.AssertAllUsed();
            ProviderShapeFixtures.AssertLordOfTheRings(stream.Result.Value);
            Assert.Equal(ProviderShapeFixtures.Document, stream.State.Content);
            Assert.Equal("Okay, the user wants details about The Lord of the Rings. Tolkien was British; it was first published in 1954. Genres: fantasy and adventure.", stream.State.Reasoning);
            Assert.Equal("stop", stream.FinishReason?.Value);
            Assert.Equal("gen-1747391234-Qm3ZxV8pL2nKcR7tYw4B", stream.State.Id);
            Assert.Equal("deepseek/deepseek-r1", stream.State.Model);

            // The usage chunk that follows the finish (OpenRouter adds cost and is_byok to it).
            Assert.Equal(157, stream.Usage!.PromptTokens);
            Assert.Equal(348, stream.Usage.CompletionTokens);
            Assert.Equal(505, stream.Usage.TotalTokens);
            Assert.Equal(281, stream.Usage.ReasoningTokens);
            Assert.Equal(0, stream.Usage.CachedPromptTokens);

            // 35 content deltas, several splitting strings; the year arrives as "19" then "54" and is never shown as 19.
            Assert.True(partials.Count >= 20, $"only {partials.Count} partials");
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
            Assert.Equal(Streaming.FieldState.Complete, partials[^1].State);
        }

        [Fact]
        public async Task OpenRouter_reasoning_arrives_as_reasoning_updates_before_any_content()
        {
            var (client, handler) = ProviderShapeFixtures.Client("openrouter-book-reasoning.yaml", "https://openrouter.ai/api/v1/", "deepseek/deepseek-r1");
            var stream = client.StreamAsync(new[] { ModelMessage.User(ProviderShapeFixtures.BookPrompt) }, new ChatRequestOptions { ResponseFormat = Book.StructuredOutput.ResponseFormat });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            handler.AssertAllUsed();
            var reasoning = updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text).ToList();
            Assert.Equal(new[] { "Okay", ", the user wants", " details about", " The Lord of the Rings.", " Tolkien was British", ";", " it was first published in", " 1954", ".", " Genres: fantasy", " and adventure." }, reasoning);
            int lastReasoning = updates.FindLastIndex(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta);
            int firstContent = updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ContentDelta);
            Assert.True(lastReasoning < firstContent, "reasoning and content interleaved");
            Assert.Equal(35, updates.Count(u => u.Kind == ChatStreamUpdateKind.ContentDelta));
            Assert.Equal(ProviderShapeFixtures.Document, string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text)));
            Assert.Equal(new[] { ChatStreamUpdateKind.Finished, ChatStreamUpdateKind.Usage }, updates.Skip(updates.Count - 2).Select(u => u.Kind));
        }

        [Fact]
        public async Task LlamaCpp_null_first_content_empty_finish_delta_and_timings_chunk()
        {
            var (client, handler) = ProviderShapeFixtures.Client("llamacpp-simple.yaml", "http://localhost:8080/v1/", "qwen2.5-7b-instruct", o => o.ApiKey = null);
            var stream = client.StreamTextAsync(SayHi);
            var deltas = new List<string>();
            await foreach (var delta in stream) deltas.Add(delta);

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Ol", "á", "!", " 👋" }, deltas);
            Assert.Equal("Olá! 👋", stream.Text);
            Assert.Equal("stop", stream.FinishReason?.Value);
            Assert.Equal(24, stream.Usage!.PromptTokens);
            Assert.Equal(5, stream.Usage.CompletionTokens);
            Assert.Equal(29, stream.Usage.TotalTokens);
            Assert.Null(stream.Usage.ReasoningTokens);
            Assert.Equal("qwen2.5-7b-instruct", stream.State.Model);
            Assert.Equal("chatcmpl-kW0Yb2e8TqHn3uXa5Rz1oPcL", stream.State.Id);
            Assert.Equal(string.Empty, stream.State.Reasoning);
        }

        [Fact]
        public async Task Groq_usage_inside_x_groq_is_read()
        {
            var (client, handler) = ProviderShapeFixtures.Client("groq-simple.yaml", "https://api.groq.com/openai/v1/", "llama-3.3-70b-versatile", o => o.Defaults.IncludeUsage = false);
            var stream = client.StreamTextAsync(SayHi);
            var deltas = new List<string>();
            await foreach (var delta in stream) deltas.Add(delta);

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Olá", "!", " Tudo", " bem", "?" }, deltas);
            Assert.Equal("stop", stream.FinishReason?.Value);
            Assert.Equal("req_01jvbq8x2cf3sr6m0nyh2tkd4w", stream.State.RequestId);
            Assert.Equal("chatcmpl-2b5e8f0a-7c3d-4e91-a6b2-9d4f1c8e3a70", stream.State.Id);

            // Groq reports usage only as x_groq.usage on the finish chunk (no top-level usage).
            Assert.NotNull(stream.State.Usage);
            Assert.Equal(45, stream.State.Usage!.PromptTokens);
            Assert.Equal(6, stream.State.Usage.CompletionTokens);
            Assert.Equal(51, stream.State.Usage.TotalTokens);
        }

        [Fact]
        public async Task DeepSeek_reasoner_streams_reasoning_then_a_pretty_printed_book_with_cache_usage()
        {
            var (client, handler) = ProviderShapeFixtures.Client("deepseek-book-reasoner.yaml", "https://api.deepseek.com/v1/", "deepseek-reasoner");
            var stream = client.GenerateBookStreamAsync(ProviderShapeFixtures.BookPrompt);
            var partials = await ProviderShapeFixtures.ReadMonotonicAsync(stream);

            handler.AssertAllUsed();
            ProviderShapeFixtures.AssertLordOfTheRings(stream.Result.Value);
            Assert.Equal(ProviderShapeFixtures.PrettyDocument, stream.State.Content);
            Assert.Equal("Okay, the user wants a JSON object about The Lord of the Rings. The author is J.R.R. Tolkien, who was British. It was first published in 1954, and the genres are fantasy and adventure.", stream.State.Reasoning);
            Assert.Equal("stop", stream.FinishReason?.Value);
            Assert.Equal("deepseek-reasoner", stream.State.Model);

            // Usage in the finish chunk itself; DeepSeek's own cache fields sit beside the OpenAI-style details.
            Assert.Equal(157, stream.Usage!.PromptTokens);
            Assert.Equal(402, stream.Usage.CompletionTokens);
            Assert.Equal(559, stream.Usage.TotalTokens);
            Assert.Equal(356, stream.Usage.ReasoningTokens);
            Assert.Equal(128, stream.Usage.CachedPromptTokens);
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
        }

        [Fact]
        public async Task OpenRouter_error_chunk_mid_stream_fails_with_the_provider_error_and_keeps_the_content()
        {
            var (client, handler) = ProviderShapeFixtures.Client("openrouter-error-midstream.yaml", "https://openrouter.ai/api/v1/", "meta-llama/llama-3.3-70b-instruct");
            var stream = client.StreamTextAsync(SayHi);
            var deltas = new List<string>();
            var ex = await Assert.ThrowsAsync<ChatStreamException>(async () =>
            {
                await foreach (var delta in stream) deltas.Add(delta);
            });

            handler.AssertAllUsed();
            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("502", ex.ErrorCode);
            Assert.Equal("Provider returned error", ex.ErrorMessage);
            Assert.Contains("Provider returned error", ex.Message);
            Assert.True(ex.ResponseStarted);
            Assert.Equal(1, ex.Attempts);
            Assert.Equal(new[] { "Olá", "! Como", " vai" }, deltas);
            Assert.Equal("Olá! Como vai", ex.State.Content);
            Assert.Equal("Olá! Como vai", ex.PartialContent);
            Assert.Equal("meta-llama/llama-3.3-70b-instruct", ex.State.Model);
        }

        [Fact]
        public async Task Ollama_think_tags_in_content_go_to_reasoning_and_the_typed_book_still_parses()
        {
            var (client, handler) = ProviderShapeFixtures.Client("ollama-book-think.yaml", "http://localhost:11434/v1/", "deepseek-r1:8b", o => o.ApiKey = null);
            var stream = client.GenerateBookStreamAsync(ProviderShapeFixtures.BookPrompt);
            var partials = await ProviderShapeFixtures.ReadMonotonicAsync(stream);

            handler.AssertAllUsed();
            ProviderShapeFixtures.AssertLordOfTheRings(stream.Result.Value);
            Assert.Equal(ProviderShapeFixtures.OllamaThink, stream.State.Reasoning.Trim());
            Assert.Equal(ProviderShapeFixtures.Document, stream.State.Content);
            Assert.All(partials, p => Assert.True(p.Title is null || "The Lord of the Rings".StartsWith(p.Title, StringComparison.Ordinal), $"title {p.Title}"));
            Assert.Equal(147, stream.Usage!.PromptTokens);
            Assert.Equal(96, stream.Usage.CompletionTokens);
            Assert.Equal(243, stream.Usage.TotalTokens);
        }

        [Fact]
        public async Task Ollama_think_tags_split_across_deltas_become_reasoning_updates_only()
        {
            var (client, handler) = ProviderShapeFixtures.Client("ollama-book-think.yaml", "http://localhost:11434/v1/", "deepseek-r1:8b", o => o.ApiKey = null);
            var stream = client.StreamAsync(new[] { ModelMessage.User(ProviderShapeFixtures.BookPrompt) }, new ChatRequestOptions { ResponseFormat = Book.StructuredOutput.ResponseFormat });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            handler.AssertAllUsed();
            string reasoning = string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text));
            string content = string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text));
            Assert.Equal(ProviderShapeFixtures.OllamaThink, reasoning.Trim());
            Assert.DoesNotContain("think>", reasoning, StringComparison.Ordinal);
            Assert.Equal(ProviderShapeFixtures.Document, content);
            Assert.DoesNotContain("think", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Okay", content, StringComparison.Ordinal);
            Assert.True(
                updates.FindLastIndex(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta) < updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ContentDelta),
                "reasoning after content");
            Assert.Equal(reasoning, stream.State.Reasoning);
            Assert.Equal(content, stream.State.Content);
        }

        [Fact]
        public async Task Ollama_think_tags_stay_in_the_content_when_routing_is_off()
        {
            var (client, handler) = ProviderShapeFixtures.Client("ollama-book-think.yaml", "http://localhost:11434/v1/", "deepseek-r1:8b", o =>
            {
                o.ApiKey = null;
                o.ThinkTagsAsReasoning = false;
            });
            var stream = client.StreamAsync(new[] { ModelMessage.User(ProviderShapeFixtures.BookPrompt) }, new ChatRequestOptions { ResponseFormat = Book.StructuredOutput.ResponseFormat });
            await foreach (var _ in stream) { }

            handler.AssertAllUsed();
            Assert.Equal("<think>\n" + ProviderShapeFixtures.OllamaThink + "\n</think>\n\n" + ProviderShapeFixtures.Document, stream.State.Content);
            Assert.Equal(string.Empty, stream.State.Reasoning);
        }

        [Fact]
        public async Task Groq_429_with_retry_after_is_retried_and_the_second_attempt_streams()
        {
            var (client, handler) = ProviderShapeFixtures.Client("groq-rate-limited.yaml", "https://api.groq.com/openai/v1/", "llama-3.3-70b-versatile", o =>
            {
                o.Defaults.IncludeUsage = false;
                o.MaxRetries = 1;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
            });
            var stream = client.StreamAsync(SayHi);
            var text = new StringBuilder();
            await foreach (var update in stream)
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) text.Append(update.Text);
            }

            handler.AssertAllUsed();
            Assert.Equal(2, stream.State.Attempts);
            Assert.Equal("Olá! Tudo bem?", text.ToString());
            Assert.Equal("stop", stream.State.FinishReason?.Value);
            Assert.Equal("req_01jvbt2a9yeq6n2z8r4d0s6pbm", stream.State.RequestId);
        }

        [Fact]
        public async Task Groq_429_without_retries_surfaces_the_rate_limit_error()
        {
            var (client, handler) = ProviderShapeFixtures.Client("groq-rate-limited.yaml", "https://api.groq.com/openai/v1/", "llama-3.3-70b-versatile", o =>
            {
                o.Defaults.IncludeUsage = false;
                o.MaxRetries = 0;
            });
            var ex = await Assert.ThrowsAsync<ChatApiException>(async () =>
            {
                await foreach (var _ in client.StreamTextAsync(SayHi)) { }
            });

            Assert.Equal(1, handler.RemainingInteractions);
            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
            Assert.Equal("tokens", ex.ErrorType);
            Assert.StartsWith("Rate limit reached for model `llama-3.3-70b-versatile`", ex.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.Zero, ex.RetryAfter);
            Assert.Equal("req_01jvbt2a9gf0t8m4c3x7w1h5kq", ex.RequestId);
            Assert.True(ex.IsTransient);
            Assert.Equal(1, ex.Attempts);
        }
    }

    /// <summary>Clients over the hand-written provider-shape fixtures, and the Book scenario's expected values.</summary>
    internal static class ProviderShapeFixtures
    {
        public const string BookPrompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

        public const string Document = "{\"title\":\"The Lord of the Rings\",\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",\"adventure\"],\"published_year\":1954}";

        public const string OllamaThink = "Okay, the user wants a JSON object about The Lord of the Rings. Tolkien was British; it came out in 1954.";

        /// <summary>The same document as DeepSeek writes it: indented two spaces, one member per line.</summary>
        public static readonly string PrettyDocument = string.Join("\n",
            "{",
            "  \"title\": \"The Lord of the Rings\",",
            "  \"author\": {",
            "    \"name\": \"J.R.R. Tolkien\",",
            "    \"nationality\": \"British\"",
            "  },",
            "  \"genres\": [",
            "    \"fantasy\",",
            "    \"adventure\"",
            "  ],",
            "  \"published_year\": 1954",
            "}");

        public static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "ProviderShapes", fixture);

        public static (ChatCompletionsClient Client, ReplayHandler Handler) Client(string fixture, string endpoint, string model, Action<ChatCompletionsClientOptions>? configure = null)
        {
            var handler = new ReplayHandler(PathOf(fixture), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            var options = new ChatCompletionsClientOptions { Endpoint = new Uri(endpoint), Model = model, ApiKey = "sk-test-not-a-real-key" };
            configure?.Invoke(options);
            return (new ChatCompletionsClient(options, new HttpClient(handler)), handler);
        }

        public static void AssertLordOfTheRings(Book book)
        {
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new Author("J.R.R. Tolkien", "British"), book.Author);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
        }

        /// <summary>Reads every partial, checking each is monotonic with the previous one and consistent with the last.</summary>
        public static async Task<List<BookPartial>> ReadMonotonicAsync(StructuredStream<Book, BookPartial> stream)
        {
            var (partials, observations) = await PartialObservation.CollectMonotonicAsync(stream);

            Assert.NotEmpty(partials);
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, observations[^1], "final");
            return partials;
        }
    }
}
