using System;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>Settings for <see cref="AnthropicClient"/>.</summary>
    /// <remarks>
    /// Requests go to <c>{Endpoint}/messages</c> (default <c>https://api.anthropic.com/v1/</c>) with
    /// <c>x-api-key</c>, <c>anthropic-version</c> and, when set, <c>anthropic-beta</c>. For Claude on Google
    /// Vertex AI set <see cref="ModelClientOptions.Endpoint"/> to
    /// <c>https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/anthropic/</c>:
    /// requests then go to <c>models/{model}:streamRawPredict</c> (or <c>:rawPredict</c>), the body carries
    /// <see cref="VertexApiVersion"/> and no model, and the token of <see cref="AccessTokenProvider"/> (or
    /// <see cref="ModelClientOptions.ApiKey"/>, as an access token) goes in <c>Authorization: Bearer</c>. For Claude on Amazon
    /// Bedrock set it to <c>https://bedrock-runtime.{region}.amazonaws.com/</c>: requests go to
    /// <c>model/{model}/invoke-with-response-stream</c> (or <c>/invoke</c>) with the model id escaped, the body carries
    /// <see cref="BedrockApiVersion"/>, no model and no <c>stream</c> member, and <see cref="Beta"/> as an
    /// <c>anthropic_beta</c> array; a Bedrock API key (from <see cref="AccessTokenProvider"/> or <see cref="ModelClientOptions.ApiKey"/>)
    /// goes in <c>Authorization: Bearer</c>. AWS SigV4 signing is not built in: put a signing <c>DelegatingHandler</c> on the
    /// <c>HttpClient</c> and leave both unset. The streamed answer is an AWS event stream, read as Messages events. Settings are read
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

        /// <summary>The <c>anthropic_version</c> body member Claude on Vertex AI requires.</summary>
        public const string DefaultVertexApiVersion = "vertex-2023-10-16";

        /// <summary>The <c>anthropic-version</c> header (default <c>2023-06-01</c>); <see langword="null"/> or empty sends none. Not sent to Vertex AI or Amazon Bedrock.</summary>
        public string? ApiVersion { get; set; } = DefaultApiVersion;

        /// <summary>
        /// The <c>anthropic-beta</c> header: one or more beta names separated by commas
        /// (<c>interleaved-thinking-2025-05-14</c>, <c>fine-grained-tool-streaming-2025-05-14</c>…);
        /// <see langword="null"/> (the default) sends none. Amazon Bedrock takes them in the body instead, as an <c>anthropic_beta</c> array.
        /// </summary>
        public string? Beta { get; set; }

        /// <summary>
        /// The <c>max_tokens</c> sent when a request sets neither <see cref="ChatRequestOptions.MaxTokens"/>
        /// nor <see cref="ChatRequestOptions.MaxCompletionTokens"/> (the API requires it). Default 4096;
        /// <see langword="null"/> makes an unset limit an error.
        /// </summary>
        public int? DefaultMaxTokens { get; set; } = 4096;

        /// <summary>
        /// A bearer token source, called once per request (not per retry): required by Claude on Vertex AI (a Google
        /// OAuth access token), or an Amazon Bedrock API key; usable with gateways that take <c>Authorization: Bearer</c>. A null or empty token sends
        /// no <c>Authorization</c> header. Outside Vertex AI, <see cref="ModelClientOptions.ApiKey"/> still goes in <c>x-api-key</c>.
        /// </summary>
        public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

        /// <summary>The <c>anthropic_version</c> member of request bodies sent to Vertex AI (default <c>vertex-2023-10-16</c>).</summary>
        public string VertexApiVersion { get; set; } = DefaultVertexApiVersion;

        /// <summary>The <c>anthropic_version</c> body member Claude on Amazon Bedrock requires.</summary>
        public const string DefaultBedrockApiVersion = "bedrock-2023-05-31";

        /// <summary>The <c>anthropic_version</c> member of request bodies sent to Amazon Bedrock (default <c>bedrock-2023-05-31</c>).</summary>
        public string BedrockApiVersion { get; set; } = DefaultBedrockApiVersion;

        /// <summary>Where requests go, read from <see cref="ModelClientOptions.Endpoint"/> (each request reads it anew).</summary>
        internal AnthropicPlatform Platform => IsVertexAI ? AnthropicPlatform.VertexAI : IsBedrock ? AnthropicPlatform.Bedrock : AnthropicPlatform.Messages;

        /// <summary>
        /// Whether <see cref="ModelClientOptions.Endpoint"/> is Amazon Bedrock's runtime (<c>bedrock-runtime.{region}.amazonaws.com</c>
        /// or <c>bedrock-runtime-fips.{region}.amazonaws.com</c>).
        /// </summary>
        internal bool IsBedrock =>
            Endpoint is { IsAbsoluteUri: true } endpoint
            && (endpoint.Host.StartsWith("bedrock-runtime.", StringComparison.OrdinalIgnoreCase) || endpoint.Host.StartsWith("bedrock-runtime-fips.", StringComparison.OrdinalIgnoreCase))
            && (endpoint.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || endpoint.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase));

        /// <summary>Whether <see cref="ModelClientOptions.Endpoint"/> is Vertex AI's Anthropic publisher (<c>*aiplatform.googleapis.com/…/publishers/anthropic/</c>).</summary>
        internal bool IsVertexAI =>
            Endpoint is { IsAbsoluteUri: true } endpoint
            && endpoint.Host.EndsWith("aiplatform.googleapis.com", StringComparison.OrdinalIgnoreCase)
            && endpoint.AbsolutePath.TrimEnd('/').EndsWith("/publishers/anthropic", StringComparison.Ordinal);
    }
}
