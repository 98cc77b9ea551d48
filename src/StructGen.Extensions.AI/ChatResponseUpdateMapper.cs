using System.Collections.Generic;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Turns the <see cref="ChatResponseUpdate"/>s of one response into neutral updates: text, reasoning,
    /// whole function calls (numbered 0, 1, 2… in order), usage, finish reason, response id and model.
    /// </summary>
    internal sealed class ChatResponseUpdateMapper
    {
        private int _toolCalls;
        private bool _started;

        /// <summary>Whether a finish reason was mapped.</summary>
        public bool Finished { get; private set; }

        /// <summary>The neutral updates of one client update.</summary>
        /// <param name="update">The client's update.</param>
        /// <param name="state">What the stream holds so far, for the failure an <see cref="ErrorContent"/> raises.</param>
        /// <exception cref="ChatStreamException">The update carries an <see cref="ErrorContent"/> (<see cref="ChatStreamFailure.ProviderError"/>).</exception>
        public IEnumerable<ChatStreamUpdate> Map(ChatResponseUpdate update, ChatStreamState state)
        {
            if (!_started && (update.ResponseId is not null || update.ModelId is not null))
            {
                _started = true;
                yield return ChatStreamUpdate.ResponseStarted(update.ResponseId, update.ModelId);
            }

            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent text when !string.IsNullOrEmpty(text.Text):
                        yield return ChatStreamUpdate.ContentDelta(text.Text);
                        break;
                    case TextReasoningContent reasoning when !string.IsNullOrEmpty(reasoning.Text):
                        yield return ChatStreamUpdate.ReasoningDelta(reasoning.Text);
                        break;
                    case FunctionCallContent call:
                    {
                        // MEAI delivers each call whole, its arguments already parsed.
                        int index = _toolCalls++;
                        yield return ChatStreamUpdate.ToolCallStarted(index, call.CallId, call.Name);
                        string arguments = call.Arguments is null ? "{}" : ToolArgumentsWriter.Write(call.Name, call.Arguments, AIJsonUtilities.DefaultOptions);
                        yield return ChatStreamUpdate.ToolCallArgumentsDelta(index, arguments);
                        yield return ChatStreamUpdate.ToolCallCompleted(index);
                        break;
                    }

                    case ErrorContent error:
                        throw new ChatStreamException(
                            ChatStreamFailure.ProviderError,
                            "The chat client reported an error in the response: " + error.Message + (error.ErrorCode is null ? string.Empty : " (code " + error.ErrorCode + ")") + ".",
                            state)
                        {
                            ErrorCode = error.ErrorCode,
                            ErrorMessage = error.Message,
                        };
                    case UsageContent usage:
                        yield return ChatStreamUpdate.UsageReported(ToUsage(usage.Details));
                        break;
                }
            }

            if (update.FinishReason is { } reason && !Finished)
            {
                Finished = true;
                yield return ChatStreamUpdate.Finished(ToFinishReason(reason));
            }
        }

        internal static FinishReason ToFinishReason(ChatFinishReason reason)
        {
            var kind = reason == ChatFinishReason.Stop ? FinishKind.Stop
                : reason == ChatFinishReason.Length ? FinishKind.Length
                : reason == ChatFinishReason.ToolCalls ? FinishKind.ToolCalls
                : reason == ChatFinishReason.ContentFilter ? FinishKind.ContentFilter
                : FinishKind.Other;
            return new FinishReason(kind, reason.Value);
        }

        private static ChatUsage ToUsage(UsageDetails details)
        {
            int input = (int)(details.InputTokenCount ?? 0);
            int output = (int)(details.OutputTokenCount ?? 0);
            return new ChatUsage(
                input,
                output,
                (int)(details.TotalTokenCount ?? input + output),
                details.ReasoningTokenCount is { } reasoning ? (int)reasoning : null,
                details.CachedInputTokenCount is { } cached ? (int)cached : null);
        }
    }
}
