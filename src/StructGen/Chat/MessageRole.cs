using System;

namespace StructGen.Chat
{
    /// <summary>
    /// Who wrote a <see cref="ModelMessage"/>. The five roles every protocol maps are named; any other
    /// value (a provider's own role, read by <see cref="ModelMessage.FromJson"/>) is kept as written.
    /// </summary>
    public readonly struct MessageRole : IEquatable<MessageRole>
    {
        private readonly string? _value;

        /// <summary>Creates a role from its wire name.</summary>
        /// <param name="value">The role name, for example <c>user</c>.</param>
        /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
        public MessageRole(string value)
        {
            if (string.IsNullOrEmpty(value)) throw new ArgumentException("A role needs a name such as \"user\".", nameof(value));
            _value = value;
        }

        /// <summary>System instructions.</summary>
        public static MessageRole System { get; } = new MessageRole("system");

        /// <summary>Developer instructions (the newer name for system instructions on some models).</summary>
        public static MessageRole Developer { get; } = new MessageRole("developer");

        /// <summary>The user.</summary>
        public static MessageRole User { get; } = new MessageRole("user");

        /// <summary>The model.</summary>
        public static MessageRole Assistant { get; } = new MessageRole("assistant");

        /// <summary>Tool results sent back to the model.</summary>
        public static MessageRole Tool { get; } = new MessageRole("tool");

        /// <summary>The role's wire name (<c>user</c> for <c>default</c>).</summary>
        public string Value => _value ?? "user";

        /// <summary>Whether this is <see cref="System"/> or <see cref="Developer"/>: instructions, which several protocols carry outside the message list.</summary>
        public bool IsInstructions => this == System || this == Developer;

        /// <inheritdoc />
        public bool Equals(MessageRole other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is MessageRole other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

        /// <inheritdoc />
        public override string ToString() => Value;

        /// <summary>Whether two roles have the same name.</summary>
        public static bool operator ==(MessageRole left, MessageRole right) => left.Equals(right);

        /// <summary>Whether two roles have different names.</summary>
        public static bool operator !=(MessageRole left, MessageRole right) => !left.Equals(right);
    }
}
