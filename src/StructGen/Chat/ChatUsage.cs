namespace StructGen.Chat
{
    /// <summary>Token usage reported by the provider.</summary>
    public sealed class ChatUsage
    {
        /// <summary>Creates a usage record.</summary>
        public ChatUsage(int promptTokens, int completionTokens, int totalTokens, int? reasoningTokens = null, int? cachedPromptTokens = null)
        {
            PromptTokens = promptTokens;
            CompletionTokens = completionTokens;
            TotalTokens = totalTokens;
            ReasoningTokens = reasoningTokens;
            CachedPromptTokens = cachedPromptTokens;
        }

        /// <summary>Tokens in the prompt.</summary>
        public int PromptTokens { get; }

        /// <summary>
        /// Tokens generated, as the provider counts them: OpenAI and most others include reasoning
        /// tokens here; some (xAI) report reasoning tokens only in the details and in the total.
        /// </summary>
        public int CompletionTokens { get; }

        /// <summary>Prompt plus completion tokens.</summary>
        public int TotalTokens { get; }

        /// <summary>Reasoning tokens, when the provider reports them.</summary>
        public int? ReasoningTokens { get; }

        /// <summary>Prompt tokens served from cache, when the provider reports them.</summary>
        public int? CachedPromptTokens { get; }

        /// <summary>Adds two usage records (for multi-step loops and retries).</summary>
        public static ChatUsage operator +(ChatUsage left, ChatUsage right) => new ChatUsage(
            left.PromptTokens + right.PromptTokens,
            left.CompletionTokens + right.CompletionTokens,
            left.TotalTokens + right.TotalTokens,
            Sum(left.ReasoningTokens, right.ReasoningTokens),
            Sum(left.CachedPromptTokens, right.CachedPromptTokens));

        /// <inheritdoc />
        public override string ToString() => $"prompt {PromptTokens}, completion {CompletionTokens}, total {TotalTokens}";

        private static int? Sum(int? a, int? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
    }
}
