using System;

namespace StructGen.Chat
{
    /// <summary>What every protocol's finish or stop reason means, in one vocabulary.</summary>
    public enum FinishKind
    {
        /// <summary>The model finished its answer (<c>stop</c>, <c>end_turn</c>, <c>STOP</c>, <c>completed</c>…).</summary>
        Stop,

        /// <summary>The token limit cut the answer (<c>length</c>, <c>max_tokens</c>, <c>MAX_TOKENS</c>, <c>max_output_tokens</c>).</summary>
        Length,

        /// <summary>The model called tools and waits for their results.</summary>
        ToolCalls,

        /// <summary>A safety or content filter stopped the answer.</summary>
        ContentFilter,

        /// <summary>The model refused to answer.</summary>
        Refusal,

        /// <summary>Any other reason; <see cref="FinishReason.Value"/> holds the provider's word.</summary>
        Other,
    }

    /// <summary>Why the model stopped: the neutral <see cref="Kind"/> and the provider's own <see cref="Value"/>.</summary>
    public sealed class FinishReason : IEquatable<FinishReason>
    {
        /// <summary>Creates a finish reason.</summary>
        /// <param name="kind">What it means.</param>
        /// <param name="value">The provider's own value, kept as sent (<c>stop</c>, <c>end_turn</c>, <c>MAX_TOKENS</c>…).</param>
        public FinishReason(FinishKind kind, string value)
        {
            Kind = kind;
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>
        /// The answer ended explicitly (<c>data: [DONE]</c>, or a complete non-streamed body) but the provider
        /// gave no finish reason, or an empty one (Snowflake Cortex does): a normal end whose reason is
        /// unknown. <see cref="Kind"/> is <see cref="FinishKind.Other"/> and <see cref="Value"/> is empty.
        /// </summary>
        public static FinishReason Unspecified { get; } = new FinishReason(FinishKind.Other, string.Empty);

        /// <summary>What the reason means, whatever the protocol.</summary>
        public FinishKind Kind { get; }

        /// <summary>The provider's own value, as sent.</summary>
        public string Value { get; }

        /// <inheritdoc />
        public bool Equals(FinishReason? other) => other is not null && other.Kind == Kind && string.Equals(other.Value, Value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as FinishReason);

        /// <inheritdoc />
        public override int GetHashCode() => ((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Value);

        /// <summary>The provider's value.</summary>
        public override string ToString() => Value;
    }
}
