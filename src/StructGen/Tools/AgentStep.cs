using System;
using System.Collections.Generic;
using StructGen.Chat;

namespace StructGen.Tools
{
    /// <summary>What <see cref="AgentOptions.PrepareStep"/> sees before a request of the loop.</summary>
    public sealed class AgentStepContext
    {
        internal AgentStepContext(int step, IReadOnlyList<ModelMessage> messages, ChatRequestOptions options)
        {
            Step = step;
            Messages = messages;
            Options = options;
        }

        /// <summary>The 1-based number of the request about to be made.</summary>
        public int Step { get; }

        /// <summary>The conversation so far, as the loop would send it (read-only).</summary>
        public IReadOnlyList<ModelMessage> Messages { get; }

        /// <summary>
        /// A copy of the options the loop would send (client defaults filled in, <c>tools</c> and
        /// <c>tool_choice</c> set): change it and return it as <see cref="AgentStepOverrides.Options"/>.
        /// </summary>
        public ChatRequestOptions Options { get; }
    }

    /// <summary>What <see cref="AgentOptions.PrepareStep"/> changes for one request; unset members leave the loop's own.</summary>
    public sealed class AgentStepOverrides
    {
        /// <summary>
        /// The messages sent for this step instead of the conversation (which the loop keeps unchanged
        /// and appends this step's answer and tool results to). At least one message.
        /// </summary>
        public IReadOnlyList<ModelMessage>? Messages { get; set; }

        /// <summary>The tools offered for this step; an empty list sends no tools and no <c>tool_choice</c>.</summary>
        public IReadOnlyList<ToolDefinition>? Tools { get; set; }

        /// <summary>The tool choice for this step.</summary>
        public ToolChoice? ToolChoice { get; set; }

        /// <summary>
        /// The options for this step (merged over the client defaults), sent as they are: start from
        /// <see cref="AgentStepContext.Options"/> to keep the loop's tools and tool choice (new options
        /// without them send none). <see cref="Tools"/> and <see cref="ToolChoice"/> apply on top.
        /// </summary>
        public ChatRequestOptions? Options { get; set; }
    }

    /// <summary>One finished step, as <see cref="AgentOptions.StopWhen"/> sees it.</summary>
    public sealed class AgentStepResult
    {
        internal AgentStepResult(int step, string text, IReadOnlyList<ToolCall> toolCalls, IReadOnlyList<string> toolResults, FinishReason? finishReason, ChatUsage? usage, ChatUsage? totalUsage)
        {
            Step = step;
            Text = text;
            ToolCalls = toolCalls;
            ToolResults = toolResults;
            FinishReason = finishReason;
            Usage = usage;
            TotalUsage = totalUsage;
        }

        /// <summary>The 1-based step number.</summary>
        public int Step { get; }

        /// <summary>The step's assistant text.</summary>
        public string Text { get; }

        /// <summary>The calls the step made (they have run).</summary>
        public IReadOnlyList<ToolCall> ToolCalls { get; }

        /// <summary>What each call returned to the model, in the order of <see cref="ToolCalls"/>.</summary>
        public IReadOnlyList<string> ToolResults { get; }

        /// <summary>The step's finish reason.</summary>
        public FinishReason? FinishReason { get; }

        /// <summary>The step's usage, if reported.</summary>
        public ChatUsage? Usage { get; }

        /// <summary>Usage summed over every step so far, if reported.</summary>
        public ChatUsage? TotalUsage { get; }
    }
}
