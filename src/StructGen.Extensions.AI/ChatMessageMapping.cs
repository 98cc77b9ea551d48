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
            switch (message.Role)
            {
                case "assistant":
                {
                    var contents = new List<AIContent>();
                    if (message.Content is { Length: > 0 } text) contents.Add(new TextContent(text));
                    foreach (var call in message.ToolCalls) contents.Add(new FunctionCallContent(call.Id, call.Name, ParseArguments(call)));
                    return new ChatMessage(ChatRole.Assistant, contents);
                }

                case "tool":
                    return new ChatMessage(ChatRole.Tool, new List<AIContent> { new FunctionResultContent(message.ToolCallId!, message.Content) });
                case "system":
                case "developer":
                    return new ChatMessage(ChatRole.System, message.Content);
                case "user":
                    return new ChatMessage(ChatRole.User, message.Content);
                default:
                    return new ChatMessage(new ChatRole(message.Role), message.Content);
            }
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
                foreach (var content in message.Contents)
                {
                    if (content is FunctionResultContent result && !string.IsNullOrEmpty(result.CallId))
                    {
                        return ModelMessage.Tool(result.CallId, result.Result?.ToString() ?? text);
                    }
                }
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
