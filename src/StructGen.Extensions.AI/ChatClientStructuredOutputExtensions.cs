using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Typed structured output over any <see cref="IChatClient"/>: the client is read through a
    /// <see cref="ChatClientModelClient"/>, so partials, element streams, validation, repair and typed
    /// failures are the core's (<see cref="StructuredStream{T, TPartial}"/>, <see cref="StructuredResult{T}"/>,
    /// <see cref="ChatStreamException"/>), the same as every other StructGen client.
    /// </summary>
    public static class ChatClientStructuredOutputExtensions
    {
        /// <summary>Asks for a value of the generated type (one non-streamed response) and returns it validated.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation; sent as given.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="requestOptions">Core settings (<see cref="ChatRequestOptions.RepairAttempts"/>, <see cref="ChatRequestOptions.StructuredOutputMode"/>…); <see cref="ChatRequestOptions.Stream"/> defaults to <see langword="false"/> here.</param>
        /// <exception cref="StructuredOutputException">The text is not a valid value of the type.</exception>
        /// <exception cref="StructuredOutputRepairException">Every repair attempt failed validation.</exception>
        /// <exception cref="ChatStreamException">The model hit the token limit, a content filter stopped it, or it refused (<see cref="ChatStreamException.Failure"/>).</exception>
        public static Task<StructuredResult<T>> GenerateAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default,
            ChatRequestOptions? requestOptions = null)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            var model = Adapt(client, messages, options, out var conversation);

            // One whole response, as the SDK's non-streaming call gives it, unless the caller asks to stream.
            var settings = requestOptions?.Clone() ?? new ChatRequestOptions();
            settings.Stream ??= false;
            return model.GenerateStructuredAsync(type, conversation, settings, cancellationToken);
        }

        /// <summary>Asks for a value of the generated type from one user prompt and returns it validated.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="prompt">The user message.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public static Task<StructuredResult<T>> GenerateAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            string prompt,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
            => client.GenerateAsync(type, new[] { new ChatMessage(ChatRole.User, prompt) }, options, cancellationToken);

        /// <summary>
        /// Streams a value of the generated type as typed partials. The request starts when the result is
        /// enumerated; after the last partial, <see cref="StructuredStream{T, TPartial}.Result"/> holds the
        /// validated value.
        /// </summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation; sent as given.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="requestOptions">Core settings (<see cref="ChatRequestOptions.StructuredOutputMode"/>…).</param>
        public static StructuredStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default,
            ChatRequestOptions? requestOptions = null)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            var model = Adapt(client, messages, options, out var conversation);
            return model.StreamStructuredAsync(type, conversation, requestOptions, cancellationToken);
        }

        /// <summary>Streams a value of the generated type from one user prompt as typed partials.</summary>
        /// <param name="client">Any chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="prompt">The user message.</param>
        /// <param name="options">Request options; copied, with the response format set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public static StructuredStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this IChatClient client,
            StructuredOutputType<T, TPartial> type,
            string prompt,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
            => client.GenerateStreamAsync(type, new[] { new ChatMessage(ChatRole.User, prompt) }, options, cancellationToken);

        private static ChatClientModelClient Adapt(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, out List<ModelMessage> conversation)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var model = new ChatClientModelClient(client, options);
            conversation = model.Wrap(messages);
            return model;
        }
    }
}
