using System.Collections.Generic;

namespace StructGen.Chat
{
    /// <summary>
    /// One request as a wire client receives it: the conversation and the options already merged
    /// with the client's defaults, with structured output and tools expressed as typed options
    /// (<see cref="ChatRequestOptions.ResponseFormat"/>, <see cref="ChatRequestOptions.Tools"/>,
    /// <see cref="ChatRequestOptions.ToolChoice"/>). The client writes it in its protocol's shape.
    /// </summary>
    public sealed class ModelRequest
    {
        internal ModelRequest(IReadOnlyList<ModelMessage> messages, ChatRequestOptions options, bool stream)
        {
            Messages = messages;
            Options = options;
            Stream = stream;
        }

        /// <summary>The conversation, at least one message.</summary>
        public IReadOnlyList<ModelMessage> Messages { get; }

        /// <summary>The options, merged with the client's defaults (a copy the client may read freely).</summary>
        public ChatRequestOptions Options { get; }

        /// <summary>Whether to ask for a streamed answer (false: one whole body, decoded the same way).</summary>
        public bool Stream { get; }
    }
}
