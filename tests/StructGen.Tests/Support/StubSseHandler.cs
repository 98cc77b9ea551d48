using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Support
{
    /// <summary>Answers every request with a fixed SSE body and keeps the request bodies it saw.</summary>
    public sealed class StubSseHandler : HttpMessageHandler
    {
        private readonly string _body;

        public StubSseHandler(string body) => _body = body;

        public List<string> RequestBodies { get; } = new List<string>();

        /// <summary>Builds an SSE body from chunk JSON objects, ending with <c>[DONE]</c>.</summary>
        public static string Events(IEnumerable<string> chunks)
        {
            var sb = new StringBuilder();
            foreach (var chunk in chunks) sb.Append("data: ").Append(chunk).Append("\n\n");
            return sb.Append("data: [DONE]\n\n").ToString();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(_body, Encoding.UTF8, "text/event-stream"),
            };
        }
    }
}
