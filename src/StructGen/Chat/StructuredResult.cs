namespace StructGen.Chat
{
    /// <summary>A validated structured value and what the provider reported about producing it.</summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    public sealed class StructuredResult<T>
    {
        internal StructuredResult(T value, ChatStreamState state, ChatUsage? totalUsage = null, int attempts = 1)
        {
            Value = value;
            State = state;
            _totalUsage = totalUsage;
            Attempts = attempts;
        }

        private readonly ChatUsage? _totalUsage;

        /// <summary>How many requests it took (more than one when repair attempts were used).</summary>
        public int Attempts { get; }

        internal StructuredResult<T> WithUsage(ChatUsage? totalUsage, int attempts) => new StructuredResult<T>(Value, State, totalUsage, attempts);

        /// <summary>The final, validated value.</summary>
        public T Value { get; }

        /// <summary>Everything the stream delivered (raw text, reasoning, ids).</summary>
        public ChatStreamState State { get; }

        /// <summary>The usage, when reported (summed over every attempt).</summary>
        public ChatUsage? Usage => _totalUsage ?? State.Usage;

        /// <summary>The finish reason.</summary>
        public FinishReason? FinishReason => State.FinishReason;

        /// <summary>The raw JSON text the model wrote.</summary>
        public string Text => State.Content;
    }
}
