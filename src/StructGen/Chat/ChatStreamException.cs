using System;

namespace StructGen.Chat
{
    /// <summary>Why a stream failed after the response started.</summary>
    public enum ChatStreamFailure
    {
        /// <summary>The provider sent an error object inside the stream.</summary>
        ProviderError,
        /// <summary>The stream ended without a finish reason (connection dropped or server stopped).</summary>
        Truncated,
        /// <summary>The output was cut by the token limit (<c>finish_reason: length</c>).</summary>
        Length,
        /// <summary>The provider's content filter stopped the output (<c>finish_reason: content_filter</c>).</summary>
        ContentFilter,
        /// <summary>The model refused (a <c>refusal</c> was streamed instead of content).</summary>
        Refusal,
        /// <summary>A chunk was not valid JSON or not a chat-completion chunk.</summary>
        InvalidChunk,
        /// <summary>No chunk arrived within the idle timeout.</summary>
        IdleTimeout,
        /// <summary>The whole request exceeded its overall timeout.</summary>
        Timeout,
    }

    /// <summary>
    /// A stream failed after the response started. <see cref="State"/> keeps everything that had
    /// arrived (text, tool calls, usage, finish reason, request id). Never retried automatically:
    /// the model had already produced output.
    /// </summary>
    public class ChatStreamException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ChatStreamException(ChatStreamFailure failure, string message, ChatStreamState state, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            State = state;
        }

        /// <summary>What went wrong.</summary>
        public ChatStreamFailure Failure { get; }

        /// <summary>What had arrived before the failure.</summary>
        public ChatStreamState State { get; }

        /// <summary>The content received before the failure.</summary>
        public string PartialContent => State.Content;

        /// <summary>The provider's error code, for <see cref="ChatStreamFailure.ProviderError"/>.</summary>
        public string? ErrorCode { get; init; }

        /// <summary>The provider's error type, for <see cref="ChatStreamFailure.ProviderError"/>.</summary>
        public string? ErrorType { get; init; }

        /// <summary>The partial structured value (a generated partial type) at the time of failure, when streaming structured output.</summary>
        public object? PartialValue { get; internal set; }
    }
}
