using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>
    /// Applies one decoded chunk to the stream state and lists the updates it produced. Tolerates the
    /// variety real providers send: ids only in the first chunk, <c>content: null</c>, empty
    /// strings, usage in a final <c>choices: []</c> chunk or inside the last choice, a whole tool
    /// call in one chunk, reasoning beside content, tool calls that omit or repeat their index
    /// (a new call id at a used index starts a new call), and non-streamed <c>message</c> bodies.
    /// One instance per stream.
    /// </summary>
    internal sealed class ChunkProcessor
    {
        // Wire tool-call index -> the call's position in the state (order of appearance).
        private Dictionary<int, int>? _toolIndexMap;
        private readonly ThinkTagSplitter? _thinkTags;

        public ChunkProcessor(bool thinkTagsAsReasoning = true)
        {
            _thinkTags = thinkTagsAsReasoning ? new ThinkTagSplitter() : null;
        }

        /// <summary>At the end of the stream: releases text held back to decide a split tag.</summary>
        public void Flush(ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (_thinkTags is null) return;
            _thinkTags.Flush(out var content, out var reasoning);
            AppendReasoning(reasoning, state, updates);
            AppendContent(content, state, updates);
        }

        public void Apply(ChunkDto chunk, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (state.Id is null && !string.IsNullOrEmpty(chunk.Id)) state.Id = chunk.Id;
            if (state.Model is null && !string.IsNullOrEmpty(chunk.Model)) state.Model = chunk.Model;

            if (chunk.Choices is { } choices)
            {
                foreach (var choice in choices)
                {
                    // n > 1 is not supported by the typed APIs; only the first choice is followed.
                    if ((choice.Index ?? 0) != 0) continue;
                    ApplyDelta(choice.Delta ?? choice.Message, state, updates);
                    if (choice.Usage is { } choiceUsage) SetUsage(choiceUsage, state, updates);
                    if (!string.IsNullOrEmpty(choice.FinishReason) && state.FinishReason is null)
                    {
                        Flush(state, updates);
                        state.FinishReason = choice.FinishReason;
                        CompleteToolCalls(state, updates);
                        updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.Finished, finishReason: choice.FinishReason));
                    }
                }
            }

            if (chunk.Usage is { } usage) SetUsage(usage, state, updates);
        }

        private void ApplyDelta(DeltaDto? delta, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (delta is null) return;
            // Providers that send both fields (during vLLM's rename) send the same text twice: take one.
            AppendReasoning(!string.IsNullOrEmpty(delta.ReasoningContent) ? delta.ReasoningContent : delta.Reasoning, state, updates);

            if (!string.IsNullOrEmpty(delta.Content))
            {
                if (_thinkTags is null)
                {
                    AppendContent(delta.Content, state, updates);
                }
                else
                {
                    _thinkTags.Split(delta.Content!, out var content, out var reasoning);
                    AppendReasoning(reasoning, state, updates);
                    AppendContent(content, state, updates);
                }
            }

            if (delta.ReasoningDetails is { Length: > 0 } details) state.AddReasoningDetails(details);

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

        private void ApplyToolCall(ToolCallDeltaDto delta, int position, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            // Calls are numbered 0, 1, 2… in the order they appear, whatever the wire says: some servers
            // omit the index (fall back to the position in the array), start at 1 (OpenRouter's gpt-5
            // puts its reasoning item at 0) or repeat index 0 for every call.
            int wireIndex = delta.Index ?? position;
            var slots = _toolIndexMap ??= new Dictionary<int, int>();
            if (!slots.TryGetValue(wireIndex, out int index))
            {
                index = state.ToolCallCount;
                slots[wireIndex] = index;
            }

            var call = state.GetOrAddToolCall(index, out bool added);
            if (!added && !string.IsNullOrEmpty(delta.Id) && call.Id is not null && !string.Equals(call.Id, delta.Id, System.StringComparison.Ordinal))
            {
                // A different call id at a used index: a new call from a server that repeats indexes.
                index = state.ToolCallCount;
                slots[wireIndex] = index;
                call = state.GetOrAddToolCall(index, out _);
            }

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

        private static void AppendReasoning(string? text, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (string.IsNullOrEmpty(text)) return;
            state.AppendReasoning(text!);
            updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ReasoningDelta, text));
        }

        private static void AppendContent(string? text, ChatStreamState state, List<ChatStreamUpdate> updates)
        {
            if (string.IsNullOrEmpty(text)) return;
            state.AppendContent(text!);
            updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.ContentDelta, text));
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
            int prompt = usage.PromptTokens ?? 0;
            int completion = usage.CompletionTokens ?? 0;
            var value = new ChatUsage(
                prompt,
                completion,
                usage.TotalTokens ?? prompt + completion,
                usage.CompletionDetails?.ReasoningTokens,
                usage.PromptDetails?.CachedTokens);

            // Groq repeats the same totals in a trailing chunk: report a change only.
            if (state.Usage is { } previous && SameCounts(previous, value)) return;
            state.Usage = value;
            updates.Add(new ChatStreamUpdate(ChatStreamUpdateKind.Usage, usage: value));
        }

        private static bool SameCounts(ChatUsage a, ChatUsage b) =>
            a.PromptTokens == b.PromptTokens && a.CompletionTokens == b.CompletionTokens && a.TotalTokens == b.TotalTokens &&
            a.ReasoningTokens == b.ReasoningTokens && a.CachedPromptTokens == b.CachedPromptTokens;
    }
}
