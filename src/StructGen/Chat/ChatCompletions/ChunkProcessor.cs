using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>
    /// Turns decoded chat-completion chunks into neutral updates: renumbers tool calls densely, splits
    /// <c>&lt;think&gt;</c> blocks out of the content, merges <c>reasoning_details</c>, maps the finish
    /// reason and usage. Holds only what the wire needs remembered between chunks.
    /// </summary>
    /// <remarks>
    /// A struct kept in its <see cref="ChunkDecoder"/>'s field and mutated in place (never copy it): one object fewer
    /// per open stream.
    /// </remarks>
    internal struct ChunkProcessor
    {
        // Wire tool-call index -> the call's dense index (order of appearance).
        private Dictionary<int, int>? _toolIndexMap;
        private List<WireCall>? _calls; // with the first tool call: most streams have none
        private ThinkTagSplitter _thinkTags; // a struct mutated in place: not readonly
        private readonly bool _splitThinkTags;
        private ReasoningDetails? _reasoningDetails;
        // The reasoning text of the reasoning_content / reasoning fields (not <think> tags), kept to
        // send back on a tool loop's next turn in the field it came in.
        private System.Text.StringBuilder? _fieldReasoning;
        private bool _sawReasoningContent;
        private bool _sawReasoning;
        private bool _finished;

        public ChunkProcessor(bool thinkTagsAsReasoning = true)
        {
            _splitThinkTags = thinkTagsAsReasoning;
        }

        /// <summary>Publishes text held back to decide a split tag, and the merged reasoning details.</summary>
        public void Flush(List<ChatStreamUpdate> updates)
        {
            if (_splitThinkTags)
            {
                _thinkTags.Flush(out var content, out var reasoning);
                AppendReasoning(reasoning, updates);
                AppendContent(content, updates);
            }

            // A call whose name never came is still reported, so the failure to run it is visible.
            for (int i = 0; i < (_calls?.Count ?? 0); i++)
            {
                if (!_calls![i].Started) Start(i, string.Empty, updates);
            }

            if (_fieldReasoning is { Length: > 0 } text)
            {
                _fieldReasoning = null;
                updates.Add(ChatStreamUpdate.ReasoningCompleted(ReasoningText.Block(text.ToString(), _sawReasoningContent || !_sawReasoning, _sawReasoning)));
            }

            if (_reasoningDetails is { IsEmpty: false } details)
            {
                _reasoningDetails = null;
                updates.Add(ChatStreamUpdate.ReasoningCompleted(new ReasoningContent(
                    WireProtocols.ChatCompletions, string.Empty, payloadJson: details.ToJson(), mustSendBack: details.HasFormat("google-gemini"))));
            }
        }

        /// <summary>Ends an answer that said it was over without giving a finish reason.</summary>
        public void FinishIfUnfinished(List<ChatStreamUpdate> updates)
        {
            if (_finished) return;
            _finished = true;
            updates.Add(ChatStreamUpdate.Finished(FinishReason.Unspecified));
        }

        public void Apply(ChunkDto chunk, List<ChatStreamUpdate> updates)
        {
            if (chunk.Choices is { } choices)
            {
                foreach (var choice in choices)
                {
                    // n > 1 is not supported by the typed APIs; only the first choice is followed.
                    if ((choice.Index ?? 0) != 0) continue;
                    ApplyDelta(choice.Delta ?? choice.Message, updates);
                    if (choice.Usage is { } choiceUsage) SetUsage(choiceUsage, updates);
                    if (!string.IsNullOrEmpty(choice.FinishReason) && !_finished)
                    {
                        _finished = true;
                        Flush(updates);
                        updates.Add(ChatStreamUpdate.Finished(MapFinishReason(choice.FinishReason!)));
                    }
                }
            }

            if (chunk.Usage is { } usage) SetUsage(usage, updates);
        }

        internal static FinishReason MapFinishReason(string value) => new FinishReason(
            value switch
            {
                "stop" or "eos" or "end_turn" or "stop_sequence" => FinishKind.Stop,
                "length" or "max_tokens" or "model_length" => FinishKind.Length,
                "tool_calls" or "function_call" or "tool_use" => FinishKind.ToolCalls,
                "content_filter" or "safety" => FinishKind.ContentFilter,
                "refusal" => FinishKind.Refusal,
                _ => FinishKind.Other,
            },
            value);

        private void ApplyDelta(DeltaDto? delta, List<ChatStreamUpdate> updates)
        {
            if (delta is null) return;
            // Providers that send both fields (during vLLM's rename) send the same text twice: take one,
            // and remember both names (vLLM reads only `reasoning` back, most others `reasoning_content`).
            bool hasContentField = !string.IsNullOrEmpty(delta.ReasoningContent);
            bool hasReasoningField = !string.IsNullOrEmpty(delta.Reasoning);
            _sawReasoningContent |= hasContentField;
            _sawReasoning |= hasReasoningField;
            var fieldText = hasContentField ? delta.ReasoningContent : delta.Reasoning;
            if (!string.IsNullOrEmpty(fieldText)) (_fieldReasoning ??= new System.Text.StringBuilder()).Append(fieldText);
            AppendReasoning(fieldText, updates);

            if (!string.IsNullOrEmpty(delta.Content))
            {
                if (!_splitThinkTags)
                {
                    AppendContent(delta.Content, updates);
                }
                else
                {
                    _thinkTags.Split(delta.Content!, out var content, out var reasoning);
                    AppendReasoning(reasoning, updates);
                    AppendContent(content, updates);
                }
            }

            if (delta.ReasoningDetails is { Length: > 0 } details) (_reasoningDetails ??= new ReasoningDetails()).Add(details);

            if (!string.IsNullOrEmpty(delta.Refusal)) updates.Add(ChatStreamUpdate.RefusalDelta(delta.Refusal!));

            if (delta.ToolCalls is { } toolCalls)
            {
                for (int i = 0; i < toolCalls.Count; i++)
                {
                    ApplyToolCall(toolCalls[i], i, updates);
                }
            }
        }

        private void ApplyToolCall(ToolCallDeltaDto delta, int position, List<ChatStreamUpdate> updates)
        {
            // Calls are numbered 0, 1, 2… in the order they appear, whatever the wire says: some servers
            // omit the index (fall back to the position in the array), start at 1 (OpenRouter's gpt-5
            // puts its reasoning item at 0) or repeat index 0 for every call.
            int wireIndex = delta.Index ?? position;
            var slots = _toolIndexMap ??= new Dictionary<int, int>();
            var calls = _calls ??= new List<WireCall>();
            if (!slots.TryGetValue(wireIndex, out int index) ||
                (!string.IsNullOrEmpty(delta.Id) && calls[index].Id is { } known && !string.Equals(known, delta.Id, System.StringComparison.Ordinal)))
            {
                // A new wire index, or a different call id at a used index (a server that repeats indexes): a new call.
                index = calls.Count;
                slots[wireIndex] = index;
                calls.Add(new WireCall());
            }

            var call = calls[index];
            if (!string.IsNullOrEmpty(delta.Id)) call.Id ??= delta.Id;
            if (!string.IsNullOrEmpty(delta.Function?.Name)) call.Name ??= delta.Function!.Name;

            if (!call.Started && call.Name is not null) Start(index, call.Name, updates);

            if (!string.IsNullOrEmpty(delta.Function?.Arguments))
            {
                if (call.Started) updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(index, delta.Function!.Arguments!));
                else call.PendingArguments += delta.Function!.Arguments;
            }
        }

        private void Start(int index, string name, List<ChatStreamUpdate> updates)
        {
            var call = _calls![index];
            call.Started = true;
            updates.Add(ChatStreamUpdate.ToolCallStarted(index, call.Id, name));
            if (call.PendingArguments is { } pending)
            {
                call.PendingArguments = null;
                updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(index, pending));
            }
        }

        private static void AppendReasoning(string? text, List<ChatStreamUpdate> updates)
        {
            if (!string.IsNullOrEmpty(text)) updates.Add(ChatStreamUpdate.ReasoningDelta(text!));
        }

        private static void AppendContent(string? text, List<ChatStreamUpdate> updates)
        {
            if (!string.IsNullOrEmpty(text)) updates.Add(ChatStreamUpdate.ContentDelta(text!));
        }

        private static void SetUsage(UsageDto usage, List<ChatStreamUpdate> updates)
        {
            int prompt = usage.PromptTokens ?? 0;
            int completion = usage.CompletionTokens ?? 0;
            updates.Add(ChatStreamUpdate.UsageReported(new ChatUsage(
                prompt,
                completion,
                usage.TotalTokens ?? prompt + completion,
                usage.CompletionDetails?.ReasoningTokens,
                usage.PromptDetails?.CachedTokens)));
        }

        private sealed class WireCall
        {
            public string? Id { get; set; }

            public string? Name { get; set; }

            public bool Started { get; set; }

            // Arguments that arrived before the call's name (published once the call starts).
            public string? PendingArguments { get; set; }
        }
    }
}
