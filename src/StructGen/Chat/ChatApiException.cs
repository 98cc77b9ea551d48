using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace StructGen.Chat
{
    /// <summary>
    /// The provider answered with an HTTP error status (4xx/5xx) before any output. Carries the status,
    /// the provider's parsed error body (type, code, message, param), the request id and how many
    /// attempts were made. Never contains the API key (an echoed key is replaced by <c>***</c>).
    /// </summary>
    /// <remarks>
    /// Statuses 408, 409, 429 and 5xx are retried automatically (see
    /// <see cref="ModelClientOptions.MaxRetries"/>); this exception means the retries were
    /// used up (<see cref="Attempts"/>), the status is not retryable, or the server asked to wait
    /// longer than <see cref="ModelClientOptions.MaxRetryAfter"/> (<see cref="RetryAfter"/>).
    /// </remarks>
    public class ChatApiException : Exception
    {
        private const int MaxBodyExcerptChars = 300;

        /// <summary>Creates the exception.</summary>
        public ChatApiException(HttpStatusCode statusCode, string? errorType, string? errorCode, string? errorMessage, string? requestId, string? rawBody, int attempts = 1)
            : base(string.Empty)
        {
            StatusCode = statusCode;
            ErrorType = errorType;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
            RequestId = requestId;
            RawBody = rawBody;
            Attempts = attempts;
        }

        /// <summary>The HTTP status code.</summary>
        public HttpStatusCode StatusCode { get; }

        /// <summary>The provider's error type (e.g. <c>invalid_request_error</c>).</summary>
        public string? ErrorType { get; }

        /// <summary>The provider's error code (e.g. <c>invalid_api_key</c>); numeric codes as their digits.</summary>
        public string? ErrorCode { get; }

        /// <summary>The provider's error message.</summary>
        public string? ErrorMessage { get; }

        /// <summary>The request parameter the provider blamed (<c>error.param</c>), when given.</summary>
        public string? ErrorParam { get; init; }

        /// <summary>The request id (<c>x-request-id</c> header), for support requests.</summary>
        public string? RequestId { get; }

        /// <summary>The response body as received (at most 64 KB read, 8 K characters kept), with any echoed API key masked.</summary>
        public string? RawBody { get; }

        /// <summary>How many attempts were made, including retries.</summary>
        public int Attempts { get; }

        /// <summary>The wait the server asked for (<c>retry-after-ms</c> or <c>Retry-After</c>), when it sent one.</summary>
        public TimeSpan? RetryAfter { get; init; }

        /// <summary>
        /// <see langword="true"/> when the status is one the client retries (408, 409, 429, 5xx, unless the
        /// server said <c>x-should-retry: false</c>): trying again later may succeed.
        /// </summary>
        public bool IsTransient { get; init; }

        /// <inheritdoc />
        public override string Message
        {
            get
            {
                var text = new StringBuilder();
                text.Append("The chat-completions request failed with HTTP ")
                    .Append(((int)StatusCode).ToString(CultureInfo.InvariantCulture))
                    .Append(" (").Append(StatusCode).Append(')');
                if (ErrorType is not null || ErrorCode is not null)
                {
                    text.Append(" [").Append(ErrorType);
                    if (ErrorType is not null && ErrorCode is not null) text.Append('/');
                    text.Append(ErrorCode).Append(']');
                }

                if (ErrorMessage is not null)
                {
                    text.Append(": ").Append(ErrorMessage);
                }
                else if (!string.IsNullOrWhiteSpace(RawBody))
                {
                    var body = RawBody!.Trim();
                    text.Append(". Response body: ").Append(body.Length > MaxBodyExcerptChars ? body.Substring(0, MaxBodyExcerptChars) + "…" : body);
                }
                else
                {
                    text.Append('.');
                }

                if (text[text.Length - 1] != '.') text.Append('.');
                if (ErrorParam is not null) text.Append(" Parameter: ").Append(ErrorParam).Append('.');
                if (RequestId is not null) text.Append(" Request id: ").Append(RequestId).Append('.');
                if (Attempts > 1) text.Append(" Gave up after ").Append(Attempts.ToString(CultureInfo.InvariantCulture)).Append(" attempts.");
                if (RetryAfter is { } wait && IsTransient)
                {
                    text.Append(" The server asked to retry after ").Append(FormatWait(wait)).Append('.');
                }

                return text.ToString();
            }
        }

        private static string FormatWait(TimeSpan wait) =>
            wait.TotalSeconds >= 1
                ? wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
                : wait.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
    }
}
