using System;

namespace StructGen.Chat
{
    /// <summary>Text written by a user, a system prompt or the model.</summary>
    public sealed class TextPart : MessagePart
    {
        /// <summary>Creates a text part.</summary>
        /// <param name="text">The text.</param>
        public TextPart(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

        /// <summary>The text.</summary>
        public string Text { get; }

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
