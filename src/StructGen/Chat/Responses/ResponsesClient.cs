using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for the OpenAI Responses API (OpenAI, Azure OpenAI): <c>POST {Endpoint}/responses</c>,
    /// streamed or not, with the same typed partials, tools and agent loop as every other protocol.
    /// </summary>
    public sealed class ResponsesClient : ModelClient
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ChatTransport _transport;

        /// <summary>Creates a client.</summary>
        /// <param name="options">Endpoint, key, model and defaults.</param>
        /// <param name="httpClient">The HTTP client to use (not disposed by this client); a new one when <see langword="null"/>.</param>
        public ResponsesClient(ResponsesClientOptions options, HttpClient? httpClient = null)
            : base(options)
        {
            Options = options;
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            _transport = new ChatTransport(_http, options, ChatTransport.AppendPath(options.Endpoint, "responses"), ChatTransport.BearerAuth(options, () => options.ApiKeyHeader));
        }

        /// <summary>The client's settings.</summary>
        public new ResponsesClientOptions Options { get; }

        /// <inheritdoc />
        protected override IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken)
        {
            var body = ResponsesRequestWriter.Write(request.Messages, request.Options, request.Stream, Options);
            return new HttpEventSource(_transport, body, state, new ResponsesEventDecoder(state, Options)).ReadAsync(cancellationToken);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHttp) _http.Dispose();
        }
    }
}
