using System;
using OpenAI.Chat;

namespace StructGen.OpenAI
{
    /// <summary>
    /// The completion ended without a usable structured value: the model refused, hit the token limit,
    /// or a content filter stopped it. Invalid JSON or a schema mismatch is reported as
    /// <see cref="StructuredOutputException"/> instead.
    /// </summary>
    public sealed class StructuredCompletionException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What happened and what to do.</param>
        /// <param name="finishReason">The reported finish reason.</param>
        /// <param name="text">The content text received before the stop.</param>
        /// <param name="refusal">The refusal text, if the model refused.</param>
        /// <param name="partialValue">The last partial (streams only), or <see langword="null"/>.</param>
        public StructuredCompletionException(string message, ChatFinishReason? finishReason, string text, string? refusal = null, object? partialValue = null)
            : base(message)
        {
            FinishReason = finishReason;
            Text = text ?? string.Empty;
            Refusal = refusal;
            PartialValue = partialValue;
        }

        /// <summary>The finish reason the API reported.</summary>
        public ChatFinishReason? FinishReason { get; }

        /// <summary>The content text received before the stop.</summary>
        public string Text { get; }

        /// <summary>The model's refusal, when it refused.</summary>
        public string? Refusal { get; }

        /// <summary>The last typed partial published before the stop (streams only).</summary>
        public object? PartialValue { get; }

        internal static void ThrowIfUnusable(ChatFinishReason? finishReason, string text, string refusal, object? partialValue)
        {
            if (finishReason == ChatFinishReason.Length)
            {
                throw new StructuredCompletionException(
                    "The model hit the token limit (finish_reason: length) before finishing the structured output; raise ChatCompletionOptions.MaxOutputTokenCount. The partial value is in PartialValue.",
                    finishReason, text, null, partialValue);
            }

            if (finishReason == ChatFinishReason.ContentFilter)
            {
                throw new StructuredCompletionException(
                    "The content filter stopped the output (finish_reason: content_filter). The partial value is in PartialValue.",
                    finishReason, text, null, partialValue);
            }

            if (refusal.Length > 0 && text.Length == 0)
            {
                throw new StructuredCompletionException("The model refused: " + refusal, finishReason, text, refusal, partialValue);
            }
        }
    }
}
