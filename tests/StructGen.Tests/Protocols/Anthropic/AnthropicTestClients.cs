using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>Anthropic clients over a replayed cassette or over constructed SSE bodies.</summary>
    internal static class AnthropicTestClients
    {
        public const string Model = "claude-sonnet-4-20250514";
        public const string Folder = "anthropic-claude-sonnet-4/";

        public static string PathOf(string cassette) => Path.Combine(AppContext.BaseDirectory, "cassettes", Folder + cassette);

        public static (AnthropicClient Client, ReplayHandler Handler) Replay(string cassette, ChunkingMode? chunking = null, int? maxTokens = 4000)
        {
            var handler = new ReplayHandler(PathOf(cassette), new CassetteReplayOptions { Chunking = chunking ?? ChunkingMode.EventBoundaries });
            var options = new AnthropicClientOptions { Model = Model, ApiKey = "sk-ant-test-not-a-real-key" };
            options.Defaults.MaxTokens = maxTokens;
            return (new AnthropicClient(options, new HttpClient(handler)), handler);
        }

        public static AnthropicClient Over(HttpMessageHandler handler, Action<AnthropicClientOptions>? configure = null)
        {
            var options = new AnthropicClientOptions { Model = Model, ApiKey = "sk-ant-test-not-a-real-key" };
            configure?.Invoke(options);
            return new AnthropicClient(options, new HttpClient(handler));
        }

        /// <summary>An SSE body of named events: each pair is (event name, data JSON).</summary>
        public static string Events(params (string Event, string Data)[] events)
        {
            var text = new StringBuilder();
            foreach (var (name, data) in events) text.Append("event: ").Append(name).Append("\ndata: ").Append(data).Append("\n\n");
            return text.ToString();
        }

        public static (string, string) MessageStart(string id = "msg_1", int input = 10, int output = 1) =>
            ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + Model + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":" + output + "}}}");

        public static (string, string) BlockStart(int index, string block) =>
            ("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}");

        public static (string, string) Delta(int index, string delta) =>
            ("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");

        public static (string, string) TextDelta(int index, string text) => Delta(index, "{\"type\":\"text_delta\",\"text\":" + Json(text) + "}");

        public static (string, string) JsonDelta(int index, string partial) => Delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + Json(partial) + "}");

        public static (string, string) BlockStop(int index) => ("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");

        public static (string, string) MessageDelta(string stopReason, int output) =>
            ("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + output + "}}");

        public static (string, string) MessageStop() => ("message_stop", "{\"type\":\"message_stop\"}");

        public static string Json(string text) => "\"" + System.Text.Json.JsonEncodedText.Encode(text).ToString() + "\"";
    }

    /// <summary>Answers successive requests with successive (status, body) pairs and keeps the request bodies and headers.</summary>
    internal sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<(HttpStatusCode Status, byte[] Body, string MediaType)> _answers = new();

        public ScriptedHandler Then(string sse) => Then(HttpStatusCode.OK, sse, "text/event-stream");

        public ScriptedHandler Then(HttpStatusCode status, string body, string mediaType = "application/json") => Then(status, Encoding.UTF8.GetBytes(body), mediaType);

        public ScriptedHandler Then(HttpStatusCode status, byte[] body, string mediaType)
        {
            _answers.Enqueue((status, body, mediaType));
            return this;
        }

        public List<string> RequestBodies { get; } = new();

        public List<HttpRequestMessage> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            Requests.Add(request);
            var (status, body, mediaType) = _answers.Dequeue();
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("json", StringComparison.Ordinal) ? "utf-8" : null };
            return new HttpResponseMessage(status) { Content = content };
        }
    }
}
