using System;
using System.Collections.Generic;
using OpenAI.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.OpenAI
{
    /// <summary>Typed partials over the OpenAI SDK's streaming updates.</summary>
    public static class StreamingUpdateExtensions
    {
        /// <summary>
        /// Reads the updates of <c>CompleteChatStreamingAsync</c> as typed partials of the generated type;
        /// the final value is in <see cref="StructuredCompletionStream{T, TPartial}.Result"/> once enumerated.
        /// The request must carry this type's response format (<see cref="StructuredOutputTypeExtensions.ToChatCompletionOptions"/>).
        /// </summary>
        /// <param name="updates">The streaming updates.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="parserOptions">What text around the JSON document is tolerated.</param>
        public static StructuredCompletionStream<T, TPartial> AsStructuredStream<T, TPartial>(
            this IAsyncEnumerable<StreamingChatCompletionUpdate> updates,
            StructuredOutputType<T, TPartial> type,
            StreamingParserOptions? parserOptions = null)
            where TPartial : class
        {
            if (updates is null) throw new ArgumentNullException(nameof(updates));
            if (type is null) throw new ArgumentNullException(nameof(type));
            return new StructuredCompletionStream<T, TPartial>(updates, type.CreateParser(parserOptions));
        }
    }
}
