using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Support
{
    /// <summary>Answers successive requests with successive SSE bodies (an agent loop's steps) and keeps the request bodies.</summary>
    public sealed class SequenceSseHandler : HttpMessageHandler
    {
        private readonly Queue<string> _bodies;

        public SequenceSseHandler(params string[] bodies) => _bodies = new Queue<string>(bodies);

        public List<string> RequestBodies { get; } = new List<string>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_bodies.Dequeue(), Encoding.UTF8, "text/event-stream") };
        }
    }
}
