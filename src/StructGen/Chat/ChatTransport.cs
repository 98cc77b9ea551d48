using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>
    /// Sends one chat-completions request and returns the response once its headers arrived. Turns
    /// HTTP errors into <see cref="ChatApiException"/> with the provider's error body parsed.
    /// </summary>
    internal sealed class ChatTransport
    {
        private const int MaxErrorBodyChars = 8 * 1024;
        private readonly HttpClient _http;
        private readonly ChatCompletionsClientOptions _options;
        private readonly Uri _chatCompletionsUri;

        public ChatTransport(HttpClient http, ChatCompletionsClientOptions options)
        {
            _http = http;
            _options = options;
            var endpoint = options.Endpoint.ToString();
            _chatCompletionsUri = new Uri(endpoint.EndsWith("/", StringComparison.Ordinal) ? endpoint + "chat/completions" : endpoint + "/chat/completions");
        }

        public async Task<HttpResponseMessage> SendAsync(byte[] body, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _chatCompletionsUri);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (_options.ApiKey is { Length: > 0 } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                throw await CreateApiExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        internal static string? RequestIdOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var values) ? string.Join(",", values) : null;

        private static async Task<ChatApiException> CreateApiExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            string body;
            try
            {
#if NET
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
            }
            catch (HttpRequestException)
            {
                body = string.Empty;
            }

            string? type = null, code = null, message = null;
            try
            {
                var envelope = JsonSerializer.Deserialize(body, ChunkJsonContext.Default.ErrorEnvelopeDto);
                if (envelope?.Error is { } error)
                {
                    type = error.Type;
                    message = error.Message;
                    code = error.Code.ValueKind switch
                    {
                        JsonValueKind.String => error.Code.GetString(),
                        JsonValueKind.Number => error.Code.GetRawText(),
                        _ => null,
                    };
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): keep the raw body below.
            }

            var raw = body.Length > MaxErrorBodyChars ? body.Substring(0, MaxErrorBodyChars) : body;
            return new ChatApiException(response.StatusCode, type, code, message, RequestIdOf(response), raw);
        }
    }
}
