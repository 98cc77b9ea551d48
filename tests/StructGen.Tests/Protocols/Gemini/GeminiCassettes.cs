using System;
using System.IO;
using System.Net.Http;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>Gemini clients that replay a recorded cassette, or serve constructed responses.</summary>
    internal static class GeminiCassettes
    {
        public const string Folder = "google-gemini-2.5-flash/";

        public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "cassettes", relative);

        public static (GeminiClient Client, ReplayHandler Handler) Client(string cassette, Action<ChatRequestOptions>? defaults = null, ChunkingMode? chunking = null)
        {
            var handler = new ReplayHandler(PathOf(Folder + cassette), new CassetteReplayOptions { Chunking = chunking ?? ChunkingMode.EventBoundaries });
            var options = new GeminiClientOptions { Model = "gemini-2.5-flash", ApiKey = "AIza-test-not-a-real-key" };
            defaults?.Invoke(options.Defaults);
            return (new GeminiClient(options, new HttpClient(handler)), handler);
        }

        public static GeminiClient Fake(HttpMessageHandler handler, Action<GeminiClientOptions>? configure = null)
        {
            var options = new GeminiClientOptions { Model = "gemini-2.5-flash", ApiKey = "AIza-test-not-a-real-key", RetryBaseDelay = TimeSpan.Zero };
            configure?.Invoke(options);
            return new GeminiClient(options, new HttpClient(handler));
        }
    }
}
