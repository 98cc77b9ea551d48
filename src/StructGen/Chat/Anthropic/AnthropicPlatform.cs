namespace StructGen.Chat
{
    /// <summary>Where an <see cref="AnthropicClient"/> sends its Messages requests, read from the endpoint.</summary>
    internal enum AnthropicPlatform
    {
        /// <summary>The Messages API (Anthropic's, or a gateway's): <c>{Endpoint}/messages</c>.</summary>
        Messages,

        /// <summary>Claude on Google Vertex AI: <c>models/{model}:streamRawPredict</c>.</summary>
        VertexAI,

        /// <summary>Claude on Amazon Bedrock: <c>model/{model}/invoke-with-response-stream</c>.</summary>
        Bedrock,
    }
}
