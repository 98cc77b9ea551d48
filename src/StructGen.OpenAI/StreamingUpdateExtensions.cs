using System;
using System.Collections.Generic;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>Typed partials over the OpenAI SDK's streaming updates.</summary>
    public static class StreamingUpdateExtensions
    {
        /// <summary>
        /// Reads the updates of <c>CompleteChatStreamingAsync</c> as typed partials of the generated type;
        /// the final value is in <see cref="StructuredStream{T, TPartial}.Result"/> once enumerated.
        /// The request must carry this type's response format (<see cref="StructuredOutputTypeExtensions.ToChatCompletionOptions"/>).
        /// </summary>
        /// <param name="updates">The streaming updates.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        public static StructuredStream<T, TPartial> AsStructuredStream<T, TPartial>(
            this IAsyncEnumerable<StreamingChatCompletionUpdate> updates,
            StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            if (updates is null) throw new ArgumentNullException(nameof(updates));
            if (type is null) throw new ArgumentNullException(nameof(type));
            return new UpdateSourceClient(updates).StreamStructuredAsync(type, UpdateSourceClient.Conversation);
        }
    }
}
