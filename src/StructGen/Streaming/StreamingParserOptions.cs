namespace StructGen.Streaming
{
    /// <summary>
    /// What non-JSON text around the document a <see cref="StreamingParser{T, TPartial}"/> accepts.
    /// Immutable once built (init-only), so <see cref="Default"/> can be shared safely.
    /// </summary>
    public sealed class StreamingParserOptions
    {
        /// <summary>The default: whitespace, a Markdown code fence and a leading think block around the document are accepted.</summary>
        public static StreamingParserOptions Default { get; } = new StreamingParserOptions();

        /// <summary>Accept a <c>```json</c> … <c>```</c> fence around the document (default true).</summary>
        public bool AllowCodeFence { get; init; } = true;

        /// <summary>
        /// Skip a <c>&lt;think&gt;…&lt;/think&gt;</c> block before the document (default true): reasoning
        /// models on servers without a reasoning parser put their thinking there. The chat client already
        /// routes such a block to reasoning; this covers text from other sources (an <c>IChatClient</c>,
        /// the OpenAI SDK, your own loop).
        /// </summary>
        public bool AllowThinkBlock { get; init; } = true;

        /// <summary>
        /// Skip any text before the first <c>{</c> and after the document (for models without
        /// structured-output support that chat around the answer). Off by default: a strict provider
        /// never does this, and a stray <c>{</c> in the prose would be taken for the document.
        /// </summary>
        public bool AllowLeadingText { get; init; }
    }
}
