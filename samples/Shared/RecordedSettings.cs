using System;
using System.Text.Json;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Samples
{
    /// <summary>
    /// Another provider's recording of a sample's request differs only in endpoint, model and
    /// token-limit member: take them from its first request so the replayed body matches.
    /// Linked into the samples that take <c>--cassette</c>.
    /// </summary>
    internal static class RecordedSettings
    {
        public static void Apply(string cassettePath, ChatCompletionsClientOptions options)
        {
            var request = CassetteLoader.Load(cassettePath).Interactions[0].Request;
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            if (root.TryGetProperty("model", out var model)) options.Model = model.GetString();
            options.Defaults.MaxCompletionTokens = root.TryGetProperty("max_completion_tokens", out var mct) ? mct.GetInt32() : null;
            options.Defaults.MaxTokens = root.TryGetProperty("max_tokens", out var mt) ? mt.GetInt32() : null;
            options.Defaults.IncludeUsage = root.TryGetProperty("stream_options", out _) ? true : null;
            options.Endpoint = new Uri(request.Url.Substring(0, request.Url.LastIndexOf("chat/completions", StringComparison.Ordinal)));
        }
    }
}
