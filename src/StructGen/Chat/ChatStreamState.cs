using System;
using System.Collections.Generic;
using System.Text;

namespace StructGen.Chat
{
    /// <summary>
    /// Everything a response has delivered so far, folded from its <see cref="ChatStreamUpdate"/>s by
    /// <see cref="ChatStream"/>: text, reasoning, refusal, tool calls (accumulated by index, so
    /// parallel calls and whole calls in one chunk both work), reasoning blocks to send back, usage,
    /// finish reason, id and model. Kept so a failure can report what already arrived.
    /// </summary>
    public sealed class ChatStreamState
    {
        // Created on first use: most responses have only text, and a service may hold many open streams (each keeps
        // one reference for everything but the text and the id).
        private OtherParts? _other;

        // The text: a StringBuilder of it, or (a structured stream) the IContentText that keeps every content delta
        // already, read rather than copied; the state then counts the characters itself.
        private object? _content;
        private int _contentLength;

        /// <summary>Something that keeps the assistant text as it arrives (a structured stream's parser).</summary>
        internal interface IContentText
        {
            /// <summary>The text received so far.</summary>
            string Text { get; }
        }

        /// <summary>The assistant text so far.</summary>
        public string Content => _content switch
        {
            IContentText owner => owner.Text,
            StringBuilder text => text.ToString(),
            _ => string.Empty,
        };

        /// <summary>The reasoning text so far (providers that show it).</summary>
        public string Reasoning => _other?.Reasoning?.ToString() ?? string.Empty;

        /// <summary>
        /// The whole reasoning blocks so far, with what each provider needs back on the next turn of a
        /// tool loop (signatures, encrypted reasoning, <c>reasoning_details</c>).
        /// </summary>
        public IReadOnlyList<ReasoningContent> ReasoningBlocks => (IReadOnlyList<ReasoningContent>?)_other?.ReasoningBlocks ?? Array.Empty<ReasoningContent>();

        /// <summary>The refusal text so far, or empty.</summary>
        public string Refusal => _other?.Refusal?.ToString() ?? string.Empty;

        /// <summary>The response id (from the first event that had one).</summary>
        public string? Id { get; private set; }

        /// <summary>The model that answered.</summary>
        public string? Model { get; private set; }

        /// <summary>The request id from the response headers (<c>x-request-id</c>, <c>request-id</c>…).</summary>
        public string? RequestId { get; internal set; }

        /// <summary>The finish reason, once the model finished.</summary>
        public FinishReason? FinishReason => _other?.FinishReason;

        /// <summary>The usage, once reported.</summary>
        public ChatUsage? Usage => _other?.Usage;

        /// <summary>The number of HTTP attempts the request took (1 without retries).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>The number of wire events received (SSE events, or 1 for a whole JSON body).</summary>
        public int EventCount { get; internal set; }

        /// <summary>
        /// The tool calls so far, in the order they started (arguments may be incomplete before the
        /// finish). A call's position here is the <see cref="ChatStreamUpdate.ToolCallIndex"/> of its
        /// updates, whatever index the provider used on the wire.
        /// </summary>
        public IReadOnlyList<ToolCall> ToolCalls
        {
            get
            {
                var calls = new ToolCall[ToolCallCount];
                for (int i = 0; i < calls.Length; i++) calls[i] = _other!.ToolCalls![i].Build();
                return calls;
            }
        }

        /// <summary>The number of tool calls so far.</summary>
        public int ToolCallCount => _other?.ToolCalls?.Count ?? 0;

        /// <summary>The number of characters of assistant text so far (without building the text).</summary>
        public int ContentLength => _content is StringBuilder text ? text.Length : _contentLength;

        /// <summary>
        /// Folds one update in and returns it with what the state knows added (a tool call's name and
        /// id on its argument deltas, the whole call on its completion). Returns false for an update
        /// that changes nothing a reader should see (a repeated usage, a second finish, a completion
        /// of a call already completed).
        /// </summary>
        internal bool Apply(ref ChatStreamUpdate update)
        {
            switch (update.Kind)
            {
                case ChatStreamUpdateKind.ContentDelta:
                    if (_content is IContentText)
                    {
                        _contentLength += update.Text?.Length ?? 0;
                    }
                    else
                    {
                        ((StringBuilder)(_content ??= new StringBuilder())).Append(update.Text);
                    }

                    return true;
                case ChatStreamUpdateKind.ReasoningDelta:
                    (Other.Reasoning ??= new StringBuilder()).Append(update.Text);
                    return true;
                case ChatStreamUpdateKind.RefusalDelta:
                    (Other.Refusal ??= new StringBuilder()).Append(update.Text);
                    return true;
                case ChatStreamUpdateKind.ToolCallStarted:
                {
                    var call = Call(update.ToolCallIndex);
                    call.Id ??= update.ToolCallId;
                    call.Name ??= update.ToolName;
                    if (call.StartReported) return false;
                    call.StartReported = true;
                    return true;
                }

                case ChatStreamUpdateKind.ToolCallArgumentsDelta:
                {
                    var call = Call(update.ToolCallIndex);
                    call.AppendArguments(update.Text!);
                    update = update.With(call.Name, call.Id, null);
                    return true;
                }

                case ChatStreamUpdateKind.ToolCallCompleted:
                {
                    var call = Call(update.ToolCallIndex);
                    if (call.Completed) return false;
                    call.Signature ??= update.Text;
                    call.Completed = true;
                    var built = call.Build();
                    update = update.With(built.Name, built.Id, built);
                    return true;
                }

                case ChatStreamUpdateKind.Finished:
                    if (FinishReason is not null) return false;
                    Other.FinishReason = update.FinishReason;
                    return true;
                case ChatStreamUpdateKind.Usage:
                    if (Usage is { } previous && SameCounts(previous, update.Usage!)) return false;
                    Other.Usage = update.Usage;
                    return true;
                case ChatStreamUpdateKind.ResponseStarted:
                    Id ??= update.ResponseId;
                    Model ??= update.Model;
                    return true;
                case ChatStreamUpdateKind.ReasoningCompleted:
                    (Other.ReasoningBlocks ??= new List<ReasoningContent>()).Add(update.Reasoning!);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Reads the content from <paramref name="owner"/> from now on, which must receive every content
        /// delta this state folds in before anyone reads <see cref="Content"/>. Only before any content.
        /// </summary>
        internal void ShareContent(IContentText owner)
        {
            if (_content is StringBuilder) throw new InvalidOperationException("The content is shared only before any arrives.");
            _content = owner;
        }

        /// <summary>The calls not yet completed, in order: completed by the stream when the model finishes.</summary>
        internal IEnumerable<int> OpenToolCalls()
        {
            for (int i = 0; i < ToolCallCount; i++)
            {
                if (!_other!.ToolCalls![i].Completed) yield return i;
            }
        }

        // Indexes are dense in order of appearance; a gap (a call that has not started yet) is filled.
        private ToolCallBuilder Call(int index)
        {
            var calls = Other.ToolCalls ??= new List<ToolCallBuilder>();
            while (calls.Count <= index) calls.Add(new ToolCallBuilder(calls.Count));
            return calls[index];
        }

        private static bool SameCounts(ChatUsage a, ChatUsage b) =>
            a.PromptTokens == b.PromptTokens && a.CompletionTokens == b.CompletionTokens && a.TotalTokens == b.TotalTokens &&
            a.ReasoningTokens == b.ReasoningTokens && a.CachedPromptTokens == b.CachedPromptTokens;

        private OtherParts Other => _other ??= new OtherParts();

        /// <summary>Whether anything but text arrived (reasoning, refusal, tool calls, reasoning blocks): for tests.</summary>
        internal bool HoldsOtherParts => _other is not null;

        // Everything but the text and the identity, each part created on first use; the finish reason and usage come at
        // the end, so an open stream's state holds none of this.
        private sealed class OtherParts
        {
            public FinishReason? FinishReason;
            public ChatUsage? Usage;
            public StringBuilder? Reasoning;
            public StringBuilder? Refusal;
            public List<ToolCallBuilder>? ToolCalls;
            public List<ReasoningContent>? ReasoningBlocks;
        }

        private sealed class ToolCallBuilder
        {
            private StringBuilder? _arguments;

            public ToolCallBuilder(int index) => Index = index;

            public int Index { get; }

            public string? Id { get; set; }

            public string? Name { get; set; }

            public string? Signature { get; set; }

            public bool StartReported { get; set; }

            public bool Completed { get; set; }

            public void AppendArguments(string text) => (_arguments ??= new StringBuilder()).Append(text);

            public ToolCall Build() => new ToolCall(Id ?? "call_" + Index, Name ?? string.Empty, _arguments is not { Length: > 0 } arguments ? "{}" : arguments.ToString(), Signature);
        }
    }
}
