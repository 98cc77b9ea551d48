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

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>Responses clients over a recorded cassette or over scripted HTTP answers.</summary>
    internal static class ResponsesTestClients
    {
        public const string Folder = "openai-responses-o4-mini/";
        public const string Key = "sk-test-not-a-real-key";

        public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "cassettes", Folder + name);

        public static (ResponsesClient Client, ReplayHandler Handler) Replay(string name, Action<ChatRequestOptions>? defaults = null, ChunkingMode? chunking = null)
        {
            var handler = new ReplayHandler(PathOf(name), new CassetteReplayOptions { Chunking = chunking ?? ChunkingMode.EventBoundaries });
            var options = new ResponsesClientOptions { Model = "o4-mini", ApiKey = Key };
            defaults?.Invoke(options.Defaults);
            return (new ResponsesClient(options, new HttpClient(handler)), handler);
        }

        public static (ResponsesClient Client, ScriptedHandler Handler) Scripted(params HttpResponseMessage[] answers) => Scripted(null, answers);

        public static (ResponsesClient Client, ScriptedHandler Handler) Scripted(Action<ResponsesClientOptions>? configure, params HttpResponseMessage[] answers)
        {
            var handler = new ScriptedHandler(answers);
            var options = new ResponsesClientOptions { Model = "o4-mini", ApiKey = Key, RetryBaseDelay = TimeSpan.Zero };
            configure?.Invoke(options);
            return (new ResponsesClient(options, new HttpClient(handler)), handler);
        }

        /// <summary>An SSE answer: each JSON event as <c>event: {type}</c> + <c>data:</c>, as OpenAI frames them.</summary>
        public static HttpResponseMessage SseAnswer(params string[] events)
        {
            var body = new StringBuilder();
            foreach (var e in events)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(e);
                body.Append("event: ").Append(doc.RootElement.GetProperty("type").GetString()).Append('\n').Append("data: ").Append(e).Append("\n\n");
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToString(), Encoding.UTF8, "text/event-stream") };
        }

        public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        public static string Created(string id = "resp_1") =>
            "{\"type\":\"response.created\",\"response\":{\"id\":\"" + id + "\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"o4-mini-2025-04-16\",\"output\":[],\"usage\":null},\"sequence_number\":0}";

        public static string TextDelta(string delta, int outputIndex = 0, string itemId = "msg_1") =>
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"" + itemId + "\",\"output_index\":" + outputIndex + ",\"content_index\":0,\"delta\":" + System.Text.Json.JsonSerializer.Serialize(delta, JsonStrings.Default.String) + "}";

        public static string Usage(int input, int output, int reasoning = 0) =>
            "{\"input_tokens\":" + input + ",\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":" + output + ",\"output_tokens_details\":{\"reasoning_tokens\":" + reasoning + "},\"total_tokens\":" + (input + output) + "}";

        public static string Completed(string usage, string status = "completed", string extra = "") =>
            "{\"type\":\"response." + status + "\",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"" + status + "\",\"model\":\"o4-mini-2025-04-16\"" + extra + ",\"output\":[],\"usage\":" + usage + "}}";
    }

    [System.Text.Json.Serialization.JsonSerializable(typeof(string))]
    internal sealed partial class JsonStrings : System.Text.Json.Serialization.JsonSerializerContext
    {
    }

    /// <summary>Answers requests in order with scripted responses and keeps each request body.</summary>
    internal sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _answers;

        public ScriptedHandler(IEnumerable<HttpResponseMessage> answers) => _answers = new Queue<HttpResponseMessage>(answers);

        public List<string> Bodies { get; } = new List<string>();

        public List<Uri?> Uris { get; } = new List<Uri?>();

        public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            Uris.Add(request.RequestUri);
            Requests.Add(request);
            if (_answers.Count == 0) throw new InvalidOperationException("No scripted answer left for request " + Bodies.Count + ".");
            return _answers.Dequeue();
        }
    }
}
