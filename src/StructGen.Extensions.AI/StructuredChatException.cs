using System;
using Microsoft.Extensions.AI;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// The chat client finished without a usable structured value: the model hit the token limit or a
    /// content filter stopped it. Invalid JSON or a schema mismatch is reported as
    /// <see cref="StructuredOutputException"/> instead.
    /// </summary>
    public sealed class StructuredChatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What happened and what to do.</param>
        /// <param name="finishReason">The reported finish reason.</param>
        /// <param name="text">The text received before the stop.</param>
        /// <param name="partialValue">The last partial (streams only), or <see langword="null"/>.</param>
        public StructuredChatException(string message, ChatFinishReason? finishReason, string text, object? partialValue = null)
            : base(message)
        {
            FinishReason = finishReason;
            Text = text ?? string.Empty;
            PartialValue = partialValue;
        }

        /// <summary>The finish reason the client reported.</summary>
        public ChatFinishReason? FinishReason { get; }

        /// <summary>The text received before the model stopped.</summary>
        public string Text { get; }

        /// <summary>The last typed partial published before the stop (streams only).</summary>
        public object? PartialValue { get; }

        internal static void ThrowIfUnusable(ChatFinishReason? finishReason, string text, object? partialValue)
        {
            if (finishReason == ChatFinishReason.Length)
            {
                throw new StructuredChatException(
                    "The model hit the token limit (finish reason: length) before finishing the structured output; raise ChatOptions.MaxOutputTokens. The partial value is in PartialValue.",
                    finishReason, text, partialValue);
            }

            if (finishReason == ChatFinishReason.ContentFilter)
            {
                throw new StructuredChatException(
                    "The provider's content filter stopped the output (finish reason: content_filter). The partial value is in PartialValue.",
                    finishReason, text, partialValue);
            }
        }
    }
}
