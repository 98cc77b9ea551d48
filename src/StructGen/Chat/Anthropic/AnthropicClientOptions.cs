using System;

namespace StructGen.Chat
{
    /// <summary>Settings for <see cref="AnthropicClient"/>.</summary>
    /// <remarks>
    /// Requests go to <c>{Endpoint}/messages</c> (default <c>https://api.anthropic.com/v1/</c>) with
    /// <c>x-api-key</c>, <c>anthropic-version</c> and, when set, <c>anthropic-beta</c>. Settings are read
    /// when each request starts, so changing them affects later requests only. See
    /// <c>docs/protocols/anthropic.md</c> for the mapping of options and events.
    /// </remarks>
    public sealed class AnthropicClientOptions : ModelClientOptions
    {
        /// <summary>The Anthropic endpoint used when none is given.</summary>
        public static readonly Uri AnthropicEndpoint = new Uri("https://api.anthropic.com/v1/");

        /// <summary>The <c>anthropic-version</c> header value sent by default.</summary>
        public const string DefaultApiVersion = "2023-06-01";

        /// <summary>Creates settings for the Anthropic endpoint; set <see cref="ModelClientOptions.Endpoint"/> for a gateway.</summary>
        public AnthropicClientOptions()
            : base(AnthropicEndpoint)
        {
        }

        /// <summary>The <c>anthropic-version</c> header (default <c>2023-06-01</c>); <see langword="null"/> or empty sends none.</summary>
        public string? ApiVersion { get; set; } = DefaultApiVersion;

        /// <summary>
        /// The <c>anthropic-beta</c> header: one or more beta names separated by commas
        /// (<c>interleaved-thinking-2025-05-14</c>, <c>fine-grained-tool-streaming-2025-05-14</c>…);
        /// <see langword="null"/> (the default) sends none.
        /// </summary>
        public string? Beta { get; set; }

        /// <summary>
        /// The <c>max_tokens</c> sent when a request sets neither <see cref="ChatRequestOptions.MaxTokens"/>
        /// nor <see cref="ChatRequestOptions.MaxCompletionTokens"/> (the API requires it). Default 4096;
        /// <see langword="null"/> makes an unset limit an error.
        /// </summary>
        public int? DefaultMaxTokens { get; set; } = 4096;
    }
}
