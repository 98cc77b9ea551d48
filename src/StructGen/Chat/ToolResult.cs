using System;

namespace StructGen.Chat
{
    /// <summary>The result of one tool call, sent back to the model in a <see cref="MessageRole.Tool"/> message.</summary>
    public sealed class ToolResult : MessagePart
    {
        /// <summary>Creates a tool result.</summary>
        /// <param name="callId">The id of the call it answers (<see cref="ToolCall.Id"/>).</param>
        /// <param name="content">The result text.</param>
        /// <param name="toolName">The tool's name: Gemini matches results by name.</param>
        /// <param name="isError">Whether the result reports a failure (protocols that can say so send it).</param>
        /// <exception cref="ArgumentException"><paramref name="callId"/> is empty.</exception>
        public ToolResult(string callId, string content, string? toolName = null, bool isError = false)
        {
            if (string.IsNullOrEmpty(callId)) throw new ArgumentException("A tool result needs the id of the call it answers.", nameof(callId));
            CallId = callId;
            Content = content ?? throw new ArgumentNullException(nameof(content));
            ToolName = toolName;
            IsError = isError;
        }

        /// <summary>The id of the call it answers.</summary>
        public string CallId { get; }

        /// <summary>The result text.</summary>
        public string Content { get; }

        /// <summary>The name of the tool that produced it, if known.</summary>
        public string? ToolName { get; }

        /// <summary>Whether the result reports a failure.</summary>
        public bool IsError { get; }

        /// <inheritdoc />
        public override string ToString() => (ToolName ?? CallId) + (IsError ? " failed: " : " -> ") + Content;
    }
}
