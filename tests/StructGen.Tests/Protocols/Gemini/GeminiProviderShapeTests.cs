using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// Replays the hand-written Gemini fixtures in <c>ProviderShapes/gemini/</c> (Vertex AI and Gemini 3 shapes;
    /// see its README: they are not recordings) through the agent loop and the raw stream, asserting the quirk
    /// each one carries. The corpus test replays them too, against an independent reading.
    /// </summary>
    public class GeminiProviderShapeTests
    {
        private const string VertexEndpoint = "https://us-central1-aiplatform.googleapis.com/v1/projects/structgen-test/locations/us-central1/publishers/google/";
        private const string FirstCallSignature = "CrwCAdHtim9kQm8y3vZpXwLh1T6s0n4QJfR2cYx7eK5uVbA3gW8dN1oP6qS2rM9tE4jH7iU0yC5zB3xL8aF1kD6wG2vO9nR4pT7sQ0mJ5hY3eX1cW8bV6uA2zK4gN9fL7dM0oI3jP5qS1rT8eH6wC2yB4xU9vZ0kA7gF3nD5lE1mO8iQ6pR2sJ4tY9cX0bW7uV3aK1zG5hN8fL2dM6oI4jP0qS9rT3eH7wC1yB5xU8vZ2kA6gF4nD0lE9mO3iQ7pR1sJ5tY8cX2bW6uV4aK0zG=";

        [Fact]
        public async Task Vertex_thoughts_then_two_calls_in_one_chunk_go_back_without_ids_and_with_the_first_calls_signature()
        {
            var handler = new ReplayHandler(PathOf("vertex-thoughts-parallel-calls.yaml"), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            var headers = new HeaderRecorder(handler);
            var options = new GeminiClientOptions
            {
                Endpoint = new Uri(VertexEndpoint),
                Model = "gemini-2.5-flash",
                AccessTokenProvider = _ => new ValueTask<string?>("ya29.test-not-a-real-token"),
            };
            options.Defaults.AdditionalProperties = new Dictionary<string, string> { ["generationConfig"] = "{\"thinkingConfig\":{\"includeThoughts\":true}}" };
            using var client = new GeminiClient(options, new HttpClient(headers));
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(
                new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy and Rome,Italy?") },
                weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // Vertex rejects functionCall/functionResponse ids: the second request (held by the replay handler) has
            // none, and the signature stays on the first call's part only, as it came.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Bearer ya29.test-not-a-real-token", "Bearer ya29.test-not-a-real-token" }, headers.Authorizations);
            Assert.All(headers.ApiKeys, key => Assert.Null(key));
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal("Both Florence and Rome are at 40 °C.", run.Result.Text);

            // The thought summaries are reasoning, never content.
            string Reasoning(int step) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta && e.Step == step).Select(e => e.Text));
            Assert.Equal("**Checking both cities**\n\nThe user asks about Florence and Rome. I'll call the weather tool for each city.\n\n**Calling the tool**\n\nTwo calls, one per city, in parallel.", Reasoning(1));
            Assert.DoesNotContain("Checking", run.Result.Text, StringComparison.Ordinal);

            var calls = run.Result.Messages[2].ToolCalls;
            Assert.Equal(new[] { "weather", "weather" }, calls.Select(c => c.Name));
            Assert.Equal(new[] { "{\"location\": \"Florence, Italy\"}", "{\"location\": \"Rome, Italy\"}" }, calls.Select(c => c.Arguments)); // as sent, Google's spacing
            Assert.Equal(new[] { FirstCallSignature, null }, calls.Select(c => c.Signature));
            Assert.Equal(2, calls.Select(c => c.Id).Distinct().Count()); // synthesized: Vertex sends none

            // Early chunks carry usageMetadata with only trafficType; the last one's counts win (thoughts apart).
            var steps = events.Where(e => e.Kind == AgentEventKind.StepCompleted).ToList();
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, steps.Select(s => s.FinishReason!.Kind));
            var first = steps[0].Usage!;
            Assert.Equal((61, 30, 226, 135), (first.PromptTokens, first.CompletionTokens, first.TotalTokens, first.ReasoningTokens));
            Assert.Equal((319, 14, 333), (steps[1].Usage!.PromptTokens, steps[1].Usage!.CompletionTokens, steps[1].Usage!.TotalTokens));
        }

        [Fact]
        public async Task Gemini3_signature_in_a_last_empty_text_chunk_goes_back_on_the_text_of_the_next_turn()
        {
            var handler = new ReplayHandler(PathOf("gemini3-text-signature-last-chunk.yaml"), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            using var client = new GeminiClient(new GeminiClientOptions { Model = "gemini-3-pro-preview", ApiKey = "AIza-test-not-a-real-key" }, new HttpClient(handler));
            var hi = ModelMessage.User("Say hi in Portuguese");
            var first = client.StreamAsync(new[] { hi }, Thoughts(true));
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in first) updates.Add(update);

            const string Summary = "**Greeting in Portuguese**\n\nA short, friendly \"hi\" in Portuguese: \"Olá!\" works in Portugal and Brazil.";
            Assert.Equal("Olá! Tudo bem?", first.State.Content);
            Assert.Equal(Summary, first.State.Reasoning);
            Assert.Equal(new[] { "Olá!", " Tudo bem?" }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text)); // the empty text adds nothing

            // The signature came alone on an empty text part of the finishing chunk: it belongs to the turn's text.
            var block = Assert.Single(first.State.ReasoningBlocks);
            Assert.Equal(Summary, block.Text);
            Assert.Equal("EpYCCpMCAdHtim8Xk2LwQ7v1pZ0sN4cR9tY6uB3eJ8mA5fK2hD7gV1iO0nS4qT9rW6zC3xL8yE5jP2kF1bM7aU4dG0oH6vI3lN9sQ5wR2tX8cZ1eY4=", block.Signature);
            Assert.Equal(FinishKind.Stop, first.State.FinishReason!.Kind);
            Assert.Equal((9, 6, 96, 81), (first.State.Usage!.PromptTokens, first.State.Usage.CompletionTokens, first.State.Usage.TotalTokens, first.State.Usage.ReasoningTokens));

            // Next turn: the model content goes back as one text part with that signature (no thought part).
            var second = client.StreamAsync(new[] { hi, ModelMessage.Assistant(first.State.Content, null, first.State.ReasoningBlocks), ModelMessage.User("And in Italian?") }, Thoughts(false));
            await foreach (var _ in second) { }

            handler.AssertAllUsed();
            Assert.Equal("Ciao! Come stai?", second.State.Content);
            Assert.Equal(string.Empty, second.State.Reasoning);
            var signed = Assert.Single(second.State.ReasoningBlocks);
            Assert.Equal(string.Empty, signed.Text);
            Assert.Equal("EqUCCqICAdHtim9Yb3MxR8w2qA1tO5dS0uZ7vC4fK9nB6gL3iE2hJ8pD1mF4aT7rQ0yW5xN2kG9sU6cV3oH8eI1jP4bM7lR0wZ5tX2dY9qA6vC3f=", signed.Signature);
        }

        [Fact]
        public async Task Gemini3_call_signature_in_a_later_empty_text_chunk_goes_back_on_the_call()
        {
            var handler = new ReplayHandler(PathOf("gemini3-call-signature-in-a-later-chunk.yaml"), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            using var client = new GeminiClient(new GeminiClientOptions { Model = "gemini-3-flash-preview", ApiKey = "AIza-test-not-a-real-key" }, new HttpClient(handler));
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(
                new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("What's the weather in Florence,Italy?") },
                weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // Gemini 3 rejects a function-calling turn whose first call comes back without its signature: the second
            // request (held by the replay handler) carries the signature on the call, where the stream left it on an
            // empty text part of the next chunk.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);
            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal(("1", "weather"), (call.Id, call.Name));
            Assert.StartsWith("EvgBCvUBAdHtim8q", call.Signature, StringComparison.Ordinal);
            var completed = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallCompleted);
            Assert.Equal(call.Signature, completed.ToolCall!.Signature);
            Assert.Empty(run.Result.Messages[2].Reasoning); // the signature is the call's, not a reasoning block of the turn
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.FinishReason!.Kind));
        }

        private static ChatRequestOptions Thoughts(bool include) => new()
        {
            AdditionalProperties = new Dictionary<string, string> { ["generationConfig"] = "{\"thinkingConfig\":{\"includeThoughts\":" + (include ? "true" : "false") + "}}" },
        };

        internal static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "ProviderShapes", "gemini", fixture);

        /// <summary>Keeps the authentication headers of each request before the replay handler answers it.</summary>
        private sealed class HeaderRecorder : DelegatingHandler
        {
            public HeaderRecorder(HttpMessageHandler inner)
                : base(inner)
            {
            }

            public List<string?> Authorizations { get; } = new();

            public List<string?> ApiKeys { get; } = new();

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Authorizations.Add(request.Headers.Authorization?.ToString());
                ApiKeys.Add(request.Headers.TryGetValues("x-goog-api-key", out var values) ? string.Join(",", values) : null);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
