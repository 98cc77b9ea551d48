using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// One message of a conversation, in no protocol's shape: a role and its parts in order (text,
    /// reasoning, tool calls, tool results). Each adapter writes it in its own protocol's shape.
    /// </summary>
    public sealed class ModelMessage
    {
        private static readonly MessagePart[] NoParts = Array.Empty<MessagePart>();

        private readonly MessagePart[] _parts;

        /// <summary>Creates a message from its parts.</summary>
        /// <param name="role">Who wrote it.</param>
        /// <param name="parts">
        /// Its parts, in order. Reasoning and tool calls belong to <see cref="MessageRole.Assistant"/>
        /// messages, tool results to <see cref="MessageRole.Tool"/> messages (which hold nothing else).
        /// </param>
        /// <exception cref="ArgumentException">No parts, a <see langword="null"/> part, or a part the role cannot hold.</exception>
        public ModelMessage(MessageRole role, IEnumerable<MessagePart> parts)
            : this(role, Validate(role, parts), rawJson: null)
        {
        }

        private ModelMessage(MessageRole role, MessagePart[] parts, string? rawJson)
        {
            Role = role;
            _parts = parts;
            RawJson = rawJson;
            Text = JoinText(parts);
            ToolCalls = OfKind<ToolCall>(parts);
            Reasoning = OfKind<ReasoningContent>(parts);
            ToolResults = OfKind<ToolResult>(parts);
        }

        /// <summary>Who wrote the message.</summary>
        public MessageRole Role { get; }

        /// <summary>The parts, in order.</summary>
        public IReadOnlyList<MessagePart> Parts => _parts;

        /// <summary>The text parts joined; <see langword="null"/> when the message has none (an assistant turn that only calls tools).</summary>
        public string? Text { get; }

        /// <summary>The tool calls an assistant message made, in order.</summary>
        public IReadOnlyList<ToolCall> ToolCalls { get; }

        /// <summary>The reasoning blocks sent back with an assistant message, in order.</summary>
        public IReadOnlyList<ReasoningContent> Reasoning { get; }

        /// <summary>The tool results a <see cref="MessageRole.Tool"/> message carries, in order.</summary>
        public IReadOnlyList<ToolResult> ToolResults { get; }

        /// <summary>A system message.</summary>
        /// <param name="text">The instructions.</param>
        public static ModelMessage System(string text) => Single(MessageRole.System, text);

        /// <summary>A developer message (the newer name for system instructions on some models).</summary>
        /// <param name="text">The instructions.</param>
        public static ModelMessage Developer(string text) => Single(MessageRole.Developer, text);

        /// <summary>A user message.</summary>
        /// <param name="text">What the user wrote.</param>
        public static ModelMessage User(string text) => Single(MessageRole.User, text);

        /// <summary>An assistant message with text and/or tool calls.</summary>
        /// <param name="text">The text, or <see langword="null"/> for a message that only calls tools.</param>
        /// <param name="toolCalls">The tool calls the assistant made.</param>
        /// <param name="reasoning">
        /// Reasoning blocks to send back with the message (<see cref="ChatStreamState.ReasoningBlocks"/>):
        /// thinking models of several providers require them on the turn that called tools. Each protocol
        /// sends only the blocks it produced.
        /// </param>
        /// <exception cref="ArgumentException">No text and no tool call.</exception>
        public static ModelMessage Assistant(string? text, IReadOnlyList<ToolCall>? toolCalls = null, IReadOnlyList<ReasoningContent>? reasoning = null)
        {
            if (text is null && (toolCalls is null || toolCalls.Count == 0))
            {
                throw new ArgumentException("An assistant message needs text or at least one tool call.", nameof(text));
            }

            // The order providers produce them in: reasoning, then text, then calls.
            var parts = new List<MessagePart>((reasoning?.Count ?? 0) + (toolCalls?.Count ?? 0) + 1);
            if (reasoning is not null) parts.AddRange(reasoning);
            if (text is not null) parts.Add(new TextPart(text));
            if (toolCalls is not null) parts.AddRange(toolCalls);
            return new ModelMessage(MessageRole.Assistant, parts);
        }

        /// <summary>The result of a tool call, sent back to the model.</summary>
        /// <param name="toolCallId">The id of the call it answers.</param>
        /// <param name="content">The result text.</param>
        /// <param name="toolName">The tool's name: Gemini matches results by name.</param>
        /// <param name="isError">Whether the result reports a failure.</param>
        /// <exception cref="ArgumentException"><paramref name="toolCallId"/> is empty.</exception>
        public static ModelMessage Tool(string toolCallId, string content, string? toolName = null, bool isError = false)
            => new ModelMessage(MessageRole.Tool, new MessagePart[] { new ToolResult(toolCallId, content, toolName, isError) }, rawJson: null);

        /// <summary>
        /// A message given as its JSON object, sent verbatim: for what the other factories do not
        /// build (content parts such as images, <c>name</c>, provider members such as
        /// <c>reasoning_content</c> or cache hints). <see cref="Role"/>, the text (when <c>content</c>
        /// is a string), the tool calls and the tool result (<c>tool_call_id</c>) are read from it.
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
                var parts = new List<MessagePart>();
                if (toolCallId is not null) parts.Add(new ToolResult(toolCallId, content ?? string.Empty));
                else if (content is not null) parts.Add(new TextPart(content));
                if (root.TryGetProperty("tool_calls", out var t) && t.ValueKind == JsonValueKind.Array) ReadToolCalls(t, parts);
                return new ModelMessage(new MessageRole(role.GetString()!), parts.ToArray(), root.GetRawText());
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("The message is not valid JSON: " + ex.Message, nameof(json), ex);
            }
        }

        /// <summary>The message's JSON when it was given whole (<see cref="FromJson"/>).</summary>
        internal string? RawJson { get; }

        private static void ReadToolCalls(JsonElement array, List<MessagePart> calls)
        {
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
        }

        /// <inheritdoc />
        public override string ToString() => Role + ": " + (Text ?? string.Join(", ", (IEnumerable<MessagePart>)_parts));

        private static ModelMessage Single(MessageRole role, string text)
            => new ModelMessage(role, new MessagePart[] { new TextPart(text ?? throw new ArgumentNullException(nameof(text))) }, rawJson: null);

        private static MessagePart[] Validate(MessageRole role, IEnumerable<MessagePart> parts)
        {
            if (parts is null) throw new ArgumentNullException(nameof(parts));
            var array = new List<MessagePart>(parts).ToArray();
            if (array.Length == 0) throw new ArgumentException("A message needs at least one part.", nameof(parts));
            for (int i = 0; i < array.Length; i++)
            {
                var part = array[i] ?? throw new ArgumentException("Part " + i + " is null.", nameof(parts));
                string? problem = part switch
                {
                    ToolResult when role != MessageRole.Tool => "a tool result belongs in a \"tool\" message",
                    ToolCall when role != MessageRole.Assistant => "a tool call belongs in an \"assistant\" message",
                    ReasoningContent when role != MessageRole.Assistant => "reasoning belongs in an \"assistant\" message",
                    not ToolResult when role == MessageRole.Tool => "a \"tool\" message holds only tool results",
                    _ => null,
                };
                if (problem is not null)
                {
                    throw new ArgumentException("Part " + i + " (" + part.GetType().Name + ") cannot go in a \"" + role + "\" message: " + problem + ".", nameof(parts));
                }
            }

            return array;
        }

        private static string? JoinText(MessagePart[] parts)
        {
            string? single = null;
            System.Text.StringBuilder? joined = null;
            foreach (var part in parts)
            {
                if (part is not TextPart text) continue;
                if (single is null) single = text.Text;
                else (joined ??= new System.Text.StringBuilder(single)).Append(text.Text);
            }

            return joined?.ToString() ?? single;
        }

        private static IReadOnlyList<T> OfKind<T>(MessagePart[] parts)
            where T : MessagePart
        {
            List<T>? found = null;
            foreach (var part in parts)
            {
                if (part is T match) (found ??= new List<T>()).Add(match);
            }

            return found is null ? Array.Empty<T>() : found.ToArray();
        }
    }
}
