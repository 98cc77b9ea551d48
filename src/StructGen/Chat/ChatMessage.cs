using System;
using System.Collections.Generic;
using System.Text.Json;

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
        /// <param name="content">The text, or <see langword="null"/> for a message that only calls tools.</param>
        /// <param name="toolCalls">The tool calls the assistant made.</param>
        /// <param name="reasoningDetailsJson">
        /// OpenRouter <c>reasoning_details</c> to send back with the message (a JSON array, as in
        /// <see cref="ChatStreamState.ReasoningDetailsJson"/>): Gemini models require their thought
        /// signatures on the turn that called tools.
        /// </param>
        /// <exception cref="ArgumentException">No content and no tool call, or <paramref name="reasoningDetailsJson"/> is not a JSON array.</exception>
        public static ChatMessage Assistant(string? content, IReadOnlyList<ChatToolCall>? toolCalls = null, string? reasoningDetailsJson = null)
        {
            if (content is null && (toolCalls is null || toolCalls.Count == 0))
            {
                throw new ArgumentException("An assistant message needs content or at least one tool call.", nameof(content));
            }

            if (reasoningDetailsJson is not null) RequireArray(reasoningDetailsJson, nameof(reasoningDetailsJson));
            return new ChatMessage("assistant", content, toolCalls, null) { ReasoningDetailsJson = reasoningDetailsJson };
        }

        /// <summary>The <c>reasoning_details</c> array sent with an assistant message, if any.</summary>
        public string? ReasoningDetailsJson { get; private set; }

        private static void RequireArray(string json, string parameter)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Array) return;
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("reasoning_details must be a JSON array: " + ex.Message, parameter, ex);
            }

            throw new ArgumentException("reasoning_details must be a JSON array.", parameter);
        }

        /// <summary>The result of a tool call, sent back to the model.</summary>
        public static ChatMessage Tool(string toolCallId, string content)
        {
            if (string.IsNullOrEmpty(toolCallId)) throw new ArgumentException("A tool message needs the id of the call it answers.", nameof(toolCallId));
            return new ChatMessage("tool", Required(content), null, toolCallId);
        }

        /// <summary>
        /// A message given as its JSON object, sent verbatim: for what the other factories do not
        /// build (content parts such as images, <c>name</c>, provider members such as
        /// <c>reasoning_content</c> or cache hints). <see cref="Role"/>, <see cref="Content"/> (when a
        /// string), <see cref="ToolCalls"/> and <see cref="ToolCallId"/> are read from it.
        /// </summary>
        /// <param name="json">One JSON object with a string <c>role</c>.</param>
        /// <exception cref="ArgumentException">The text is not a JSON object with a string <c>role</c>, or its <c>tool_calls</c> are malformed.</exception>
        public static ChatMessage FromJson(string json)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException("A message must be a JSON object, not " + root.ValueKind + ".", nameof(json));
                if (!root.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
                {
                    throw new ArgumentException("A message needs a string \"role\" member (system, developer, user, assistant or tool).", nameof(json));
                }

                string? content = root.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                string? toolCallId = root.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                var calls = root.TryGetProperty("tool_calls", out var t) && t.ValueKind == JsonValueKind.Array ? ReadToolCalls(t) : null;
                string? details = root.TryGetProperty("reasoning_details", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetRawText() : null;
                return new ChatMessage(role.GetString()!, content, calls, toolCallId) { RawJson = root.GetRawText(), ReasoningDetailsJson = details };
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("The message is not valid JSON: " + ex.Message, nameof(json), ex);
            }
        }

        /// <summary>The message's JSON when it was given whole (<see cref="FromJson"/>).</summary>
        internal string? RawJson { get; private set; }

        private static List<ChatToolCall> ReadToolCalls(JsonElement array)
        {
            var calls = new List<ChatToolCall>();
            foreach (var call in array.EnumerateArray())
            {
                if (call.ValueKind != JsonValueKind.Object ||
                    !call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String ||
                    !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object ||
                    !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw new ArgumentException("Each tool call needs a string \"id\" and a \"function\" object with a string \"name\".", "json");
                }

                string arguments = function.TryGetProperty("arguments", out var a)
                    ? a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()
                    : "{}";
                calls.Add(new ChatToolCall(id.GetString()!, name.GetString()!, arguments));
            }

            return calls;
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
