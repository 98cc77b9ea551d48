using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StructGen.Chat.Transport;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// Sends one chat-completions request and returns the response once its headers arrived.
    /// Retries 408/409/429/5xx and failures before the response (connection refused or reset, header
    /// timeouts) with exponential backoff and full jitter, honouring <c>retry-after-ms</c> and
    /// <c>Retry-After</c>; turns the final HTTP error into <see cref="ChatApiException"/> with the
    /// provider's error body parsed. Never retries once a response body is being read.
    /// </summary>
    internal sealed class ChatTransport
    {
        internal const int MaxErrorBodyBytes = 64 * 1024;
        private const int MaxErrorBodyChars = 8 * 1024;
        private static readonly string[] RequestIdHeaders = { "x-request-id", "request-id", "apim-request-id", "x-ms-request-id" };

        private readonly HttpClient _http;
        private readonly ModelClientOptions _options;
        private readonly Uri _chatCompletionsUri;
        private readonly Action<HttpRequestMessage> _authorize;

        /// <param name="http">The HTTP client.</param>
        /// <param name="options">Retries, timeouts, key (for redaction) and logging.</param>
        /// <param name="uri">Where requests go.</param>
        /// <param name="authorize">Adds the protocol's authentication and version headers to each request.</param>
        public ChatTransport(HttpClient http, ModelClientOptions options, Uri uri, Action<HttpRequestMessage> authorize)
        {
            _authorize = authorize;
            _http = http;
            _options = options;
            _chatCompletionsUri = uri;
        }

        public ModelClientOptions Options => _options;

        /// <summary>
        /// <c>{Endpoint}/chat/completions</c>, keeping the endpoint's query string (Azure's
        /// <c>?api-version=…</c>) after the path.
        /// </summary>
        /// <summary><paramref name="endpoint"/> with <paramref name="path"/> appended to its path (its query string kept at the end).</summary>
        internal static Uri AppendPath(Uri endpoint, string path)
        {
            if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
            if (!endpoint.IsAbsoluteUri) throw new ArgumentException("The client's Endpoint must be an absolute URL such as https://api.openai.com/v1/.", nameof(endpoint));
            var builder = new UriBuilder(endpoint) { Fragment = string.Empty };
            builder.Path = builder.Path.EndsWith("/", StringComparison.Ordinal) ? builder.Path + path : builder.Path + "/" + path;
            return builder.Uri;
        }

        /// <summary>
        /// The key as <c>Authorization: Bearer …</c>, or in the header <paramref name="header"/> names;
        /// both read when each request is made, as the options promise.
        /// </summary>
        internal static Action<HttpRequestMessage> BearerAuth(ModelClientOptions options, Func<string?> header)
        {
            var bearer = new BearerValue();
            return request =>
            {
                if (options.ApiKey is not { Length: > 0 } key) return;
                if (header() is { Length: > 0 } name) request.Headers.TryAddWithoutValidation(name, key);

                // As text, the same bytes as the typed AuthenticationHeaderValue: the handler keeps the request for the life
                // of the response, and the typed value costs two objects (64 B) per open stream. The key was validated
                // when set (no control characters).
                else request.Headers.TryAddWithoutValidation("Authorization", bearer.For(key));
            };
        }

        /// <summary>"Bearer " and the key, made once per key rather than per request.</summary>
        private sealed class BearerValue
        {
            // Read and replaced whole (one reference), so requests on several threads always see a key with its own value.
            private Pair? _last;

            public string For(string key)
            {
                var last = System.Threading.Volatile.Read(ref _last);
                if (last is not null && string.Equals(last.Key, key, StringComparison.Ordinal)) return last.Value;
                var made = new Pair(key, "Bearer " + key);
                System.Threading.Volatile.Write(ref _last, made);
                return made.Value;
            }

            private sealed class Pair
            {
                public Pair(string key, string value)
                {
                    Key = key;
                    Value = value;
                }

                public string Key { get; }

                public string Value { get; }
            }
        }


        public ILogger? Logger => _options.Logger;

        /// <summary>
        /// Sends <paramref name="body"/> (re-sent as is on each attempt) and returns the successful
        /// response with the number of attempts it took.
        /// </summary>
        /// <exception cref="ChatApiException">The final answer was an HTTP error.</exception>
        /// <exception cref="ChatStreamException">No response (connection failure or timeout) after the retries.</exception>
        /// <exception cref="OperationCanceledException">The caller cancelled, possibly during a backoff delay.</exception>
        public async Task<(HttpResponseMessage Response, int Attempts)> SendAsync(byte[] body, RequestScope scope, ChatStreamState state)
        {
            int maxAttempts = _options.MaxRetries + 1;
            var logger = Logger;
            for (int attempt = 1; ; attempt++)
            {
                if (scope.Token.IsCancellationRequested) throw Cancelled(scope, null, state, attempt - 1, null);

                TimeSpan delay;
                string reason;
                Exception? failure;
                using (var idle = scope.CreateIdleTimer())
                {
                    HttpResponseMessage response;
                    TransportLog.RequestStarting(logger, _chatCompletionsUri, attempt, body.Length);
                    long startedAt = scope.ElapsedMilliseconds;
                    try
                    {
                        using var request = CreateRequest(body, out var content);
                        idle.Arm();
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);

                        // The handler holds the request until the body is read to the end; a success is never sent again. The
                        // request lets go of its content too (with it the content's headers, ~200 B an open stream kept); a
                        // send still under way holds its own reference.
                        if (response.IsSuccessStatusCode)
                        {
                            request.Content = null;
                            content.Release();
                            content.Dispose();
                        }
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
                    {
                        var error = FailureBeforeResponse(ex, scope, idle, state, attempt);
                        if (error is not ChatStreamException streamError || scope.TimedOut || attempt >= maxAttempts) throw error;
                        delay = Backoff(attempt);
                        reason = DescribeFailure(streamError.Failure);
                        failure = ex;
                        TransportLog.Retrying(logger, reason, delay, attempt + 1, maxAttempts, null, failure);
                        await DelayAsync(delay, scope, state, attempt, ex).ConfigureAwait(false);
                        continue;
                    }
                    finally
                    {
                        idle.Disarm();
                    }

                    var requestId = RequestIdOf(response);
                    TransportLog.ResponseReceived(logger, (int)response.StatusCode, scope.ElapsedMilliseconds - startedAt, attempt, requestId);
                    if (response.IsSuccessStatusCode) return (response, attempt);

                    ChatApiException apiError;
                    using (response)
                    {
                        apiError = await CreateApiExceptionAsync(response, idle, attempt).ConfigureAwait(false);
                    }

                    if (scope.CallerCancelled) throw scope.CallerCancellation(apiError);
                    if (!apiError.IsTransient || attempt >= maxAttempts) throw apiError;
                    if (apiError.RetryAfter is { } wait)
                    {
                        if (wait > _options.MaxRetryAfter) throw apiError;
                        delay = wait;
                    }
                    else
                    {
                        delay = Backoff(attempt);
                    }

                    reason = "HTTP " + ((int)apiError.StatusCode).ToString(CultureInfo.InvariantCulture);
                    TransportLog.Retrying(logger, reason, delay, attempt + 1, maxAttempts, apiError.RequestId, null);
                    failure = apiError;
                }

                await DelayAsync(delay, scope, state, attempt, failure).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The request id header (<c>x-request-id</c>, <c>request-id</c>…), with the API key masked: a
        /// misbehaving proxy may echo the credentials in any header.
        /// </summary>
        internal string? RequestIdOf(HttpResponseMessage response)
        {
            foreach (var name in RequestIdHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values)) return FromResponse(string.Join(",", values));
            }

            return null;
        }

        /// <summary>
        /// A text value taken from a response (a header, a content type) with every occurrence of the API
        /// key replaced by <c>***</c>. Every such value passes here before it reaches an exception, the
        /// stream's state or a log line, for every protocol.
        /// </summary>
        internal string? FromResponse(string? value) => Secrets.Mask(value, _options.ApiKey);

        /// <summary>Whether an HTTP status is worth retrying: 408, 409, 429, 5xx, overridden by <c>x-should-retry</c>.</summary>
        internal static bool IsRetryable(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues("x-should-retry", out var values))
            {
                foreach (var value in values)
                {
                    if (string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
                    if (string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return false;
                }
            }

            int status = (int)response.StatusCode;
            return status == 408 || status == 409 || status == 429 || status >= 500;
        }

        /// <summary>
        /// The wait a response asks for: <c>retry-after-ms</c> (milliseconds), else <c>Retry-After</c> as
        /// seconds (fractions allowed) or an HTTP date. <see langword="null"/> when absent or unreadable.
        /// </summary>
        internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
        {
            if (response.Headers.TryGetValues("retry-after-ms", out var msValues))
            {
                foreach (var value in msValues)
                {
                    if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && !double.IsInfinity(ms))
                    {
                        return TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue));
                    }
                }
            }

            if (response.Headers.TryGetValues("Retry-After", out var values))
            {
                foreach (var value in values)
                {
                    if (ParseRetryAfter(value, now) is { } wait) return wait;
                }
            }

            return null;
        }

        internal static TimeSpan? ParseRetryAfter(string value, DateTimeOffset now)
        {
            var text = value.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds >= 0 && !double.IsInfinity(seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0)) : null;
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>Full jitter: a random wait in [0, min(max, base × 2^(attempt-1))].</summary>
        internal TimeSpan Backoff(int attempt)
        {
            double baseMs = _options.RetryBaseDelay.TotalMilliseconds;
            double capMs = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, baseMs * Math.Pow(2, Math.Min(attempt - 1, 30)));
            return TimeSpan.FromMilliseconds(Jitter.NextDouble() * capMs);
        }

        private HttpRequestMessage CreateRequest(byte[] body, out RequestBodyContent content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _chatCompletionsUri);
#if NET
            // As HttpClient's own helpers do: a client configured for HTTP/2 (DefaultRequestVersion, DefaultVersionPolicy)
            // gets it here too. A new HttpRequestMessage would otherwise always ask for HTTP/1.1.
            request.Version = _http.DefaultRequestVersion;
            request.VersionPolicy = _http.DefaultVersionPolicy;
#endif
            request.Content = content = new RequestBodyContent(body);
            // Constant values added as text: the handler keeps the request for the life of the response, and parsed
            // header objects would cost every open stream ~160 B more.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            _authorize(request);

            return request;
        }

        private Exception FailureBeforeResponse(Exception ex, RequestScope scope, RequestScope.IdleTimer idle, ChatStreamState state, int attempt)
        {
            if (scope.CallerCancelled) return scope.CallerCancellation(ex);
            if (scope.TimedOut) return Cancelled(scope, ex, state, attempt, null);

            ChatStreamFailure failure;
            string message;
            if (idle.Expired)
            {
                failure = ChatStreamFailure.IdleTimeout;
                message = "No response headers arrived within " + _options.GetType().Name + ".IdleTimeout (" + Format(scope.IdleTimeout) + ").";
            }
            else if (ex is OperationCanceledException)
            {
                failure = ChatStreamFailure.Timeout;
                message = "The HttpClient's own Timeout expired before the response headers arrived.";
            }
            else
            {
                failure = ChatStreamFailure.ConnectionFailed;
                message = "Could not get a response from " + TransportLog.SafeEndpoint(_chatCompletionsUri) + ": " + Secrets.Mask(ex.Message, _options.ApiKey);
                if (!message.EndsWith(".", StringComparison.Ordinal)) message += ".";
            }

            message += " Gave up after " + attempt.ToString(CultureInfo.InvariantCulture) + " attempt(s); nothing had arrived.";
            return new ChatStreamException(failure, message, state, ex) { Attempts = attempt, ResponseStarted = false };
        }

        internal static string Format(TimeSpan? value) =>
            value is not { } span ? "none"
            : span.TotalSeconds >= 1 ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

        private async Task DelayAsync(TimeSpan delay, RequestScope scope, ChatStreamState state, int attempts, Exception? lastFailure)
        {
            if (delay <= TimeSpan.Zero)
            {
                if (scope.Token.IsCancellationRequested) throw Cancelled(scope, lastFailure, state, attempts, "during a retry backoff");
                return;
            }

            try
            {
                await Task.Delay(delay, scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw Cancelled(scope, lastFailure, state, attempts, "during a retry backoff");
            }
        }

        private static string DescribeFailure(ChatStreamFailure failure) => failure switch
        {
            ChatStreamFailure.IdleTimeout => "no response headers within the idle timeout",
            ChatStreamFailure.Timeout => "HttpClient timeout",
            _ => "connection failure",
        };

        private async Task<ChatApiException> CreateApiExceptionAsync(HttpResponseMessage response, RequestScope.IdleTimer idle, int attempt)
        {
            string body = await ReadErrorBodyAsync(response, idle).ConfigureAwait(false);
            var key = _options.ApiKey;
            body = Secrets.Mask(body, key)!;
            var error = ProviderError.TryParse(body)?.Redact(key);
            var raw = body.Length > MaxErrorBodyChars ? body.Substring(0, MaxErrorBodyChars) : body;
            return new ChatApiException(response.StatusCode, error?.Type, error?.Code, error?.Message, RequestIdOf(response), raw, attempt)
            {
                ErrorParam = error?.Param,
                RetryAfter = RetryAfterOf(response, DateTimeOffset.UtcNow),
                IsTransient = IsRetryable(response) && !IsOutOfQuota(error),
            };
        }

        // A 429 that says the account is out of credit or quota will say so again on every retry:
        // failing at once tells the caller the truth sooner (OpenAI "insufficient_quota", billing limits).
        private static bool IsOutOfQuota(ProviderError? error) =>
            error is not null && (IsQuotaWord(error.Code) || IsQuotaWord(error.Type));

        private static bool IsQuotaWord(string? value) =>
            value is "insufficient_quota" or "billing_hard_limit_reached" or "billing_not_active" or "quota_exceeded";

        /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of an error body; a failed or stalled read keeps what arrived.</summary>
        private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, RequestScope.IdleTimer idle)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            int length = 0;
            try
            {
#if NET
                using var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
#else
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                while (length < buffer.Length)
                {
                    idle.Arm();
                    int read = await stream.ReadAsync(buffer, length, buffer.Length - length, idle.Token).ConfigureAwait(false);
                    idle.Disarm();
                    if (read == 0) break;
                    length += read;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                // Keep what arrived; the status code alone still says what happened.
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        private Exception Cancelled(RequestScope scope, Exception? inner, ChatStreamState state, int attempts, string? when)
        {
            if (scope.CallerCancelled || !scope.TimedOut) return scope.CallerCancellation(inner);
            return new ChatStreamException(
                ChatStreamFailure.Timeout,
                "The request exceeded " + _options.GetType().Name + ".Timeout" + (when is null ? string.Empty : " " + when) +
                " before a response arrived (" + attempts.ToString(CultureInfo.InvariantCulture) + " attempt(s)).",
                state,
                inner)
            {
                Attempts = Math.Max(attempts, 1),
                ResponseStarted = false,
            };
        }

        private static class Jitter
        {
#if NET
            public static double NextDouble() => Random.Shared.NextDouble();
#else
            private static readonly Random Shared = new Random();

            public static double NextDouble()
            {
                lock (Shared) return Shared.NextDouble();
            }
#endif
        }
    }
}
