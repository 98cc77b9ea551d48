using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Anthropic;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for Anthropic Messages: <c>POST {Endpoint}/messages</c>, streamed or not (or Claude on Vertex AI's
    /// <c>:streamRawPredict</c>/<c>:rawPredict</c>, or Claude on Amazon Bedrock's <c>invoke-with-response-stream</c>/<c>invoke</c>, see <see cref="AnthropicClientOptions"/>). Structured
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
            _transport = new ChatTransport(_http, options, ChatTransport.AppendPath(options.Endpoint, "messages"), request => Authorize(request, token: null));
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
            var platform = Options.Platform;
            var body = MessagesRequestWriter.Write(request.Messages, request.Options, request.Stream, Options, platform);

            // The Messages API has one URL per client; Vertex AI and Bedrock put the model and the streaming choice in the URL.
            bool stream = request.Stream && request.Options.Stream != false;
            var uri = platform switch
            {
                AnthropicPlatform.VertexAI => VertexUri(request.Options.Model!, stream),
                AnthropicPlatform.Bedrock => BedrockUri(request.Options.Model!, stream),
                _ => null,
            };

            // Only a token provider needs an await before the request: without one, no iterator of our own
            // sits between the transport and the caller (one hop less per update).
            return Options.AccessTokenProvider is { } provider
                ? SendWithTokenAsync(provider, uri, body, state, cancellationToken)
                : Source(uri is null ? _transport : Transport(uri, token: null), body, state).ReadAsync(cancellationToken);
        }

        private async IAsyncEnumerable<ChatStreamUpdate> SendWithTokenAsync(Func<CancellationToken, ValueTask<string?>> provider, Uri? uri, byte[] body, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? token = await provider(cancellationToken).ConfigureAwait(false);
            var transport = Transport(uri ?? ChatTransport.AppendPath(Options.Endpoint, "messages"), token);
            await foreach (var update in Source(transport, body, state).ReadAsync(cancellationToken).ConfigureAwait(false)) yield return update;
        }

        private HttpEventSource Source(ChatTransport transport, byte[] body, ChatStreamState state) =>
            new HttpEventSource(transport, body, state, new MessagesEventDecoder(state, Options));

        private ChatTransport Transport(Uri uri, string? token) => new ChatTransport(_http, Options, uri, request => Authorize(request, token));

        private Uri VertexUri(string model, bool stream)
        {
            if (model.Length == 0) throw new InvalidOperationException("No model is set: Claude on Vertex AI takes the model in the URL; set AnthropicClientOptions.Model or ChatRequestOptions.Model (e.g. \"claude-sonnet-4@20250514\").");
            return ChatTransport.AppendPath(Options.Endpoint, "models/" + ModelSegment(model) + (stream ? ":streamRawPredict" : ":rawPredict"));
        }

        private Uri BedrockUri(string model, bool stream)
        {
            if (model.Length == 0) throw new InvalidOperationException("No model is set: Claude on Amazon Bedrock takes the model in the URL; set AnthropicClientOptions.Model or ChatRequestOptions.Model (a model id such as \"anthropic.claude-3-haiku-20240307-v1:0\", an inference profile such as \"us.anthropic.claude-3-haiku-20240307-v1:0\", or an ARN).");

            // Model ids hold ':' and ARNs '/', both escaped into one path segment as Bedrock expects.
            return ChatTransport.AppendPath(Options.Endpoint, "model/" + Uri.EscapeDataString(model) + (stream ? "/invoke-with-response-stream" : "/invoke"));
        }

        // Vertex model ids carry a version after '@' (claude-3-7-sonnet@20250219), which a path segment may hold as is.
        private static string ModelSegment(string model)
        {
            foreach (char c in model)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '@')) return Uri.EscapeDataString(model);
            }

            return model;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHttp) _http.Dispose();
        }

        private void Authorize(HttpRequestMessage request, string? token)
        {
            switch (Options.Platform)
            {
                case AnthropicPlatform.Messages:
                    if (Options.ApiKey is { Length: > 0 } key) request.Headers.TryAddWithoutValidation("x-api-key", key);
                    if (Options.ApiVersion is { Length: > 0 } version) request.Headers.TryAddWithoutValidation("anthropic-version", version);
                    AddBeta(request);
                    break;
                case AnthropicPlatform.VertexAI:
                    // A Google access token; the version is in the body.
                    token ??= Options.ApiKey;
                    AddBeta(request);
                    break;
                case AnthropicPlatform.Bedrock:
                    // An API key as a bearer (or a SigV4 signature added by the caller's handler); the version and the betas
                    // are in the body. Bedrock negotiates JSON (its event stream for invoke-with-response-stream), not
                    // text/event-stream: what Anthropic's own SDKs send it for both.
                    token ??= Options.ApiKey;
                    request.Headers.Remove("Accept");
                    request.Headers.TryAddWithoutValidation("Accept", "application/json");
                    break;
            }

            if (token is { Length: > 0 }) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        private void AddBeta(HttpRequestMessage request)
        {
            if (Options.Beta is { Length: > 0 } beta) request.Headers.TryAddWithoutValidation("anthropic-beta", beta);
        }
    }
}
