using System;
using System.IO;
using System.Net.Http;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>Builds clients that replay a recorded cassette instead of calling the network.</summary>
    internal static class Cassettes
    {
        public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "cassettes", relative);

        public static (ChatCompletionsClient Client, ReplayHandler Handler) Client(string cassette, string model, Action<ChatRequestOptions>? defaults = null, ChunkingMode? chunking = null)
        {
            var handler = new ReplayHandler(PathOf(cassette), new CassetteReplayOptions { Chunking = chunking ?? ChunkingMode.EventBoundaries });
            var options = new ChatCompletionsClientOptions { Model = model, ApiKey = "sk-test-not-a-real-key" };
            defaults?.Invoke(options.Defaults);
            return (new ChatCompletionsClient(options, new HttpClient(handler)), handler);
        }
    }
}
