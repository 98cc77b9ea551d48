using System;

namespace StructGen.Chat
{
    /// <summary>What a <see cref="ChatStreamUpdate"/> reports.</summary>
    public enum ChatStreamUpdateKind
    {
        /// <summary>Answer text: <see cref="ChatStreamUpdate.Text"/>.</summary>
        ContentDelta,

        /// <summary>Reasoning text the provider shows: <see cref="ChatStreamUpdate.Text"/>.</summary>
        ReasoningDelta,

        /// <summary>Refusal text: <see cref="ChatStreamUpdate.Text"/>.</summary>
        RefusalDelta,

        /// <summary>A tool call began: index, id and name.</summary>
        ToolCallStarted,

        /// <summary>A piece of a tool call's arguments JSON: <see cref="ChatStreamUpdate.Text"/>.</summary>
        ToolCallArgumentsDelta,

        /// <summary>A tool call is whole: <see cref="ChatStreamUpdate.ToolCall"/>.</summary>
        ToolCallCompleted,

        /// <summary>The model finished: <see cref="ChatStreamUpdate.FinishReason"/>.</summary>
        Finished,

        /// <summary>Token usage was reported: <see cref="ChatStreamUpdate.Usage"/>.</summary>
        Usage,

        /// <summary>The response's identity arrived: <see cref="ChatStreamUpdate.ResponseId"/>, <see cref="ChatStreamUpdate.Model"/>.</summary>
        ResponseStarted,

        /// <summary>A reasoning block is whole, with what the provider needs back on the next turn: <see cref="ChatStreamUpdate.Reasoning"/>.</summary>
        ReasoningCompleted,
    }

    /// <summary>
    /// One protocol-neutral event of a streamed response. Adapters create them with the static
    /// factories; <see cref="ChatStream"/> folds them into its <see cref="ChatStreamState"/>.
    /// </summary>
    public readonly struct ChatStreamUpdate
    {
        private readonly object? _payload;

        private ChatStreamUpdate(ChatStreamUpdateKind kind, string? text = null, int toolCallIndex = -1, string? toolName = null, string? toolCallId = null, object? payload = null)
        {
            Kind = kind;
            Text = text;
            ToolCallIndex = toolCallIndex;
            ToolName = toolName;
            ToolCallId = toolCallId;
            _payload = payload;
        }

        /// <summary>What this update reports.</summary>
        public ChatStreamUpdateKind Kind { get; }

        /// <summary>The text of a content, reasoning, refusal or arguments delta.</summary>
        public string? Text { get; }

        /// <summary>The tool call's position in the answer (0, 1, 2… in order of appearance), or -1.</summary>
        public int ToolCallIndex { get; }

        /// <summary>The tool's name on tool-call updates.</summary>
        public string? ToolName { get; }

        /// <summary>The tool call's id on tool-call updates.</summary>
        public string? ToolCallId { get; }

        /// <summary>The whole call of a <see cref="ChatStreamUpdateKind.ToolCallCompleted"/> update.</summary>
        public ToolCall? ToolCall => _payload as ToolCall;

        /// <summary>The reason of a <see cref="ChatStreamUpdateKind.Finished"/> update.</summary>
        public FinishReason? FinishReason => _payload as FinishReason;

        /// <summary>The counts of a <see cref="ChatStreamUpdateKind.Usage"/> update.</summary>
        public ChatUsage? Usage => _payload as ChatUsage;

        /// <summary>The block of a <see cref="ChatStreamUpdateKind.ReasoningCompleted"/> update.</summary>
        public ReasoningContent? Reasoning => _payload as ReasoningContent;

        /// <summary>The provider's response id on a <see cref="ChatStreamUpdateKind.ResponseStarted"/> update.</summary>
        public string? ResponseId => Kind == ChatStreamUpdateKind.ResponseStarted ? ToolCallId : null;

        /// <summary>The model that answered, on a <see cref="ChatStreamUpdateKind.ResponseStarted"/> update.</summary>
        public string? Model => Kind == ChatStreamUpdateKind.ResponseStarted ? ToolName : null;

        /// <summary>Answer text.</summary>
        public static ChatStreamUpdate ContentDelta(string text) => new ChatStreamUpdate(ChatStreamUpdateKind.ContentDelta, Required(text));

        /// <summary>Reasoning text.</summary>
        public static ChatStreamUpdate ReasoningDelta(string text) => new ChatStreamUpdate(ChatStreamUpdateKind.ReasoningDelta, Required(text));

        /// <summary>Refusal text.</summary>
        public static ChatStreamUpdate RefusalDelta(string text) => new ChatStreamUpdate(ChatStreamUpdateKind.RefusalDelta, Required(text));

        /// <summary>A tool call began. Indexes are dense: the first call of an answer is 0, the next 1…</summary>
        public static ChatStreamUpdate ToolCallStarted(int index, string? id, string name) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallStarted, toolCallIndex: Index(index), toolName: Required(name), toolCallId: id);

        /// <summary>A piece of the arguments JSON of the call at <paramref name="index"/> (started before).</summary>
        public static ChatStreamUpdate ToolCallArgumentsDelta(int index, string text) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallArgumentsDelta, Required(text), Index(index));

        /// <summary>
        /// The call at <paramref name="index"/> is whole. Adapters may leave this out: the stream
        /// completes every open call when the model finishes.
        /// </summary>
        /// <param name="index">The call's index.</param>
        /// <param name="signature">A provider token that must go back with the call (Gemini's thought signature), if any.</param>
        public static ChatStreamUpdate ToolCallCompleted(int index, string? signature = null) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.ToolCallCompleted, signature, Index(index));

        /// <summary>The model finished.</summary>
        public static ChatStreamUpdate Finished(FinishReason reason) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.Finished, payload: reason ?? throw new ArgumentNullException(nameof(reason)));

        /// <summary>Token usage so far (a later report replaces an earlier one).</summary>
        public static ChatStreamUpdate UsageReported(ChatUsage usage) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.Usage, payload: usage ?? throw new ArgumentNullException(nameof(usage)));

        /// <summary>The response's id and model, as the provider reported them.</summary>
        public static ChatStreamUpdate ResponseStarted(string? responseId, string? model) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.ResponseStarted, toolName: model, toolCallId: responseId);

        /// <summary>A whole reasoning block, with what the provider needs back on the next turn.</summary>
        public static ChatStreamUpdate ReasoningCompleted(ReasoningContent reasoning) =>
            new ChatStreamUpdate(ChatStreamUpdateKind.ReasoningCompleted, payload: reasoning ?? throw new ArgumentNullException(nameof(reasoning)));

        // The stream adds what it knows (name, id, whole call) before publishing an update.
        internal ChatStreamUpdate With(string? toolName, string? toolCallId, ToolCall? call) =>
            new ChatStreamUpdate(Kind, Kind == ChatStreamUpdateKind.ToolCallCompleted ? null : Text, ToolCallIndex, toolName, toolCallId, call ?? _payload);

        /// <inheritdoc />
        public override string ToString() => Kind + (Text is null ? string.Empty : ": " + Text);

        private static string Required(string text) => text ?? throw new ArgumentNullException(nameof(text));

        private static int Index(int index) => index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(index), index, "A tool-call index is 0 or more.");
    }
}
