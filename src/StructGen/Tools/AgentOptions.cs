using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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
        /// Which reasoning the assistant messages the loop appends carry back to the provider
        /// (<see cref="Chat.ReasoningReplay"/>). <see langword="null"/> (the default) takes the client's
        /// setting (<see cref="ChatCompletionsClientOptions.ReasoningReplay"/>, itself
        /// <see cref="Chat.ReasoningReplay.Auto"/> unless set).
        /// </summary>
        public ReasoningReplay? ReasoningReplay { get; set; }

        /// <summary>
        /// Called before each request of the loop (like the Vercel AI SDK's <c>prepareStep</c>) with the
        /// step number, the conversation so far and the request options; may return other messages,
        /// tools, tool choice or options for that step only (<see langword="null"/>: no change). For cache
        /// markers on the newest message, narrowing the tools after the first step, or forcing a final
        /// answer on the last one.
        /// </summary>
        public Func<AgentStepContext, CancellationToken, ValueTask<AgentStepOverrides?>>? PrepareStep { get; set; }

        /// <summary>
        /// Checked after each step whose tool calls ran: <see langword="true"/> ends the loop
        /// (<see cref="AgentStopReason.StopCondition"/>). A token budget across steps, for example:
        /// <c>s =&gt; s.TotalUsage?.TotalTokens &gt; 20_000</c>.
        /// </summary>
        public Func<AgentStepResult, bool>? StopWhen { get; set; }

        /// <summary>
        /// Asked about each completed call before any of the step's calls run (one at a time, in order):
        /// <see cref="ToolApproval.Approve"/>, <see cref="ToolApproval.Deny"/> (the message goes back to the
        /// model as the call's result, <see cref="AgentEvent.IsError"/> set, and the loop goes on) or
        /// <see cref="ToolApproval.Edit"/> (the tool runs with other arguments). <see langword="null"/>: every call runs.
        /// </summary>
        public Func<ToolCall, CancellationToken, ValueTask<ToolApproval>>? ApproveToolCall { get; set; }
    }
}
