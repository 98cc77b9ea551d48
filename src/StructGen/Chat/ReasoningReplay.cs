namespace StructGen.Chat
{
    /// <summary>
    /// Which of an answer's reasoning goes back to a chat-completions provider with the assistant
    /// message on the next turn of a tool loop. Providers disagree (see <c>docs/providers.md</c>):
    /// Moonshot's Kimi thinking models, DeepSeek's thinking mode and Z.ai's GLM want the
    /// <c>reasoning_content</c> text back on the tool-call turn, OpenRouter wants its
    /// <c>reasoning_details</c>, older servers reject members they do not know.
    /// </summary>
    public enum ReasoningReplay
    {
        /// <summary>
        /// The documented default: on an assistant message with tool calls, the reasoning text in the
        /// field it arrived in (<c>reasoning_content</c> or <c>reasoning</c>) unless the answer also
        /// carried <c>reasoning_details</c>; <c>reasoning_details</c> only when the model rejects the
        /// next turn without them (Gemini thought signatures); blocks of other protocols when they
        /// must go back. Nothing on an answer without tool calls (DeepSeek ignores it there, and its
        /// first reasoner rejected it).
        /// </summary>
        Auto,

        /// <summary>Nothing is sent back (not even blocks a model requires: its next turn may then be rejected).</summary>
        None,

        /// <summary><c>reasoning_details</c> (and other protocols' blocks) whenever the provider streamed some; no reasoning text.</summary>
        ReasoningDetails,

        /// <summary>
        /// The reasoning text, in the field it arrived in, on every assistant message that had some;
        /// <c>reasoning_details</c> and other protocols' blocks only when the model needs them back.
        /// </summary>
        ReasoningContent,

        /// <summary>Both the <c>reasoning_details</c> and the reasoning text, whenever the provider streamed them.</summary>
        Both,
    }
}
