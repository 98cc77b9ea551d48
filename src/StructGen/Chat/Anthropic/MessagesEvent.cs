namespace StructGen.Chat.Anthropic
{
    /// <summary>The members of one Messages stream event the decoder uses (one reused instance, reset per event).</summary>
    internal sealed class MessagesEvent
    {
        public string? Type;
        public int Index = -1;

        // message_start: message.id / message.model.
        public string? MessageId;
        public string? Model;

        // content_block_start: the block.
        public string? BlockType;
        public string? BlockId;
        public string? BlockName;
        public string? BlockText;
        public string? BlockThinking;
        public string? BlockSignature;
        public string? BlockData;
        public string? BlockInput;

        // content_block_delta / message_delta: the delta.
        public string? DeltaType;
        public string? DeltaText;
        public string? StopReason;

        // message_start (message.usage) / message_delta (usage).
        public readonly MessagesUsage Usage = new MessagesUsage();

        public void Reset()
        {
            Type = MessageId = Model = null;
            BlockType = BlockId = BlockName = BlockText = BlockThinking = BlockSignature = BlockData = BlockInput = null;
            DeltaType = DeltaText = StopReason = null;
            Index = -1;
            Usage.Reset();
        }
    }

    /// <summary>Token counts as Anthropic reports them; absent fields stay null (a later report replaces present fields only).</summary>
    internal sealed class MessagesUsage
    {
        public int? InputTokens;
        public int? OutputTokens;
        public int? CacheReadInputTokens;
        public int? CacheCreationInputTokens;
        public int? ThinkingTokens;

        public bool Any => InputTokens is not null || OutputTokens is not null || CacheReadInputTokens is not null || CacheCreationInputTokens is not null || ThinkingTokens is not null;

        public void Reset() => InputTokens = OutputTokens = CacheReadInputTokens = CacheCreationInputTokens = ThinkingTokens = null;

        /// <summary>Takes every field <paramref name="other"/> reports.</summary>
        public void Merge(MessagesUsage other)
        {
            InputTokens = other.InputTokens ?? InputTokens;
            OutputTokens = other.OutputTokens ?? OutputTokens;
            CacheReadInputTokens = other.CacheReadInputTokens ?? CacheReadInputTokens;
            CacheCreationInputTokens = other.CacheCreationInputTokens ?? CacheCreationInputTokens;
            ThinkingTokens = other.ThinkingTokens ?? ThinkingTokens;
        }

        /// <summary>
        /// The neutral counts: prompt = input + cache read + cache creation (every prompt token, as
        /// OpenAI counts them; Anthropic's <c>input_tokens</c> alone excludes the cached ones), cached =
        /// cache read, completion = output (thinking included), reasoning = thinking tokens when reported.
        /// </summary>
        public ChatUsage ToChatUsage()
        {
            int prompt = (InputTokens ?? 0) + (CacheReadInputTokens ?? 0) + (CacheCreationInputTokens ?? 0);
            int completion = OutputTokens ?? 0;
            return new ChatUsage(prompt, completion, prompt + completion, ThinkingTokens, CacheReadInputTokens);
        }
    }
}
