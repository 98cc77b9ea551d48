using System;

namespace StructGen.Chat
{
    /// <summary>Settings for <see cref="ChatCompletionsClient"/>.</summary>
    /// <remarks>
    /// Requests go to <c>{Endpoint}/chat/completions</c> (<c>https://api.openai.com/v1/</c>,
    /// <c>http://localhost:11434/v1/</c>, <c>https://openrouter.ai/api/v1/</c>; Azure OpenAI
    /// deployments: <c>https://{resource}.openai.azure.com/openai/deployments/{name}/?api-version=2024-10-21</c>).
    /// Settings are read when each request starts, so changing them affects later requests only.
    /// </remarks>
    public sealed class ChatCompletionsClientOptions : ModelClientOptions
    {
        /// <summary>The OpenAI endpoint used when none is given.</summary>
        public static readonly Uri OpenAIEndpoint = new Uri("https://api.openai.com/v1/");

        /// <summary>Creates settings for the OpenAI endpoint; set <see cref="ModelClientOptions.Endpoint"/> for another server.</summary>
        public ChatCompletionsClientOptions()
            : base(OpenAIEndpoint)
        {
        }

        /// <summary>
        /// The header that carries <see cref="ModelClientOptions.ApiKey"/>: <see langword="null"/> (the default) sends
        /// <c>Authorization: Bearer {key}</c>; Azure OpenAI deployment URLs want <c>api-key</c>.
        /// Either way the key is never logged and is redacted from recorded cassettes.
        /// </summary>
        public string? ApiKeyHeader { get; set; }

        /// <summary>
        /// Whether a <c>&lt;think&gt;…&lt;/think&gt;</c> block at the start of the content is surfaced as
        /// reasoning (default true). Local servers running reasoning models without a reasoning parser
        /// (Ollama, llama.cpp, vLLM, LM Studio) stream the model's thinking that way; left in the
        /// content it would break structured output. Set false to receive the content untouched.
        /// </summary>
        public bool ThinkTagsAsReasoning { get; set; } = true;

        /// <summary>
        /// Which reasoning the agent loop sends back with the assistant's tool-call messages
        /// (<c>reasoning_content</c> / <c>reasoning</c>, <c>reasoning_details</c>) when the run does not
        /// say (<see cref="Tools.AgentOptions.ReasoningReplay"/>). The default,
        /// <see cref="Chat.ReasoningReplay.Auto"/>, follows the providers' documentation (docs/providers.md).
        /// </summary>
        public ReasoningReplay ReasoningReplay { get; set; } = ReasoningReplay.Auto;
    }
}
