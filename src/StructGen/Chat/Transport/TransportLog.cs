using System;
using Microsoft.Extensions.Logging;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// The client's log messages (precompiled with <see cref="LoggerMessage.Define(LogLevel, EventId, string)"/>,
    /// no reflection). None carries message content or the API key: only status, timing, attempts,
    /// request ids, finish reasons and token counts.
    /// </summary>
    internal static class TransportLog
    {
        private static readonly Action<ILogger, string, int, int, Exception?> s_requestStarting =
            LoggerMessage.Define<string, int, int>(
                LogLevel.Debug,
                new EventId(1, "ChatRequestStarting"),
                "Sending chat-completions request to {Endpoint} (attempt {Attempt}, {BodyBytes} bytes)");

        private static readonly Action<ILogger, int, long, int, string?, Exception?> s_responseReceived =
            LoggerMessage.Define<int, long, int, string?>(
                LogLevel.Debug,
                new EventId(2, "ChatResponseReceived"),
                "Chat-completions response headers: HTTP {StatusCode} after {ElapsedMs} ms (attempt {Attempt}, request id {RequestId})");

        private static readonly Action<ILogger, string, long, int, int, string?, Exception?> s_retrying =
            LoggerMessage.Define<string, long, int, int, string?>(
                LogLevel.Warning,
                new EventId(3, "ChatRequestRetrying"),
                "Chat-completions request failed ({Reason}); retrying in {DelayMs} ms (attempt {NextAttempt} of {MaxAttempts}, request id {RequestId})");

        private static readonly Action<ILogger, int, string?, long, int, string?, int?, Exception?> s_completed =
            LoggerMessage.Define<int, string?, long, int, string?, int?>(
                LogLevel.Information,
                new EventId(4, "ChatRequestCompleted"),
                "Chat completion finished: HTTP {StatusCode}, finish reason {FinishReason}, {ElapsedMs} ms, {Attempts} attempt(s), request id {RequestId}, {CompletionTokens} completion tokens");

        private static readonly Action<ILogger, string, long, int, string?, Exception?> s_failed =
            LoggerMessage.Define<string, long, int, string?>(
                LogLevel.Warning,
                new EventId(5, "ChatRequestFailed"),
                "Chat-completions request failed ({Failure}) after {ElapsedMs} ms and {Attempts} attempt(s), request id {RequestId}");

        private static readonly Action<ILogger, long, string?, Exception?> s_cancelled =
            LoggerMessage.Define<long, string?>(
                LogLevel.Information,
                new EventId(6, "ChatRequestCancelled"),
                "Chat-completions request cancelled by the caller after {ElapsedMs} ms, request id {RequestId}");

        private static readonly Action<ILogger, long, int, string?, Exception?> s_abandoned =
            LoggerMessage.Define<long, int, string?>(
                LogLevel.Debug,
                new EventId(7, "ChatStreamAbandoned"),
                "Chat stream closed by the consumer before its end after {ElapsedMs} ms ({EventCount} events), request id {RequestId}; the response was disposed");

        private static readonly Action<ILogger, string, Exception?> s_endedAfterFinish =
            LoggerMessage.Define<string>(
                LogLevel.Debug,
                new EventId(8, "ChatStreamEndedAfterFinish"),
                "Chat stream ended by {Reason} after the finish reason arrived; treated as a normal end");

        private static readonly Action<ILogger, string, int, Exception?> s_ignoredEvent =
            LoggerMessage.Define<string, int>(
                LogLevel.Debug,
                new EventId(9, "ChatStreamEventIgnored"),
                "Ignored an SSE event of type {EventType} whose data is not JSON ({DataBytes} bytes)");

        public static void RequestStarting(ILogger? logger, Uri endpoint, int attempt, int bodyBytes)
        {
            if (logger is not null) s_requestStarting(logger, SafeEndpoint(endpoint), attempt, bodyBytes, null);
        }

        public static void ResponseReceived(ILogger? logger, int statusCode, long elapsedMs, int attempt, string? requestId)
        {
            if (logger is not null) s_responseReceived(logger, statusCode, elapsedMs, attempt, requestId, null);
        }

        public static void Retrying(ILogger? logger, string reason, TimeSpan delay, int nextAttempt, int maxAttempts, string? requestId, Exception? exception)
        {
            if (logger is not null) s_retrying(logger, reason, (long)delay.TotalMilliseconds, nextAttempt, maxAttempts, requestId, exception);
        }

        public static void Completed(ILogger? logger, int statusCode, string? finishReason, long elapsedMs, int attempts, string? requestId, int? completionTokens)
        {
            if (logger is not null) s_completed(logger, statusCode, finishReason, elapsedMs, attempts, requestId, completionTokens, null);
        }

        public static void Failed(ILogger? logger, string failure, long elapsedMs, int attempts, string? requestId, Exception exception)
        {
            if (logger is not null) s_failed(logger, failure, elapsedMs, attempts, requestId, exception);
        }

        public static void Cancelled(ILogger? logger, long elapsedMs, string? requestId)
        {
            if (logger is not null) s_cancelled(logger, elapsedMs, requestId, null);
        }

        public static void Abandoned(ILogger? logger, long elapsedMs, int eventCount, string? requestId)
        {
            if (logger is not null) s_abandoned(logger, elapsedMs, eventCount, requestId, null);
        }

        public static void EndedAfterFinish(ILogger? logger, string reason)
        {
            if (logger is not null) s_endedAfterFinish(logger, reason, null);
        }

        public static void IgnoredEvent(ILogger? logger, string eventType, int dataBytes)
        {
            if (logger is not null) s_ignoredEvent(logger, eventType, dataBytes, null);
        }

        /// <summary>The endpoint without user info or query string, where credentials sometimes hide.</summary>
        internal static string SafeEndpoint(Uri endpoint) =>
            endpoint.IsAbsoluteUri ? endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(relative)";
    }
}
