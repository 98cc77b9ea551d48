using System;
using System.Collections.Generic;
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

        /// <summary>The answer's format; generated types give theirs (<c>T.StructuredOutput.ResponseFormat</c>). Raw JSON for a protocol's own shape goes in <see cref="AdditionalProperties"/>.</summary>
        public ResponseFormat? ResponseFormat { get; set; }

        /// <summary>The tools the model may call (generated: <c>MyTools.ToolDefinitions</c> or a <c>ToolSet</c>'s definitions).</summary>
        public IReadOnlyList<StructGen.Tools.ToolDefinition>? Tools { get; set; }

        /// <summary>What the model may do with <see cref="Tools"/>.</summary>
        public ToolChoice? ToolChoice { get; set; }

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

        /// <summary>
        /// With <see cref="Chat.StructuredOutputMode.ForcedToolCall"/>: whether the forced tool is sent in
        /// strict mode (<c>strict: true</c> and the strict schema) or not (<c>strict: false</c> and the
        /// natural schema: optional members may be left out, no <c>additionalProperties: false</c>), for
        /// providers and models that reject strict function calling. <see langword="null"/>: the
        /// client's default (strict for chat completions, natural for Anthropic).
        /// </summary>
        public bool? StrictForcedTool { get; set; }

        /// <summary>
        /// <see langword="false"/> sends a non-streamed request (no <c>stream</c> member) even from the
        /// streaming APIs, for servers or proxies that cannot stream: the whole answer then arrives at
        /// once and is read as one event, with the same updates, partials and failures. Default
        /// (<see langword="null"/>): streamed, except <c>CompleteAsync</c>.
        /// </summary>
        public bool? Stream { get; set; }

        /// <summary>
        /// How often a structured stream publishes typed partials: after every delta, once per batch of
        /// deltas already received, or at most once per interval (<see cref="Chat.PartialPublication"/>).
        /// Default (<see langword="null"/>): <see cref="Chat.PartialPublication.EveryDelta"/>. Only typed
        /// partials are affected: chat updates, text streams and element streams are not.
        /// </summary>
        public PartialPublication? PartialPublication { get; set; }

        /// <summary>
        /// Extra top-level request members: name → raw JSON value (<c>"0.2"</c>, <c>"\"auto\""</c>,
        /// <c>"{\"order\":[\"groq\"]}"</c>), written verbatim after the known members. For provider
        /// extensions (OpenRouter's <c>provider</c> and <c>reasoning</c>, vLLM's <c>guided_json</c>,
        /// Ollama's <c>options</c>) and standard members without a property here (<c>stop</c>,
        /// <c>user</c>, <c>metadata</c>, <c>service_tier</c>). Entries of the client defaults are added
        /// unless the request sets the same name. A name the request already has (from a property that is set) is rejected
        /// when the request is built; an invalid JSON value is rejected with its name.
        /// </summary>
        public IDictionary<string, string>? AdditionalProperties { get; set; }

        /// <summary>A copy (the <see cref="AdditionalProperties"/> dictionary too), so defaults can be filled in without changing the caller's object.</summary>
        public ChatRequestOptions Clone()
        {
            var copy = (ChatRequestOptions)MemberwiseClone();
            if (AdditionalProperties is not null) copy.AdditionalProperties = new Dictionary<string, string>(AdditionalProperties, StringComparer.Ordinal);
            return copy;
        }
    }

    /// <summary>How a structured-output request asks the model for the schema.</summary>
    public enum StructuredOutputMode
    {
        /// <summary><c>response_format: {"type":"json_schema", …}</c> (OpenAI structured outputs).</summary>
        ResponseFormat,
        /// <summary>One function tool whose parameters are the schema, forced with <c>tool_choice</c>.</summary>
        ForcedToolCall,
        /// <summary>
        /// <c>response_format: {"type":"json_object"}</c> (JSON mode) with the schema given to the model in a
        /// system message placed first, for providers with JSON mode but no <c>json_schema</c>
        /// (DeepSeek, several local servers). The schema is not enforced by the provider: the final
        /// value is still validated here.
        /// </summary>
        JsonObject,
    }
}
