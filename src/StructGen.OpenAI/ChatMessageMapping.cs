using System;
using System.Collections.Generic;
using System.Text;
using OpenAI.Chat;
using StructGen.Chat;

// The SDK marks DeveloperChatMessage experimental (OPENAI001); the developer role itself is part of the API.
#pragma warning disable OPENAI001

namespace StructGen.OpenAI
{
    /// <summary>Neutral messages as OpenAI SDK messages, and back (text, tool calls, tool results).</summary>
    internal static class ChatMessageMapping
    {
        /// <summary>The SDK messages for one neutral message: one per tool result (the SDK's tool message answers one call), one otherwise.</summary>
        public static IEnumerable<ChatMessage> ToChatMessages(ModelMessage message)
        {
            switch (message.Role.Value)
            {
                case "system":
                    yield return new SystemChatMessage(message.Text ?? string.Empty);
                    break;
                case "developer":
                    yield return new DeveloperChatMessage(message.Text ?? string.Empty);
                    break;
                case "tool":
                    foreach (var result in message.ToolResults) yield return new ToolChatMessage(result.CallId, result.Content);
                    break;
                case "assistant":
                {
                    if (message.ToolCalls.Count == 0)
                    {
                        yield return new AssistantChatMessage(message.Text ?? string.Empty);
                        break;
                    }

                    var calls = new List<ChatToolCall>(message.ToolCalls.Count);
                    foreach (var call in message.ToolCalls) calls.Add(ChatToolCall.CreateFunctionToolCall(call.Id, call.Name, BinaryData.FromString(call.Arguments)));
                    var assistant = new AssistantChatMessage(calls);
                    if (message.Text is { Length: > 0 } text) assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
                    yield return assistant;
                    break;
                }

                case "user":
                    yield return new UserChatMessage(message.Text ?? string.Empty);
                    break;
                default:
                    throw new NotSupportedException($"The OpenAI SDK has no '{message.Role}' message; use system, developer, user, assistant or tool.");
            }
        }

        /// <summary>The neutral view of a caller's message: what the core reads (role, text, tool calls).</summary>
        public static ModelMessage ToModelMessage(ChatMessage message)
        {
            string text = Text(message);
            switch (message)
            {
                case SystemChatMessage:
                    return ModelMessage.System(text);
                case DeveloperChatMessage:
                    return ModelMessage.Developer(text);
                case ToolChatMessage tool:
                    return ModelMessage.Tool(tool.ToolCallId, text);
                case AssistantChatMessage assistant:
                {
                    var calls = new List<ToolCall>();
                    foreach (var call in assistant.ToolCalls) calls.Add(new ToolCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString() ?? "{}"));
                    return ModelMessage.Assistant(calls.Count > 0 && text.Length == 0 ? null : text, calls);
                }

                default:
                    return ModelMessage.User(text);
            }
        }

        private static string Text(ChatMessage message)
        {
            var text = new StringBuilder();
            foreach (var part in message.Content)
            {
                if (part.Kind == ChatMessageContentPartKind.Text) text.Append(part.Text);
            }

            return text.ToString();
        }
    }
}
