namespace StructGen.Chat
{
    /// <summary>A validated structured value and what the provider reported about producing it.</summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    public sealed class StructuredResult<T>
    {
        internal StructuredResult(T value, ChatStreamState state)
        {
            Value = value;
            State = state;
        }

        /// <summary>The final, validated value.</summary>
        public T Value { get; }

        /// <summary>Everything the stream delivered (raw text, reasoning, ids).</summary>
        public ChatStreamState State { get; }

        /// <summary>The usage, when reported.</summary>
        public ChatUsage? Usage => State.Usage;

        /// <summary>The finish reason.</summary>
        public string? FinishReason => State.FinishReason;

        /// <summary>The raw JSON text the model wrote.</summary>
        public string Text => State.Content;
    }
}
