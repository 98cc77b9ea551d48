using System;
using System.Net.Http;
using System.Text.Json;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Samples
{
    /// <summary>
    /// A client for whatever protocol a recording speaks (chat completions, the Responses API,
    /// Anthropic Messages, Gemini), set up as the recording's first request was: endpoint, model,
    /// token limit and streaming are read from it, so the replayed body matches. The sample's code
    /// after this is the same for every protocol. Linked into the samples that take <c>--cassette</c>.
    /// </summary>
    internal static class RecordedClient
    {
        public static ModelClient Create(string cassettePath, HttpMessageHandler replay)
        {
            var request = CassetteLoader.Load(cassettePath).Interactions[0].Request;
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            var url = new Uri(request.Url);
            var http = new HttpClient(replay);
            string path = url.AbsolutePath;
            bool streamed = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

            if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                var options = new ChatCompletionsClientOptions { Endpoint = Before(url, "chat/completions"), Model = String(root, "model") ?? string.Empty };
                options.Defaults.MaxCompletionTokens = Int(root, "max_completion_tokens");
                options.Defaults.MaxTokens = Int(root, "max_tokens");
                options.Defaults.IncludeUsage = root.TryGetProperty("stream_options", out _) ? true : null;
                options.Defaults.Stream = streamed ? null : false;
                return new ChatCompletionsClient(options, http);
            }

            if (path.EndsWith("/responses", StringComparison.Ordinal))
            {
                var options = new ResponsesClientOptions { Endpoint = Before(url, "responses"), Model = String(root, "model") };
                options.Defaults.MaxTokens = Int(root, "max_output_tokens");
                options.Defaults.Stream = streamed ? null : false;
                return new ResponsesClient(options, http);
            }

            if (path.EndsWith("/messages", StringComparison.Ordinal))
            {
                var options = new AnthropicClientOptions { Endpoint = Before(url, "messages"), Model = String(root, "model") };
                options.Defaults.MaxTokens = Int(root, "max_tokens");
                options.Defaults.Stream = streamed ? null : false;
                return new AnthropicClient(options, http);
            }

            // Gemini: …/models/{model}:streamGenerateContent or :generateContent (Google AI and Vertex AI).
            int models = path.IndexOf("/models/", StringComparison.Ordinal);
            int colon = path.LastIndexOf(':');
            if (models >= 0 && colon > models)
            {
                var options = new GeminiClientOptions
                {
                    Endpoint = new Uri(url.GetLeftPart(UriPartial.Authority) + path.Substring(0, models + 1)),
                    Model = path.Substring(models + "/models/".Length, colon - models - "/models/".Length),
                };
                if (root.TryGetProperty("generationConfig", out var config)) options.Defaults.MaxTokens = Int(config, "maxOutputTokens");
                options.Defaults.Stream = path.EndsWith(":streamGenerateContent", StringComparison.Ordinal) ? null : false;
                return new GeminiClient(options, http);
            }

            throw new NotSupportedException(
                $"{cassettePath}: {request.Url} is none of the protocols StructGen speaks (chat completions, the Responses API, Anthropic Messages, Gemini).");
        }

        // The endpoint is the URL up to the protocol's own path; a query string (Azure's api-version) stays.
        private static Uri Before(Uri url, string suffix)
        {
            var path = url.GetLeftPart(UriPartial.Path);
            return new Uri(path.Substring(0, path.Length - suffix.Length) + url.Query);
        }

        private static string? String(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int? Int(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
    }
}
