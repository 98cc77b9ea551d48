using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using StructGen.Chat.Anthropic;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for Anthropic Messages: <c>POST {Endpoint}/messages</c>, streamed or not. Structured
    /// output uses a forced tool by default (every Claude model supports it); set
    /// <see cref="ChatRequestOptions.StructuredOutputMode"/> to <see cref="StructuredOutputMode.ResponseFormat"/>
    /// for native JSON output (<c>output_config.format</c>) on models that have it.
    /// </summary>
    public sealed class AnthropicClient : ModelClient
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ChatTransport _transport;

        /// <summary>Creates a client.</summary>
        /// <param name="options">Endpoint, key, model and defaults.</param>
        /// <param name="httpClient">The HTTP client to use (not disposed by this client); a new one when <see langword="null"/>.</param>
        public AnthropicClient(AnthropicClientOptions options, HttpClient? httpClient = null)
            : base(options)
        {
            Options = options;
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            _transport = new ChatTransport(_http, options, ChatTransport.AppendPath(options.Endpoint, "messages"), Authorize);
        }

        /// <summary>The client's settings.</summary>
        public new AnthropicClientOptions Options { get; }

        /// <inheritdoc />
        protected override StructuredOutputMode DefaultStructuredOutputMode => StructuredOutputMode.ForcedToolCall;

        /// <inheritdoc />
        protected override bool StrictForcedTool => false;

        /// <inheritdoc />
        protected override IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken)
        {
            var body = MessagesRequestWriter.Write(request.Messages, request.Options, request.Stream, Options.DefaultMaxTokens);
            return new HttpEventSource(_transport, body, state, new MessagesEventDecoder(state, Options)).ReadAsync(cancellationToken);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHttp) _http.Dispose();
        }

        private void Authorize(HttpRequestMessage request)
        {
            if (Options.ApiKey is { Length: > 0 } key) request.Headers.TryAddWithoutValidation("x-api-key", key);
            if (Options.ApiVersion is { Length: > 0 } version) request.Headers.TryAddWithoutValidation("anthropic-version", version);
            if (Options.Beta is { Length: > 0 } beta) request.Headers.TryAddWithoutValidation("anthropic-beta", beta);
        }
    }
}
