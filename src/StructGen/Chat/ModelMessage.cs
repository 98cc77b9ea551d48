using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>One message of a conversation, in no protocol's shape: each adapter writes it in its own.</summary>
    public sealed class ModelMessage
    {
        private static readonly IReadOnlyList<ReasoningContent> NoReasoning = Array.Empty<ReasoningContent>();

        private ModelMessage(string role, string? content, IReadOnlyList<ToolCall>? toolCalls, string? toolCallId)
        {
            Role = role;
            Content = content;
            ToolCalls = toolCalls ?? Array.Empty<ToolCall>();
            ToolCallId = toolCallId;
        }

        /// <summary>The role: <c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
        public string Role { get; }

        /// <summary>The text content; <see langword="null"/> for an assistant message that only calls tools.</summary>
        public string? Content { get; }

        /// <summary>The tool calls an assistant message made.</summary>
        public IReadOnlyList<ToolCall> ToolCalls { get; }

        /// <summary>For a <c>tool</c> message: the id of the call it answers.</summary>
        public string? ToolCallId { get; }

        /// <summary>A system message.</summary>
        public static ModelMessage System(string content) => new ModelMessage("system", Required(content), null, null);

        /// <summary>A developer message (the newer name for system instructions on some models).</summary>
        public static ModelMessage Developer(string content) => new ModelMessage("developer", Required(content), null, null);

        /// <summary>A user message.</summary>
        public static ModelMessage User(string content) => new ModelMessage("user", Required(content), null, null);

        /// <summary>An assistant message with text and/or tool calls.</summary>
        /// <param name="content">The text, or <see langword="null"/> for a message that only calls tools.</param>
        /// <param name="toolCalls">The tool calls the assistant made.</param>
        /// <param name="reasoning">
        /// Reasoning blocks to send back with the message (<see cref="ChatStreamState.ReasoningBlocks"/>):
        /// thinking models of several providers require them on the turn that called tools. Each protocol
        /// sends only the blocks it produced.
        /// </param>
        /// <exception cref="ArgumentException">No content and no tool call.</exception>
        public static ModelMessage Assistant(string? content, IReadOnlyList<ToolCall>? toolCalls = null, IReadOnlyList<ReasoningContent>? reasoning = null)
        {
            if (content is null && (toolCalls is null || toolCalls.Count == 0))
            {
                throw new ArgumentException("An assistant message needs content or at least one tool call.", nameof(content));
            }

            return new ModelMessage("assistant", content, toolCalls, null) { Reasoning = reasoning ?? NoReasoning };
        }

        /// <summary>The reasoning blocks sent back with an assistant message (empty for others).</summary>
        public IReadOnlyList<ReasoningContent> Reasoning { get; private set; } = NoReasoning;

        /// <summary>The name of the tool whose result this is (tool messages; some protocols send it).</summary>
        public string? ToolName { get; private set; }

        /// <summary>Whether this tool result reports a failure (protocols that can say so send it).</summary>
        public bool IsError { get; private set; }

        /// <summary>The result of a tool call, sent back to the model.</summary>
        /// <param name="toolCallId">The id of the call it answers.</param>
        /// <param name="content">The result text.</param>
        /// <param name="toolName">The tool's name: Gemini matches results by name.</param>
        /// <param name="isError">Whether the result reports a failure.</param>
        public static ModelMessage Tool(string toolCallId, string content, string? toolName = null, bool isError = false)
        {
            if (string.IsNullOrEmpty(toolCallId)) throw new ArgumentException("A tool message needs the id of the call it answers.", nameof(toolCallId));
            return new ModelMessage("tool", Required(content), null, toolCallId) { ToolName = toolName, IsError = isError };
        }

        /// <summary>
        /// A message given as its JSON object, sent verbatim: for what the other factories do not
        /// build (content parts such as images, <c>name</c>, provider members such as
        /// <c>reasoning_content</c> or cache hints). <see cref="Role"/>, <see cref="Content"/> (when a
        /// string), <see cref="ToolCalls"/> and <see cref="ToolCallId"/> are read from it.
        /// </summary>
        /// <param name="json">One JSON object with a string <c>role</c>.</param>
        /// <exception cref="ArgumentException">The text is not a JSON object with a string <c>role</c>, or its <c>tool_calls</c> are malformed.</exception>
        public static ModelMessage FromJson(string json)
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
                return new ModelMessage(role.GetString()!, content, calls, toolCallId) { RawJson = root.GetRawText() };
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("The message is not valid JSON: " + ex.Message, nameof(json), ex);
            }
        }

        /// <summary>The message's JSON when it was given whole (<see cref="FromJson"/>).</summary>
        internal string? RawJson { get; private set; }

        private static List<ToolCall> ReadToolCalls(JsonElement array)
        {
            var calls = new List<ToolCall>();
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
                calls.Add(new ToolCall(id.GetString()!, name.GetString()!, arguments));
            }

            return calls;
        }

        /// <inheritdoc />
        public override string ToString() => Role + ": " + (Content ?? "(" + ToolCalls.Count + " tool call(s))");

        private static string Required(string content) => content ?? throw new ArgumentNullException(nameof(content));
    }
}
