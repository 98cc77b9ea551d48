namespace StructGen.Chat
{
    /// <summary>
    /// Per-request settings. Anything left <see langword="null"/> falls back to
    /// <see cref="ChatCompletionsClientOptions"/>, and is omitted from the request when unset there too.
    /// </summary>
    public sealed class ChatRequestOptions
    {
        /// <summary>The model id.</summary>
        public string? Model { get; set; }

        /// <summary><c>max_completion_tokens</c> (OpenAI reasoning models and newer).</summary>
        public int? MaxCompletionTokens { get; set; }

        /// <summary><c>max_tokens</c> (older models and most OpenAI-compatible servers).</summary>
        public int? MaxTokens { get; set; }

        /// <summary><c>temperature</c>.</summary>
        public double? Temperature { get; set; }

        /// <summary><c>top_p</c>.</summary>
        public double? TopP { get; set; }

        /// <summary><c>seed</c>.</summary>
        public long? Seed { get; set; }

        /// <summary><c>reasoning_effort</c> (<c>low</c>, <c>medium</c>, <c>high</c>) for reasoning models.</summary>
        public string? ReasoningEffort { get; set; }

        /// <summary>Whether to ask for usage in the final stream chunk (<c>stream_options.include_usage</c>).</summary>
        public bool? IncludeUsage { get; set; }

        /// <summary>The raw <c>response_format</c> JSON object, e.g. a generated <c>ResponseFormatJson</c>.</summary>
        public string? ResponseFormatJson { get; set; }

        /// <summary>The raw <c>tools</c> JSON array, e.g. a generated tools payload.</summary>
        public string? ToolsJson { get; set; }

        /// <summary>The raw <c>tool_choice</c> JSON value (e.g. <c>"auto"</c> with quotes, or a function object).</summary>
        public string? ToolChoiceJson { get; set; }

        /// <summary><c>parallel_tool_calls</c>.</summary>
        public bool? ParallelToolCalls { get; set; }

        /// <summary>
        /// For <c>Generate{Type}Async</c>: when the final value fails validation, how many times to
        /// send the error (JSON path, expected, got) back to the model and ask again (default 0).
        /// Usage is summed over the attempts.
        /// </summary>
        public int? RepairAttempts { get; set; }

        /// <summary>
        /// How structured output is requested: the generated <c>response_format</c> (the default) or a
        /// forced function call carrying the schema as its parameters, for providers without
        /// <c>json_schema</c> support. Both stream into the same typed partials.
        /// </summary>
        public StructuredOutputMode? StructuredOutputMode { get; set; }

        /// <summary>A shallow copy, so defaults can be filled in without changing the caller's object.</summary>
        public ChatRequestOptions Clone() => (ChatRequestOptions)MemberwiseClone();
    }

    /// <summary>How a structured-output request asks the model for the schema.</summary>
    public enum StructuredOutputMode
    {
        /// <summary><c>response_format: {"type":"json_schema", …}</c> (OpenAI structured outputs).</summary>
        ResponseFormat,
        /// <summary>One function tool whose parameters are the schema, forced with <c>tool_choice</c>.</summary>
        ForcedToolCall,
    }
}
