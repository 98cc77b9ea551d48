using OpenAI.Chat;

namespace StructGen.OpenAI
{
    /// <summary>A validated structured value and what the OpenAI API reported about producing it.</summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    public sealed class StructuredCompletionResult<T>
    {
        /// <summary>Creates the result.</summary>
        /// <param name="value">The validated value.</param>
        /// <param name="text">The raw JSON text.</param>
        /// <param name="finishReason">The finish reason, when reported.</param>
        /// <param name="usage">The token usage, when reported.</param>
        /// <param name="completionId">The completion id, when reported.</param>
        /// <param name="model">The model that answered, when reported.</param>
        public StructuredCompletionResult(T value, string text, ChatFinishReason? finishReason, ChatTokenUsage? usage, string? completionId, string? model)
        {
            Value = value;
            Text = text ?? string.Empty;
            FinishReason = finishReason;
            Usage = usage;
            CompletionId = completionId;
            Model = model;
        }

        /// <summary>The final, validated value.</summary>
        public T Value { get; }

        /// <summary>The raw JSON text the value was parsed from.</summary>
        public string Text { get; }

        /// <summary>Why the model stopped.</summary>
        public ChatFinishReason? FinishReason { get; }

        /// <summary>The token usage (streams report it when <c>stream_options.include_usage</c> is on, the SDK's default).</summary>
        public ChatTokenUsage? Usage { get; }

        /// <summary>The completion id.</summary>
        public string? CompletionId { get; }

        /// <summary>The model that answered.</summary>
        public string? Model { get; }
    }
}
