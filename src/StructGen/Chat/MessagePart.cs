namespace StructGen.Chat
{
    /// <summary>
    /// One part of a <see cref="ModelMessage"/>, in the order the message holds them: <see cref="TextPart"/>,
    /// <see cref="ReasoningContent"/>, <see cref="ToolCall"/> or <see cref="ToolResult"/>. The set is closed:
    /// every adapter knows how to write each kind in its protocol's shape.
    /// </summary>
    public abstract class MessagePart
    {
        // Closed hierarchy: an adapter must be able to write every part it is given.
        private protected MessagePart()
        {
        }
    }
}
