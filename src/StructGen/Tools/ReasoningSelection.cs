using System.Collections.Generic;
using StructGen.Chat;

namespace StructGen.Tools
{
    /// <summary>Which of a step's reasoning blocks the agent loop puts on the assistant message it appends (<see cref="ReasoningReplay"/>).</summary>
    internal static class ReasoningSelection
    {
        public static IReadOnlyList<ReasoningContent>? Select(IReadOnlyList<ReasoningContent> blocks, ReasoningReplay policy, bool toolCallTurn)
        {
            if (blocks.Count == 0 || policy == ReasoningReplay.None) return null;
            bool hasDetails = false, required = false;
            foreach (var block in blocks)
            {
                hasDetails |= ReasoningText.IsDetails(block);
                required |= block.MustSendBack;
            }

            var selected = new List<ReasoningContent>(blocks.Count);
            foreach (var block in blocks)
            {
                if (Keep(block, policy, toolCallTurn, hasDetails, required)) selected.Add(block);
            }

            return selected.Count == 0 ? null : selected;
        }

        private static bool Keep(ReasoningContent block, ReasoningReplay policy, bool toolCallTurn, bool hasDetails, bool required)
        {
            if (ReasoningText.IsText(block))
            {
                return policy switch
                {
                    ReasoningReplay.ReasoningContent or ReasoningReplay.Both => true,
                    // Auto: on tool-call turns, unless the provider gave reasoning_details (OpenRouter,
                    // whose documented replay is reasoning_details).
                    ReasoningReplay.Auto => toolCallTurn && !hasDetails,
                    _ => false,
                };
            }

            // reasoning_details and other protocols' blocks (Anthropic thinking, Responses reasoning items):
            // always with ReasoningDetails or Both, else only when the model needs them back.
            return policy is ReasoningReplay.ReasoningDetails or ReasoningReplay.Both || required;
        }
    }
}
