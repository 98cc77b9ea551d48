using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Support
{
    /// <summary>Answers every request with 200 and an event stream read from the body the test gives (a new one per request if it likes).</summary>
    internal sealed class StreamBodyHandler : HttpMessageHandler
    {
        private readonly Func<Stream> _body;

        public StreamBodyHandler(Stream body)
            : this(() => body)
        {
        }

        public StreamBodyHandler(Func<Stream> body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(_body());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
