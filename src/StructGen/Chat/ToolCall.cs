using System;

namespace StructGen.Chat
{
    /// <summary>A function call made by the model.</summary>
    public sealed class ToolCall : MessagePart
    {
        /// <summary>Creates a tool call.</summary>
        /// <param name="id">The call id the tool result must refer to.</param>
        /// <param name="name">The function name.</param>
        /// <param name="arguments">The arguments JSON text.</param>
        /// <param name="signature">A provider token that must go back with the call (Gemini's thought signature), if any.</param>
        public ToolCall(string id, string name, string arguments, string? signature = null)
        {
            Signature = signature;
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
        }

        /// <summary>The call id the tool result must refer to.</summary>
        public string Id { get; }

        /// <summary>The function name.</summary>
        public string Name { get; }

        /// <summary>The arguments as JSON text, exactly as the model wrote them.</summary>
        public string Arguments { get; }

        /// <summary>A provider token that must go back with the call on the next turn (Gemini's thought signature), if any.</summary>
        public string? Signature { get; }

        /// <inheritdoc />
        public override string ToString() => Name + Arguments;
    }
}
