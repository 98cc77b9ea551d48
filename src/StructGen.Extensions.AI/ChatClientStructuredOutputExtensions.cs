using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Typed structured output over any <see cref="IChatClient"/>: the response format is set from the
    /// generated schema and the text is parsed by the generated deserializer (no reflection).
    /// </summary>
    public static class ChatClientStructuredOutputExtensions
    {
        /// <summary>Asks for a value of the generated type and returns it validated.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <exception cref="StructuredOutputException">The text is not a valid value of the type.</exception>
        /// <exception cref="StructuredChatException">The model hit the token limit or a content filter.</exception>
        public static async Task<StructuredChatResponse<T>> GenerateAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (type is null) throw new ArgumentNullException(nameof(type));
            if (messages is null) throw new ArgumentNullException(nameof(messages));

            var response = await client.GetResponseAsync(messages, type.CreateChatOptions(options), cancellationToken).ConfigureAwait(false);
            var text = response.Text;
            StructuredChatException.ThrowIfUnusable(response.FinishReason, text, null);
            return new StructuredChatResponse<T>(type.Parse(text), response);
        }

        /// <summary>Asks for a value of the generated type from one user prompt and returns it validated.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="prompt">The user message.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public static Task<StructuredChatResponse<T>> GenerateAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            string prompt,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
            => client.GenerateAsync(type, new[] { new ChatMessage(ChatRole.User, prompt) }, options, cancellationToken);

        /// <summary>
        /// Streams a value of the generated type as typed partials. The request starts when the result is
        /// enumerated; after the last partial, <see cref="StructuredChatStream{T, TPartial}.Result"/> holds the
        /// validated value.
        /// </summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="parserOptions">What text around the JSON document is tolerated.</param>
        public static StructuredChatStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default,
            StreamingParserOptions? parserOptions = null)
            where TPartial : class
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (type is null) throw new ArgumentNullException(nameof(type));
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            return new StructuredChatStream<T, TPartial>(client, new List<ChatMessage>(messages), type.CreateChatOptions(options), type.CreateParser(parserOptions), cancellationToken);
        }

        /// <summary>Streams a value of the generated type from one user prompt as typed partials.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="prompt">The user message.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public static StructuredChatStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            string prompt,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
            => client.GenerateStreamAsync(type, new[] { new ChatMessage(ChatRole.User, prompt) }, options, cancellationToken);
    }
}
