using System.Collections.Generic;
using StructGen.Chat;

namespace StructGen.Tools
{
    /// <summary>Why an agent run ended.</summary>
    public enum AgentStopReason
    {
        /// <summary>The model answered without calling a tool.</summary>
        Completed,
        /// <summary>A tool listed in <see cref="AgentOptions.StopAfterTools"/> ran.</summary>
        StopTool,
        /// <summary><see cref="AgentOptions.MaxSteps"/> requests were made.</summary>
        MaxSteps,
        /// <summary><see cref="AgentOptions.StopWhen"/> returned true.</summary>
        StopCondition,
    }

    /// <summary>The outcome of an agent run.</summary>
    public sealed class AgentResult
    {
        internal AgentResult(string text, IReadOnlyList<ModelMessage> messages, ChatUsage? usage, int steps, AgentStopReason stopReason, FinishReason? finishReason)
        {
            Text = text;
            Messages = messages;
            Usage = usage;
            Steps = steps;
            StopReason = stopReason;
            FinishReason = finishReason;
        }

        /// <summary>The assistant's final text.</summary>
        public string Text { get; }

        /// <summary>The whole conversation, including assistant tool calls and tool results.</summary>
        public IReadOnlyList<ModelMessage> Messages { get; }

        /// <summary>Usage summed over every request.</summary>
        public ChatUsage? Usage { get; }

        /// <summary>How many model requests were made.</summary>
        public int Steps { get; }

        /// <summary>Why the loop ended.</summary>
        public AgentStopReason StopReason { get; }

        /// <summary>The last request's finish reason.</summary>
        public FinishReason? FinishReason { get; }
    }
}
