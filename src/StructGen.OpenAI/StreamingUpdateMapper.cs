using System.Collections.Generic;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>
    /// Turns the SDK's <see cref="StreamingChatCompletionUpdate"/>s of one completion (or a whole
    /// <see cref="ChatCompletion"/>) into neutral updates: content, refusal, tool-call deltas, usage,
    /// finish reason, completion id and model.
    /// </summary>
    internal sealed class StreamingUpdateMapper
    {
        private readonly HashSet<int> _startedCalls = new HashSet<int>();
        private bool _started;

        public IEnumerable<ChatStreamUpdate> Map(StreamingChatCompletionUpdate update)
        {
            if (!_started && (update.CompletionId is not null || update.Model is not null))
            {
                _started = true;
                yield return ChatStreamUpdate.ResponseStarted(update.CompletionId, update.Model);
            }

            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text)) yield return ChatStreamUpdate.ContentDelta(part.Text);
            }

            if (!string.IsNullOrEmpty(update.RefusalUpdate)) yield return ChatStreamUpdate.RefusalDelta(update.RefusalUpdate);

            foreach (var call in update.ToolCallUpdates)
            {
                if (_startedCalls.Add(call.Index)) yield return ChatStreamUpdate.ToolCallStarted(call.Index, call.ToolCallId, call.FunctionName ?? string.Empty);
                var arguments = call.FunctionArgumentsUpdate?.ToString();
                if (!string.IsNullOrEmpty(arguments)) yield return ChatStreamUpdate.ToolCallArgumentsDelta(call.Index, arguments!);
            }

            if (update.Usage is { } usage) yield return ChatStreamUpdate.UsageReported(ToUsage(usage));
            if (update.FinishReason is { } reason) yield return ChatStreamUpdate.Finished(ToFinishReason(reason));
        }

        public static IEnumerable<ChatStreamUpdate> Map(ChatCompletion completion)
        {
            yield return ChatStreamUpdate.ResponseStarted(completion.Id, completion.Model);
            foreach (var part in completion.Content)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text)) yield return ChatStreamUpdate.ContentDelta(part.Text);
            }

            if (!string.IsNullOrEmpty(completion.Refusal)) yield return ChatStreamUpdate.RefusalDelta(completion.Refusal);
            for (int i = 0; i < completion.ToolCalls.Count; i++)
            {
                var call = completion.ToolCalls[i];
                yield return ChatStreamUpdate.ToolCallStarted(i, call.Id, call.FunctionName);
                var arguments = call.FunctionArguments?.ToString();
                if (!string.IsNullOrEmpty(arguments)) yield return ChatStreamUpdate.ToolCallArgumentsDelta(i, arguments!);
            }

            if (completion.Usage is { } usage) yield return ChatStreamUpdate.UsageReported(ToUsage(usage));
            yield return ChatStreamUpdate.Finished(ToFinishReason(completion.FinishReason));
        }

        private static FinishReason ToFinishReason(ChatFinishReason reason) => reason switch
        {
            ChatFinishReason.Stop => new FinishReason(FinishKind.Stop, "stop"),
            ChatFinishReason.Length => new FinishReason(FinishKind.Length, "length"),
            ChatFinishReason.ContentFilter => new FinishReason(FinishKind.ContentFilter, "content_filter"),
            ChatFinishReason.ToolCalls => new FinishReason(FinishKind.ToolCalls, "tool_calls"),
            ChatFinishReason.FunctionCall => new FinishReason(FinishKind.ToolCalls, "function_call"),
            _ => new FinishReason(FinishKind.Other, reason.ToString()),
        };

        private static ChatUsage ToUsage(ChatTokenUsage usage) => new ChatUsage(
            usage.InputTokenCount,
            usage.OutputTokenCount,
            usage.TotalTokenCount,
            usage.OutputTokenDetails?.ReasoningTokenCount,
            usage.InputTokenDetails?.CachedTokenCount);
    }
}
