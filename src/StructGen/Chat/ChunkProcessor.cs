using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>
    /// Applies one decoded chunk to the stream state and lists the updates it produced. Tolerates the
    /// variety real providers send: ids only in the first chunk, <c>content: null</c>, empty
    /// strings, usage in a final <c>choices: []</c> chunk or inside the last choice, a whole tool
    /// call in one chunk, reasoning beside content.
    /// </summary>
    internal static class ChunkProcessor
    {
        public static void Apply(ChunkDto chunk, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (state.Id is null && !string.IsNullOrEmpty(chunk.Id)) state.Id = chunk.Id;
            if (state.Model is null && !string.IsNullOrEmpty(chunk.Model)) state.Model = chunk.Model;

            if (chunk.Choices is { } choices)
            {
                foreach (var choice in choices)
                {
                    // n > 1 is not supported by the typed APIs; only the first choice is followed.
                    if (choice.Index != 0) continue;
                    ApplyDelta(choice.Delta, state, updates);
                    if (choice.Usage is { } choiceUsage) SetUsage(choiceUsage, state, updates);
                    if (!string.IsNullOrEmpty(choice.FinishReason) && state.FinishReason is null)
                    {
                        state.FinishReason = choice.FinishReason;
                        CompleteToolCalls(state, updates);
                        updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.Finished, finishReason: choice.FinishReason));
                    }
                }
            }

            if (chunk.Usage is { } usage) SetUsage(usage, state, updates);
        }

        private static void ApplyDelta(DeltaDto? delta, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (delta is null) return;
            if (!string.IsNullOrEmpty(delta.ReasoningContent))
            {
                state.AppendReasoning(delta.ReasoningContent!);
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ReasoningDelta, delta.ReasoningContent));
            }
            else if (!string.IsNullOrEmpty(delta.Reasoning))
            {
                state.AppendReasoning(delta.Reasoning!);
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ReasoningDelta, delta.Reasoning));
            }

            if (!string.IsNullOrEmpty(delta.Content))
            {
                state.AppendContent(delta.Content!);
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ContentDelta, delta.Content));
            }

            if (!string.IsNullOrEmpty(delta.Refusal))
            {
                state.AppendRefusal(delta.Refusal!);
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.RefusalDelta, delta.Refusal));
            }

            if (delta.ToolCalls is { } toolCalls)
            {
                for (int i = 0; i < toolCalls.Count; i++)
                {
                    ApplyToolCall(toolCalls[i], i, state, updates);
                }
            }
        }

        private static void ApplyToolCall(ToolCallDeltaDto delta, int position, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            // Some servers omit the index when they send one call per chunk; fall back to the position.
            int index = delta.Index ?? position;
            var call = state.GetOrAddToolCall(index, out _);
            if (!string.IsNullOrEmpty(delta.Id)) call.Id ??= delta.Id;
            if (!string.IsNullOrEmpty(delta.Function?.Name)) call.Name ??= delta.Function!.Name;

            if (!call.StartReported && call.Name is not null)
            {
                call.StartReported = true;
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallStarted, toolCallIndex: index, toolName: call.Name, toolCallId: call.Id));
            }

            if (!string.IsNullOrEmpty(delta.Function?.Arguments))
            {
                call.AppendArguments(delta.Function!.Arguments!);
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallArgumentsDelta, delta.Function.Arguments, index, toolName: call.Name, toolCallId: call.Id));
            }
        }

        private static void CompleteToolCalls(ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            foreach (var call in state.ToolCallBuilders)
            {
                if (call.Completed) continue;
                call.Completed = true;
                var built = call.Build();
                updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallCompleted, toolCallIndex: call.Index, toolCall: built, toolName: built.Name, toolCallId: built.Id));
            }
        }

        private static void SetUsage(UsageDto usage, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            var value = new ChatUsage(
                usage.PromptTokens,
                usage.CompletionTokens,
                usage.TotalTokens,
                usage.CompletionDetails?.ReasoningTokens,
                usage.PromptDetails?.CachedTokens);
            state.Usage = value;
            updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.Usage, usage: value));
        }
    }
}
