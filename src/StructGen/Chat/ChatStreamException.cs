using System;

namespace StructGen.Chat
{
    /// <summary>Why a streamed request failed (see <c>docs/errors.md</c>).</summary>
    public enum ChatStreamFailure
    {
        /// <summary>The provider sent an error object inside the stream (<c>{"error":{…}}</c>).</summary>
        ProviderError,
        /// <summary>
        /// The stream ended before a finish reason arrived: the connection dropped (the inner exception
        /// says how) or the server closed the stream early.
        /// </summary>
        Truncated,
        /// <summary>The output was cut by the token limit (<c>finish_reason: length</c>); raised for structured output only.</summary>
        Length,
        /// <summary>The provider's content filter stopped the output (<c>finish_reason: content_filter</c>); raised for structured output only.</summary>
        ContentFilter,
        /// <summary>The model refused (a <c>refusal</c> was streamed instead of content); raised for structured output only.</summary>
        Refusal,
        /// <summary>An event's data was not a chat-completion chunk (not JSON), or an SSE line exceeded <see cref="ModelClientOptions.MaxLineBytes"/>.</summary>
        InvalidChunk,
        /// <summary>Nothing arrived within <see cref="ModelClientOptions.IdleTimeout"/>.</summary>
        IdleTimeout,
        /// <summary>The whole request exceeded <see cref="ModelClientOptions.Timeout"/> (or the <c>HttpClient.Timeout</c> of a supplied client).</summary>
        Timeout,
        /// <summary>
        /// The request could not be sent or no response arrived: connection refused or reset before the
        /// response headers, DNS or TLS failure. Retried like 5xx before this is raised.
        /// </summary>
        ConnectionFailed,
    }

    /// <summary>
    /// A streamed request failed at the transport or stream level. <see cref="State"/> keeps
    /// everything that had arrived (text, reasoning, tool calls, usage, finish reason, request id).
    /// A failure after the response started is never retried automatically: the model had already
    /// produced output (<see cref="ResponseStarted"/>).
    /// </summary>
    public class ChatStreamException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ChatStreamException(ChatStreamFailure failure, string message, ChatStreamState state, Exception? inner = null)
            : base(message, inner)
        {
            Attempts = System.Math.Max(1, state?.Attempts ?? 1);
            Failure = failure;
            State = state ?? throw new ArgumentNullException(nameof(state));
        }

        /// <summary>What went wrong.</summary>
        public ChatStreamFailure Failure { get; }

        /// <summary>What had arrived before the failure.</summary>
        public ChatStreamState State { get; }

        /// <summary>The content received before the failure.</summary>
        public string PartialContent => State.Content;

        /// <summary>The request id (<c>x-request-id</c> response header), when a response arrived.</summary>
        public string? RequestId => State.RequestId;

        /// <summary>The usage, when the provider reported it before the failure.</summary>
        public ChatUsage? Usage => State.Usage;

        /// <summary>The finish reason, when one arrived before the failure.</summary>
        public FinishReason? FinishReason => State.FinishReason;

        /// <summary>The provider's error code, for <see cref="ChatStreamFailure.ProviderError"/>.</summary>
        public string? ErrorCode { get; init; }

        /// <summary>The provider's error type, for <see cref="ChatStreamFailure.ProviderError"/>.</summary>
        public string? ErrorType { get; init; }

        /// <summary>The provider's error message, for <see cref="ChatStreamFailure.ProviderError"/>.</summary>
        public string? ErrorMessage { get; init; }

        /// <summary>How many HTTP attempts were made (retries before the response started included).</summary>
        public int Attempts { get; init; }

        /// <summary>
        /// <see langword="true"/> when the failure happened after the response headers arrived, so the
        /// request was not retried; <see langword="false"/> for failures before any response
        /// (<see cref="ChatStreamFailure.ConnectionFailed"/>, or a timeout while waiting for headers).
        /// </summary>
        public bool ResponseStarted { get; init; } = true;

        /// <summary>The partial structured value (a generated partial type) at the time of failure, when streaming structured output.</summary>
        public object? PartialValue { get; internal set; }
    }
}
