using StructGen.Chat;

namespace StructGen.Tools
{
    /// <summary>What an <see cref="AgentEvent"/> reports.</summary>
    public enum AgentEventKind
    {
        /// <summary>Assistant text arrived.</summary>
        TextDelta,
        /// <summary>Reasoning text arrived.</summary>
        ReasoningDelta,
        /// <summary>The model started a tool call.</summary>
        ToolCallStarted,
        /// <summary>More argument text for a tool call.</summary>
        ToolCallArgumentsDelta,
        /// <summary>A tool call's arguments are complete; it is about to run.</summary>
        ToolCallCompleted,
        /// <summary>A tool ran; <see cref="AgentEvent.Result"/> is what goes back to the model.</summary>
        ToolResult,
        /// <summary>One model request finished (<see cref="AgentEvent.FinishReason"/>, <see cref="AgentEvent.Usage"/>).</summary>
        StepCompleted,
    }

    /// <summary>One event of an agent run.</summary>
    public sealed class AgentEvent
    {
        internal AgentEvent(AgentEventKind kind, int step, string? text = null, int toolCallIndex = -1, string? toolName = null, ToolCall? toolCall = null, string? result = null, bool isError = false, FinishReason? finishReason = null, ChatUsage? usage = null, object? partialArguments = null)
        {
            PartialArguments = partialArguments;
            Kind = kind;
            Step = step;
            Text = text;
            ToolCallIndex = toolCallIndex;
            ToolName = toolName;
            ToolCall = toolCall;
            Result = result;
            IsError = isError;
            FinishReason = finishReason;
            Usage = usage;
        }

        /// <summary>What happened.</summary>
        public AgentEventKind Kind { get; }

        /// <summary>The 1-based model request this event belongs to.</summary>
        public int Step { get; }

        /// <summary>Text or argument delta.</summary>
        public string? Text { get; }

        /// <summary>The tool call's index within its response.</summary>
        public int ToolCallIndex { get; }

        /// <summary>
        /// For <see cref="AgentEventKind.ToolCallArgumentsDelta"/> of a generated tool: the typed partial
        /// arguments so far (the generated <c>{Tool}ArgumentsPartial</c>, with the usual guarantees),
        /// or <see langword="null"/> before anything visible arrived, for hand-registered tools without
        /// a parser, and once the argument text stopped being valid JSON (the call then fails when it runs).
        /// </summary>
        public object? PartialArguments { get; }

        /// <summary>The tool name, for tool events.</summary>
        public string? ToolName { get; }

        /// <summary>The completed call, for <see cref="AgentEventKind.ToolCallCompleted"/> and <see cref="AgentEventKind.ToolResult"/>.</summary>
        public ToolCall? ToolCall { get; }

        /// <summary>The tool result sent back to the model.</summary>
        public string? Result { get; }

        /// <summary>Whether the tool failed (the result then describes the error).</summary>
        public bool IsError { get; }

        /// <summary>The step's finish reason.</summary>
        public FinishReason? FinishReason { get; }

        /// <summary>The step's usage.</summary>
        public ChatUsage? Usage { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Step}] {Kind} {ToolName} {Text ?? Result}".TrimEnd();
    }
}
