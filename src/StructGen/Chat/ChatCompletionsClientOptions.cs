using System;

namespace StructGen.Chat
{
    /// <summary>Settings for <see cref="ChatCompletionsClient"/>.</summary>
    public sealed class ChatCompletionsClientOptions
    {
        /// <summary>The OpenAI endpoint used when none is given.</summary>
        public static readonly Uri OpenAIEndpoint = new Uri("https://api.openai.com/v1/");

        /// <summary>
        /// The API base URL, up to and including the version segment (<c>https://api.openai.com/v1/</c>,
        /// <c>http://localhost:11434/v1/</c>, <c>https://openrouter.ai/api/v1/</c>). Requests go to
        /// <c>{Endpoint}/chat/completions</c>.
        /// </summary>
        public Uri Endpoint { get; set; } = OpenAIEndpoint;

        /// <summary>
        /// The API key sent as <c>Authorization: Bearer …</c>; <see langword="null"/> for servers
        /// without authentication. Never included in exception messages, logs or cassettes.
        /// </summary>
        public string? ApiKey { get; set; }

        /// <summary>The default model id.</summary>
        public string? Model { get; set; }

        /// <summary>Default request settings; per-call <see cref="ChatRequestOptions"/> override them.</summary>
        public ChatRequestOptions Defaults { get; set; } = new ChatRequestOptions { IncludeUsage = true };

        /// <inheritdoc />
        public override string ToString() => $"Endpoint={Endpoint}, Model={Model}, ApiKey={(ApiKey is null ? "(none)" : "***")}";
    }
}
