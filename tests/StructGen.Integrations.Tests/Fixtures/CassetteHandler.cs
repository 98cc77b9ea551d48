using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;

namespace StructGen.Integrations.Tests.Fixtures
{
    /// <summary>
    /// Answers every request with one fixed body (by default the SSE response of a recorded cassette)
    /// and keeps the request bodies, so tests can check what the SDK sent.
    /// </summary>
    public sealed class CassetteHandler : HttpMessageHandler
    {
        private readonly string _body;
        private readonly string _mediaType;

        public CassetteHandler(string body, string mediaType)
        {
            _body = body;
            _mediaType = mediaType;
        }

        public static string CassettePath(string relative) => Path.Combine(AppContext.BaseDirectory, "cassettes", relative);

        /// <summary>Serves the response body of the cassette's first interaction as <c>text/event-stream</c>.</summary>
        public static CassetteHandler FromCassette(string relative)
        {
            var cassette = CassetteLoader.Load(CassettePath(relative));
            return new CassetteHandler(cassette.Interactions[0].Response.Body, "text/event-stream");
        }

        public List<string> RequestBodies { get; } = new List<string>();

        public List<Uri?> RequestUris { get; } = new List<Uri?>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestUris.Add(request.RequestUri);
            RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(_body, Encoding.UTF8, _mediaType),
                RequestMessage = request,
            };
        }
    }
}
