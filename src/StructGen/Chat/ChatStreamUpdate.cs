namespace StructGen.Chat
{
    /// <summary>What a <see cref="ChatStreamUpdate"/> reports.</summary>
    public enum ChatStreamUpdateKind
    {
        /// <summary>More assistant text (<see cref="ChatStreamUpdate.Text"/>).</summary>
        ContentDelta,
        /// <summary>More reasoning text (<c>reasoning_content</c> / <c>reasoning</c>), never mixed into content.</summary>
        ReasoningDelta,
        /// <summary>More refusal text.</summary>
        RefusalDelta,
        /// <summary>A tool call started: its id and name are known (<see cref="ChatStreamUpdate.ToolCallIndex"/>).</summary>
        ToolCallStarted,
        /// <summary>More argument text for a tool call (<see cref="ChatStreamUpdate.Text"/>).</summary>
        ToolCallArgumentsDelta,
        /// <summary>A tool call is complete (<see cref="ChatStreamUpdate.ToolCall"/>): sent when the choice finishes.</summary>
        ToolCallCompleted,
        /// <summary>The choice finished (<see cref="ChatStreamUpdate.FinishReason"/>).</summary>
        Finished,
        /// <summary>
        /// Token usage arrived (<see cref="ChatStreamUpdate.Usage"/>): the totals so far. Some providers
        /// report them more than once (Groq): keep the last one, do not add them up.
        /// </summary>
        Usage,
    }

    /// <summary>
    /// One event of a streamed chat completion. A value type, so streaming allocates nothing per
    /// update beyond the text handed to you; <c>default</c> is not an update the stream produces.
    /// </summary>
    public readonly struct ChatStreamUpdate
    {
        internal ChatStreamUpdate(ChatStreamUpdateKind kind, string? text = null, int toolCallIndex = -1, ChatToolCall? toolCall = null, string? toolName = null, string? toolCallId = null, string? finishReason = null, ChatUsage? usage = null)
        {
            Kind = kind;
            Text = text;
            ToolCallIndex = toolCallIndex;
            ToolCall = toolCall;
            ToolName = toolName;
            ToolCallId = toolCallId;
            FinishReason = finishReason;
            Usage = usage;
        }

        /// <summary>What this update reports.</summary>
        public ChatStreamUpdateKind Kind { get; }

        /// <summary>The text delta (content, reasoning, refusal or tool arguments).</summary>
        public string? Text { get; }

        /// <summary>
        /// For tool updates: the call's position among this response's calls (0, 1, 2… in the order
        /// they started, the same as in <see cref="ChatStreamState.ToolCalls"/>), not the provider's
        /// wire index, which may start at 1 or repeat.
        /// </summary>
        public int ToolCallIndex { get; }

        /// <summary>The completed tool call, for <see cref="ChatStreamUpdateKind.ToolCallCompleted"/>.</summary>
        public ChatToolCall? ToolCall { get; }

        /// <summary>The tool's function name, for tool updates.</summary>
        public string? ToolName { get; }

        /// <summary>The tool call id, for tool updates.</summary>
        public string? ToolCallId { get; }

        /// <summary>The finish reason, for <see cref="ChatStreamUpdateKind.Finished"/>.</summary>
        public string? FinishReason { get; }

        /// <summary>The usage, for <see cref="ChatStreamUpdateKind.Usage"/>.</summary>
        public ChatUsage? Usage { get; }

        /// <inheritdoc />
        public override string ToString() => Kind + (Text is null ? string.Empty : ": " + Text);
    }
}
