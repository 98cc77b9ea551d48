using System;
using Microsoft.Extensions.Logging;

namespace StructGen.Chat
{
    /// <summary>Settings every wire client shares: endpoint, key, model, defaults, retries, timeouts, limits, logging.</summary>
    /// <remarks>
    /// Settings are read when each request starts, so changing them affects later requests only.
    /// See <c>docs/errors.md</c> for the failures the transport settings produce.
    /// </remarks>
    public abstract class ModelClientOptions
    {
        private int _maxRetries = 2;
        private TimeSpan _retryBaseDelay = TimeSpan.FromMilliseconds(500);
        private TimeSpan _retryMaxDelay = TimeSpan.FromSeconds(8);
        private TimeSpan _maxRetryAfter = TimeSpan.FromSeconds(60);
        private TimeSpan? _timeout;
        private TimeSpan? _idleTimeout = TimeSpan.FromMinutes(5);
        private int _maxLineBytes = 64 * 1024 * 1024;
        private string? _apiKey;

        /// <summary>
        /// The API base URL, up to and including the version segment (<c>https://api.openai.com/v1/</c>,
        /// <c>http://localhost:11434/v1/</c>). Each client appends its protocol's path; a query string
        /// stays at the end (Azure OpenAI deployments).
        /// </summary>
        public Uri Endpoint { get; set; }

        /// <summary>Creates settings whose <see cref="Endpoint"/> starts as the protocol's public endpoint.</summary>
        /// <param name="defaultEndpoint">The endpoint used when none is given.</param>
        protected ModelClientOptions(Uri defaultEndpoint)
        {
            Endpoint = defaultEndpoint ?? throw new ArgumentNullException(nameof(defaultEndpoint));
        }

        /// <summary>
        /// The API key sent as <c>Authorization: Bearer …</c>; <see langword="null"/> for servers
        /// without authentication. Never included in exception messages, logs or cassettes: if a
        /// provider echoes it in an error body or a response header, it is replaced by <c>***</c>.
        /// </summary>
        /// <exception cref="ArgumentException">
        /// The key contains a control character (CR, LF, NUL…), which no HTTP header may carry: usually a
        /// key read from a file or an environment variable with its line end. The message never quotes the key.
        /// </exception>
        public string? ApiKey
        {
            get => _apiKey;
            set => _apiKey = ValidKey(value);
        }

        /// <summary>
        /// The default model id. Required unless a request sets one; an empty string sends no
        /// <c>model</c> member, for endpoints that pick the model themselves (Azure OpenAI deployment
        /// URLs, single-model local servers).
        /// </summary>
        public string? Model { get; set; }

        /// <summary>Default request settings; per-call <see cref="ChatRequestOptions"/> override them.</summary>
        public ChatRequestOptions Defaults { get; set; } = new ChatRequestOptions { IncludeUsage = true };

        /// <summary>
        /// How many times a request is retried (default 2, so at most 3 attempts) after HTTP 408, 409,
        /// 429 or 5xx, or after a connection failure or timeout before the response started.
        /// A response whose body started is never retried: the model had already produced output.
        /// 0 disables retries.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public int MaxRetries
        {
            get => _maxRetries;
            set => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries must be 0 or more.");
        }

        /// <summary>
        /// The first retry's backoff ceiling (default 500 ms). Retry <c>n</c> waits a random time
        /// between 0 and <c>min(RetryMaxDelay, RetryBaseDelay × 2^(n-1))</c> ("full jitter"), unless the
        /// server said how long to wait with <c>retry-after-ms</c> or <c>Retry-After</c>.
        /// </summary>
        public TimeSpan RetryBaseDelay
        {
            get => _retryBaseDelay;
            set => _retryBaseDelay = NonNegative(value, nameof(RetryBaseDelay));
        }

        /// <summary>The largest computed backoff (default 8 s). Does not cap a server's <c>Retry-After</c> (see <see cref="MaxRetryAfter"/>).</summary>
        public TimeSpan RetryMaxDelay
        {
            get => _retryMaxDelay;
            set => _retryMaxDelay = NonNegative(value, nameof(RetryMaxDelay));
        }

        /// <summary>
        /// The longest server-requested wait (<c>Retry-After</c> / <c>retry-after-ms</c>) the client
        /// honours (default 60 s). When a server asks for longer, the request is not retried and the
        /// <see cref="ChatApiException"/> reports the wait in <see cref="ChatApiException.RetryAfter"/>.
        /// </summary>
        public TimeSpan MaxRetryAfter
        {
            get => _maxRetryAfter;
            set => _maxRetryAfter = NonNegative(value, nameof(MaxRetryAfter));
        }

        /// <summary>
        /// The longest a whole request may take, retries, backoff and the entire streamed body
        /// included; <see langword="null"/> (the default) for no limit. When it expires the request
        /// fails with <see cref="ChatStreamException"/> (<see cref="ChatStreamFailure.Timeout"/>) carrying
        /// what had arrived.
        /// </summary>
        public TimeSpan? Timeout
        {
            get => _timeout;
            set => _timeout = value is { } v ? Positive(v, nameof(Timeout)) : null;
        }

        /// <summary>
        /// The longest the client waits for the server without receiving anything: for the response
        /// headers of each attempt, and between two reads of the streamed body (default 5 minutes,
        /// long enough for reasoning models that think before the first token; <see langword="null"/>
        /// for no limit). When it expires the request fails with <see cref="ChatStreamException"/>
        /// (<see cref="ChatStreamFailure.IdleTimeout"/>) carrying what had arrived. Time the consumer
        /// spends between two items does not count.
        /// </summary>
        public TimeSpan? IdleTimeout
        {
            get => _idleTimeout;
            set => _idleTimeout = value is { } v ? Positive(v, nameof(IdleTimeout)) : null;
        }

        /// <summary>
        /// The longest SSE line, in bytes, the client accepts (default 64 MiB); a longer one fails the
        /// stream with <see cref="ChatStreamFailure.InvalidChunk"/> (inner <see cref="Sse.SseFormatException"/>)
        /// instead of buffering without bound. Also caps a non-streamed JSON body.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or not below 2,147,483,591.</exception>
        public int MaxLineBytes
        {
            get => _maxLineBytes;
            set => _maxLineBytes = value >= 1 && value < 0x7FFFFFC7 - 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxLineBytes must be between 1 and 2,147,483,589.");
        }

        /// <summary>
        /// Where requests, retries and failures are logged (request start/end with status, duration,
        /// attempts and request id; retries with their delay). Message content is never logged, and
        /// neither is the API key. <see langword="null"/> (the default) logs nothing.
        /// </summary>
        public ILogger? Logger { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"Endpoint={Endpoint}, Model={Model}, ApiKey={(ApiKey is null ? "(none)" : "***")}";

        // Rejected here rather than when the request is sent, where HttpClient would throw a FormatException
        // (none of the documented failures) and header-injection characters would reach the wire code.
        private static string? ValidKey(string? key)
        {
            if (key is null) return null;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (c < ' ' || c == '\u007F')
                {
                    string what = c switch { '\r' => "a carriage return (CR)", '\n' => "a line feed (LF)", '\0' => "a NUL character", _ => "control character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) };
                    throw new ArgumentException(
                        "ApiKey contains " + what + " at position " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " of " +
                        key.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                        "; HTTP headers cannot carry it. Was the key read with its line end (trim it)?",
                        nameof(ApiKey));
                }
            }

            return key;
        }

        private static TimeSpan NonNegative(TimeSpan value, string name) =>
            value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, name + " must not be negative.");

        private static TimeSpan Positive(TimeSpan value, string name) =>
            value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue - 1
                ? value
                : throw new ArgumentOutOfRangeException(name, value, name + " must be positive and below 24 days (or null for no limit).");
    }
}
