using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.OpenAI
{
    /// <summary>Typed structured output over the OpenAI SDK's <see cref="ChatClient"/>.</summary>
    public static class ChatClientStructuredOutputExtensions
    {
        /// <summary>Asks for a value of the generated type (response format set on the options) and returns it validated.</summary>
        /// <param name="client">The SDK chat client.</param>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Request options; their response format is set in place. <see langword="null"/> for new options.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <exception cref="StructuredOutputException">The text is not a valid value of the type.</exception>
        /// <exception cref="StructuredCompletionException">The model refused, hit the token limit or a content filter.</exception>
        public static async Task<StructuredCompletionResult<T>> GenerateAsync<T, TPartial>(
            this ChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatCompletionOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (type is null) throw new ArgumentNullException(nameof(type));
            if (messages is null) throw new ArgumentNullException(nameof(messages));

            var completion = (await client.CompleteChatAsync(messages, type.ToChatCompletionOptions(options), cancellationToken).ConfigureAwait(false)).Value;
            var text = new StringBuilder();
            foreach (var part in completion.Content)
            {
                if (part.Kind == ChatMessageContentPartKind.Text) text.Append(part.Text);
            }

            var json = text.ToString();
            StructuredCompletionException.ThrowIfUnusable(completion.FinishReason, json, completion.Refusal ?? string.Empty, null);
            return new StructuredCompletionResult<T>(type.Parse(json), json, completion.FinishReason, completion.Usage, completion.Id, completion.Model);
        }

        /// <summary>
        /// Streams a value of the generated type as typed partials (<c>CompleteChatStreamingAsync</c> with the
        /// response format set); the final value is in <see cref="StructuredCompletionStream{T, TPartial}.Result"/>
        /// once enumerated.
        /// </summary>
        /// <param name="client">The SDK chat client.</param>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Request options; their response format is set in place. <see langword="null"/> for new options.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <param name="parserOptions">What text around the JSON document is tolerated.</param>
        public static StructuredCompletionStream<T, TPartial> GenerateStreamAsync<T, TPartial>(
            this ChatClient client,
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatCompletionOptions? options = null,
            CancellationToken cancellationToken = default,
            StreamingParserOptions? parserOptions = null)
            where TPartial : class
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (type is null) throw new ArgumentNullException(nameof(type));
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var updates = client.CompleteChatStreamingAsync(messages, type.ToChatCompletionOptions(options), cancellationToken);
            return updates.AsStructuredStream(type, parserOptions);
        }
    }
}
