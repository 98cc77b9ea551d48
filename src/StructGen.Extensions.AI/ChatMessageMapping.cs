using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>Neutral messages as Microsoft.Extensions.AI messages, and back (text, tool calls, tool results).</summary>
    internal static class ChatMessageMapping
    {
        public static ChatMessage ToChatMessage(ModelMessage message)
        {
            // Parts map one to one and in order; reasoning belongs to the protocol that produced it and
            // an IChatClient cannot send it back, so it is left out.
            var contents = new List<AIContent>(message.Parts.Count);
            foreach (var part in message.Parts)
            {
                switch (part)
                {
                    case TextPart { Text.Length: > 0 } text:
                        contents.Add(new TextContent(text.Text));
                        break;
                    case ToolCall call:
                        contents.Add(new FunctionCallContent(call.Id, call.Name, ParseArguments(call)));
                        break;
                    case ToolResult result:
                        contents.Add(new FunctionResultContent(result.CallId, result.Content));
                        break;
                }
            }

            return new ChatMessage(RoleOf(message.Role), contents);
        }

        private static ChatRole RoleOf(MessageRole role)
        {
            if (role == MessageRole.Assistant) return ChatRole.Assistant;
            if (role == MessageRole.Tool) return ChatRole.Tool;
            if (role.IsInstructions) return ChatRole.System;
            if (role == MessageRole.User) return ChatRole.User;
            return new ChatRole(role.Value);
        }

        /// <summary>The neutral view of a caller's message: what the core reads (role, text, tool calls).</summary>
        public static ModelMessage ToModelMessage(ChatMessage message)
        {
            string text = message.Text ?? string.Empty;
            if (message.Role == ChatRole.Assistant)
            {
                var calls = new List<ToolCall>();
                foreach (var content in message.Contents)
                {
                    if (content is FunctionCallContent call)
                    {
                        string arguments = call.Arguments is null ? "{}" : ToolArgumentsWriter.Write(call.Name, call.Arguments, AIJsonUtilities.DefaultOptions);
                        calls.Add(new ToolCall(call.CallId, call.Name, arguments));
                    }
                }

                return ModelMessage.Assistant(calls.Count > 0 && text.Length == 0 ? null : text, calls);
            }

            if (message.Role == ChatRole.Tool)
            {
                var results = new List<MessagePart>();
                foreach (var content in message.Contents)
                {
                    if (content is FunctionResultContent result && !string.IsNullOrEmpty(result.CallId))
                    {
                        results.Add(new ToolResult(result.CallId, result.Result?.ToString() ?? text));
                    }
                }

                if (results.Count > 0) return new ModelMessage(MessageRole.Tool, results);
            }

            return message.Role == ChatRole.System ? ModelMessage.System(text) : ModelMessage.User(text);
        }

        private static IDictionary<string, object?> ParseArguments(ToolCall call)
        {
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"The arguments of tool call '{call.Id}' ({call.Name}) are not a JSON object; an IChatClient takes them as named values.", nameof(call));
            }

            foreach (var property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
            return arguments;
        }
    }
}
