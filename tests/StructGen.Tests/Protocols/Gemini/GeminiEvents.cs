using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>Builds Gemini SSE bodies (one GenerateContentResponse per event, CRLF separators as recorded).</summary>
    internal static class GeminiEvents
    {
        public static JsonObject Text(string text, bool thought = false, string? signature = null)
        {
            var part = new JsonObject { ["text"] = text };
            if (thought) part["thought"] = true;
            if (signature is not null) part["thoughtSignature"] = signature;
            return part;
        }

        public static JsonObject Call(string name, string argsJson, string? signature = null, string? id = null)
        {
            var call = new JsonObject { ["name"] = name, ["args"] = JsonNode.Parse(argsJson) };
            if (id is not null) call["id"] = id;
            var part = new JsonObject { ["functionCall"] = call };
            if (signature is not null) part["thoughtSignature"] = signature;
            return part;
        }

        public static string Event(IEnumerable<JsonObject>? parts, string? finish = null, (int Prompt, int Candidates, int Total)? usage = null)
        {
            var candidate = new JsonObject { ["index"] = 0 };
            if (parts is not null) candidate["content"] = new JsonObject { ["parts"] = new JsonArray(parts.Select(p => (JsonNode)p).ToArray()), ["role"] = "model" };
            if (finish is not null) candidate["finishReason"] = finish;
            var response = new JsonObject { ["candidates"] = new JsonArray(candidate), ["modelVersion"] = "gemini-2.5-flash", ["responseId"] = "resp-1" };
            if (usage is { } u) response["usageMetadata"] = new JsonObject { ["promptTokenCount"] = u.Prompt, ["candidatesTokenCount"] = u.Candidates, ["totalTokenCount"] = u.Total };
            return Data(response.ToJsonString());
        }

        public static string Data(string json) => "data: " + json + "\r\n\r\n";
    }

    /// <summary>Serves queued responses (status, body, content type) and keeps every request.</summary>
    internal sealed class QueuedHandler : HttpMessageHandler
    {
        private readonly Queue<(HttpStatusCode Status, string Body, string ContentType)> _responses = new();

        public QueuedHandler Add(string sseBody) => Add(HttpStatusCode.OK, sseBody, "text/event-stream");

        public QueuedHandler Add(HttpStatusCode status, string body, string contentType = "application/json")
        {
            _responses.Enqueue((status, body, contentType));
            return this;
        }

        public List<HttpRequestMessage> Requests { get; } = new();

        public List<string> Bodies { get; } = new();

        public List<JsonNode> JsonBodies => Bodies.Select(b => JsonNode.Parse(b)!).ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            var (status, body, type) = _responses.Dequeue();
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, type) };
            if (status == (HttpStatusCode)429) response.Headers.TryAddWithoutValidation("Retry-After", "0");
            return response;
        }
    }
}
