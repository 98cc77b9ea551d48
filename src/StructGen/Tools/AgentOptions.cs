using System;
using System.Collections.Generic;
using StructGen.Chat;

namespace StructGen.Tools
{
    /// <summary>What the agent loop does when a tool throws or gets invalid arguments.</summary>
    public enum ToolErrorBehavior
    {
        /// <summary>Send the error text back to the model as the tool result and carry on (the default).</summary>
        ReturnErrorToModel,
        /// <summary>Stop the loop and rethrow the exception.</summary>
        Throw,
    }

    /// <summary>Settings for <see cref="AgentExtensions.RunAgentAsync"/>.</summary>
    public sealed class AgentOptions
    {
        /// <summary>The most model requests the loop makes (default 8).</summary>
        public int MaxSteps { get; set; } = 8;

        /// <summary>Per-request settings (model, token limits…); <c>tools</c> and <c>tool_choice</c> are filled in.</summary>
        public ChatRequestOptions? Request { get; set; }

        /// <summary>
        /// Whether each step is a streamed request (default true). False sends non-streamed requests
        /// (no <c>stream</c> member) for servers or proxies that do not stream tool calls; the run
        /// yields the same events, each step's at once when its answer arrives.
        /// </summary>
        public bool Streaming { get; set; } = true;

        /// <summary>Whether several calls in one response run concurrently (default true).</summary>
        public bool RunToolsInParallel { get; set; } = true;

        /// <summary>What to do when a tool fails.</summary>
        public ToolErrorBehavior OnToolError { get; set; } = ToolErrorBehavior.ReturnErrorToModel;

        /// <summary>Tools whose call ends the loop once they ran (e.g. a <c>final_answer</c> tool).</summary>
        public ISet<string> StopAfterTools { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// When the assistant messages the loop appends carry the streamed <c>reasoning_details</c>
        /// (<see cref="Chat.ChatStreamState.ReasoningBlocks"/>) back to the provider. The default,
        /// <see cref="ReasoningDetailsReplay.WhenRequired"/>, sends them only for models that reject a
        /// tool-call follow-up without them (Gemini's thought signatures, format <c>google-gemini-*</c>).
        /// </summary>
        public ReasoningDetailsReplay ReasoningDetails { get; set; } = ReasoningDetailsReplay.WhenRequired;
    }

    /// <summary>Whether an agent loop sends <c>reasoning_details</c> back with the assistant's messages.</summary>
    public enum ReasoningDetailsReplay
    {
        /// <summary>Only for models that require it (Gemini thought signatures, format <c>google-gemini-*</c>).</summary>
        WhenRequired,
        /// <summary>Whenever the provider streamed some (OpenRouter's recommendation for all reasoning models).</summary>
        Always,
        /// <summary>Never.</summary>
        Never,
    }
}
