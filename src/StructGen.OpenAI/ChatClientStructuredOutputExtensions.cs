using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>
    /// Typed structured output over the OpenAI SDK's <see cref="ChatClient"/>: the client is read through an
    /// <see cref="OpenAIChatModelClient"/>, so partials, element streams, validation, repair and typed
    /// failures are the core's (<see cref="StructuredStream{T, TPartial}"/>, <see cref="StructuredResult{T}"/>,
    /// <see cref="ChatStreamException"/>), the same as every other StructGen client.
    /// </summary>
    public static class ChatClientStructuredOutputExtensions
    {
        /// <summary>Asks for a value of the generated type (one non-streamed completion) and returns it validated.</summary>
        /// <param name="client">The SDK chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation; sent as given.</param>
        /// <param name="options">Request options; their response format is set in place. <see langword="null"/> for new options.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="requestOptions">Core settings (<see cref="ChatRequestOptions.RepairAttempts"/>, <see cref="ChatRequestOptions.StructuredOutputMode"/>…); <see cref="ChatRequestOptions.Stream"/> defaults to <see langword="false"/> here.</param>
        /// <exception cref="StructuredOutputException">The text is not a valid value of the type.</exception>
        /// <exception cref="StructuredOutputRepairException">Every repair attempt failed validation.</exception>
        /// <exception cref="ChatStreamException">The model refused, hit the token limit or a content filter (<see cref="ChatStreamException.Failure"/>).</exception>
        public static Task<StructuredResult<T>> GenerateAsync<T, TPartial>(
            this ChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatCompletionOptions? options = null,
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

        /// <summary>
        /// Streams a value of the generated type as typed partials (<c>CompleteChatStreamingAsync</c> with the
        /// response format set); the final value is in <see cref="StructuredStream{T, TPartial}.Result"/>
        /// once enumerated.
        /// </summary>
        /// <param name="client">The SDK chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="messages">The conversation; sent as given.</param>
        /// <param name="options">Request options; their response format is set in place. <see langword="null"/> for new options.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="requestOptions">Core settings (<see cref="ChatRequestOptions.StructuredOutputMode"/>…).</param>
        public static StructuredStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this ChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatCompletionOptions? options = null,
            CancellationToken cancellationToken = default,
            ChatRequestOptions? requestOptions = null)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            var model = Adapt(client, messages, options, out var conversation);
            return model.StreamStructuredAsync(type, conversation, requestOptions, cancellationToken);
        }

        private static OpenAIChatModelClient Adapt(ChatClient client, IEnumerable<ChatMessage> messages, ChatCompletionOptions? options, out List<ModelMessage> conversation)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var model = new OpenAIChatModelClient(client, options);
            conversation = model.Wrap(messages);
            return model;
        }
    }
}
