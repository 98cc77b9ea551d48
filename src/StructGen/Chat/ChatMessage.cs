using System;
using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>One message of a chat-completions conversation.</summary>
    public sealed class ChatMessage
    {
        private ChatMessage(string role, string? content, IReadOnlyList<ChatToolCall>? toolCalls, string? toolCallId)
        {
            Role = role;
            Content = content;
            ToolCalls = toolCalls ?? Array.Empty<ChatToolCall>();
            ToolCallId = toolCallId;
        }

        /// <summary>The role: <c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
        public string Role { get; }

        /// <summary>The text content; <see langword="null"/> for an assistant message that only calls tools.</summary>
        public string? Content { get; }

        /// <summary>The tool calls an assistant message made.</summary>
        public IReadOnlyList<ChatToolCall> ToolCalls { get; }

        /// <summary>For a <c>tool</c> message: the id of the call it answers.</summary>
        public string? ToolCallId { get; }

        /// <summary>A system message.</summary>
        public static ChatMessage System(string content) => new ChatMessage("system", Required(content), null, null);

        /// <summary>A developer message (the newer name for system instructions on some models).</summary>
        public static ChatMessage Developer(string content) => new ChatMessage("developer", Required(content), null, null);

        /// <summary>A user message.</summary>
        public static ChatMessage User(string content) => new ChatMessage("user", Required(content), null, null);

        /// <summary>An assistant message with text and/or tool calls.</summary>
        public static ChatMessage Assistant(string? content, IReadOnlyList<ChatToolCall>? toolCalls = null)
        {
            if (content is null && (toolCalls is null || toolCalls.Count == 0))
            {
                throw new ArgumentException("An assistant message needs content or at least one tool call.", nameof(content));
            }

            return new ChatMessage("assistant", content, toolCalls, null);
        }

        /// <summary>The result of a tool call, sent back to the model.</summary>
        public static ChatMessage Tool(string toolCallId, string content)
        {
            if (string.IsNullOrEmpty(toolCallId)) throw new ArgumentException("A tool message needs the id of the call it answers.", nameof(toolCallId));
            return new ChatMessage("tool", Required(content), null, toolCallId);
        }

        /// <inheritdoc />
        public override string ToString() => Role + ": " + (Content ?? "(" + ToolCalls.Count + " tool call(s))");

        private static string Required(string content) => content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>A function call made by the model.</summary>
    public sealed class ChatToolCall
    {
        /// <summary>Creates a tool call.</summary>
        public ChatToolCall(string id, string name, string arguments)
        {
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

        /// <inheritdoc />
        public override string ToString() => Name + Arguments;
    }
}
