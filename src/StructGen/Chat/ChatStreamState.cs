using System.Collections.Generic;
using System.Text;

namespace StructGen.Chat
{
    /// <summary>
    /// Everything a streamed completion has delivered so far: text, reasoning, refusal, tool calls
    /// (accumulated by index, so parallel calls and whole calls in one chunk both work), usage,
    /// finish reason, id and model. Kept so a failure can report what already arrived.
    /// </summary>
    public sealed class ChatStreamState
    {
        private readonly StringBuilder _content = new StringBuilder();
        private readonly StringBuilder _reasoning = new StringBuilder();
        private readonly StringBuilder _refusal = new StringBuilder();
        private readonly List<ToolCallBuilder> _toolCalls = new List<ToolCallBuilder>();
        private ReasoningDetails? _reasoningDetails;

        /// <summary>The assistant text so far.</summary>
        public string Content => _content.ToString();

        /// <summary>The reasoning text so far (providers that stream it).</summary>
        public string Reasoning => _reasoning.ToString();

        /// <summary>
        /// OpenRouter's structured reasoning (<c>reasoning_details</c>: reasoning text, summaries,
        /// encrypted reasoning and signatures) merged into the JSON array a follow-up request sends
        /// back with the assistant message; <see langword="null"/> when the provider sent none.
        /// </summary>
        public string? ReasoningDetailsJson => _reasoningDetails is null || _reasoningDetails.IsEmpty ? null : _reasoningDetails.ToJson();

        /// <summary>The refusal text so far, or empty.</summary>
        public string Refusal => _refusal.ToString();

        /// <summary>The completion id (from the first chunk that had one).</summary>
        public string? Id { get; internal set; }

        /// <summary>The model that answered.</summary>
        public string? Model { get; internal set; }

        /// <summary>The request id from the <c>x-request-id</c> response header.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>The finish reason, once the choice finished.</summary>
        public string? FinishReason { get; internal set; }

        /// <summary>The usage, once reported.</summary>
        public ChatUsage? Usage { get; internal set; }

        /// <summary>The number of SSE events received.</summary>
        public int EventCount { get; internal set; }

        /// <summary>
        /// The tool calls so far, in the order they started (arguments may be incomplete before the
        /// finish). A call's position here is the <see cref="ChatStreamUpdate.ToolCallIndex"/> of its
        /// updates, whatever index the provider used on the wire.
        /// </summary>
        public IReadOnlyList<ChatToolCall> ToolCalls
        {
            get
            {
                var calls = new List<ChatToolCall>(_toolCalls.Count);
                foreach (var call in _toolCalls) calls.Add(call.Build());
                return calls;
            }
        }

        internal void AppendContent(string text) => _content.Append(text);

        internal void AppendReasoning(string text) => _reasoning.Append(text);

        internal void AppendRefusal(string text) => _refusal.Append(text);

        internal void AddReasoningDetails(string json) => (_reasoningDetails ??= new ReasoningDetails()).Add(json);

        /// <summary>Whether the reasoning details come from a model family that must get them back (see <c>AgentOptions.ReasoningDetails</c>).</summary>
        internal bool ReasoningDetailsHaveFormat(string prefix) => _reasoningDetails is not null && _reasoningDetails.HasFormat(prefix);

        internal int ToolCallCount => _toolCalls.Count;

        // Calls are numbered densely in order of appearance (ChunkProcessor), so a new one is always the next.
        internal ToolCallBuilder GetOrAddToolCall(int index, out bool added)
        {
            added = index == _toolCalls.Count;
            if (added) _toolCalls.Add(new ToolCallBuilder(index));
            return _toolCalls[index];
        }

        internal IEnumerable<ToolCallBuilder> ToolCallBuilders => _toolCalls;

        internal sealed class ToolCallBuilder
        {
            private readonly StringBuilder _arguments = new StringBuilder();

            public ToolCallBuilder(int index) => Index = index;

            public int Index { get; }

            public string? Id { get; set; }

            public string? Name { get; set; }

            public bool StartReported { get; set; }

            public bool Completed { get; set; }

            public void AppendArguments(string text) => _arguments.Append(text);

            public string Arguments => _arguments.ToString();

            public ChatToolCall Build() => new ChatToolCall(Id ?? "call_" + Index, Name ?? string.Empty, _arguments.Length == 0 ? "{}" : _arguments.ToString());
        }
    }
}
