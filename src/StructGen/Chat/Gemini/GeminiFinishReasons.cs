namespace StructGen.Chat
{
    /// <summary>Maps Gemini's <c>finishReason</c> and <c>promptFeedback.blockReason</c> to the neutral finish reason; the raw value is kept.</summary>
    internal static class GeminiFinishReasons
    {
        /// <summary>The raw value of a prompt blocked before any candidate: this prefix and the block reason.</summary>
        public const string PromptBlockedPrefix = "PROMPT_BLOCKED:";

        public static FinishReason Map(string raw, bool madeCalls) => new FinishReason(Kind(raw, madeCalls), raw);

        public static FinishReason PromptBlocked(string blockReason) => new FinishReason(FinishKind.ContentFilter, PromptBlockedPrefix + blockReason);

        private static FinishKind Kind(string raw, bool madeCalls) => raw switch
        {
            "STOP" or "FINISH_REASON_UNSPECIFIED" => madeCalls ? FinishKind.ToolCalls : FinishKind.Stop,
            "MAX_TOKENS" => FinishKind.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY"
                or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" or "MODEL_ARMOR" => FinishKind.ContentFilter,
            _ => FinishKind.Other,
        };
    }
}
