using System;
using System.Net;

namespace StructGen.Chat
{
    /// <summary>
    /// The provider answered with an HTTP error. Carries the status and the provider's parsed error
    /// body (type, code, message) and the request id. Never contains the API key.
    /// </summary>
    public class ChatApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ChatApiException(HttpStatusCode statusCode, string? errorType, string? errorCode, string? errorMessage, string? requestId, string? rawBody, int attempts = 1)
            : base(Describe(statusCode, errorType, errorCode, errorMessage, requestId, attempts))
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

        /// <summary>The provider's error code (e.g. <c>invalid_api_key</c>).</summary>
        public string? ErrorCode { get; }

        /// <summary>The provider's error message.</summary>
        public string? ErrorMessage { get; }

        /// <summary>The <c>x-request-id</c> header, for support requests.</summary>
        public string? RequestId { get; }

        /// <summary>The response body (truncated to 8 KB) when it could not be parsed.</summary>
        public string? RawBody { get; }

        /// <summary>How many attempts were made, including retries.</summary>
        public int Attempts { get; }

        private static string Describe(HttpStatusCode status, string? type, string? code, string? message, string? requestId, int attempts)
        {
            var text = $"The chat-completions request failed with HTTP {(int)status} ({status})";
            if (type is not null || code is not null) text += $" [{type}{(type is not null && code is not null ? "/" : string.Empty)}{code}]";
            text += message is null ? "." : ": " + message;
            if (requestId is not null) text += $" Request id: {requestId}.";
            if (attempts > 1) text += $" Gave up after {attempts} attempts.";
            return text;
        }
    }
}
