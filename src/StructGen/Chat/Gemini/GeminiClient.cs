using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for Google's Gemini <c>models/{model}:streamGenerateContent?alt=sse</c> and
    /// <c>:generateContent</c> (Google AI, or Vertex AI with the endpoint and a token provider set).
    /// </summary>
    public sealed class GeminiClient : ModelClient
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private int _toolCallIds;

        /// <summary>Creates a client; without <paramref name="httpClient"/> it owns one.</summary>
        public GeminiClient(GeminiClientOptions options, HttpClient? httpClient = null)
            : base(options)
        {
            Options = options;
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        }

        /// <summary>The client's settings.</summary>
        public new GeminiClientOptions Options { get; }

        /// <inheritdoc />
        protected override IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken)
        {
            var body = GeminiRequestWriter.Write(request.Messages, request.Options, Options.ToolSchemaFormat, Options.WritesToolCallIds);
            var uri = UriFor(request.Options.Model, request.Stream);

            // Only a token provider needs an await before the request: without one, no iterator of our own
            // sits between the transport and the caller (one hop less per update).
            return Options.AccessTokenProvider is { } provider
                ? SendWithTokenAsync(provider, uri, body, state, cancellationToken)
                : Source(uri, body, state, token: null).ReadAsync(cancellationToken);
        }

        private async IAsyncEnumerable<ChatStreamUpdate> SendWithTokenAsync(Func<CancellationToken, ValueTask<string?>> provider, Uri uri, byte[] body, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? token = await provider(cancellationToken).ConfigureAwait(false);
            await foreach (var update in Source(uri, body, state, token).ReadAsync(cancellationToken).ConfigureAwait(false)) yield return update;
        }

        private HttpEventSource Source(Uri uri, byte[] body, ChatStreamState state, string? token) =>
            new HttpEventSource(new ChatTransport(_http, Options, uri, Authorize(Options.ApiKey, token)), body, state, new GeminiEventDecoder(state, Options, NextToolCallId));

        private string NextToolCallId() =>
            Options.ToolCallIdFactory?.Invoke() ?? Interlocked.Increment(ref _toolCallIds).ToString(CultureInfo.InvariantCulture);

        private Uri UriFor(string? model, bool stream)
        {
            if (string.IsNullOrEmpty(model)) throw new InvalidOperationException("No model is set: set GeminiClientOptions.Model or ChatRequestOptions.Model (e.g. \"gemini-2.5-flash\").");
            if (model!.StartsWith("models/", StringComparison.Ordinal)) model = model.Substring("models/".Length);
            var uri = ChatTransport.AppendPath(Options.Endpoint, "models/" + Uri.EscapeDataString(model) + (stream ? ":streamGenerateContent" : ":generateContent"));
            return stream ? new UriBuilder(uri) { Query = "alt=sse" }.Uri : uri;
        }

        private static Action<HttpRequestMessage> Authorize(string? apiKey, string? token) => request =>
        {
            if (apiKey is { Length: > 0 }) request.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
            if (token is { Length: > 0 }) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        };

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHttp) _http.Dispose();
        }
    }
}
