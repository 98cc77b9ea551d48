using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>
    /// The OpenAI SDK's <see cref="ChatClient"/> as a StructGen <see cref="ModelClient"/>: the neutral
    /// request becomes <see cref="ChatCompletionOptions"/> and SDK messages, and the SDK's
    /// <see cref="StreamingChatCompletionUpdate"/>s (or one <see cref="ChatCompletion"/>) become
    /// <see cref="ChatStreamUpdate"/>s, so typed partials, element streams, validation, repair, the agent
    /// loop and generated <c>Generate{Type}Async</c> methods work over it.
    /// </summary>
    public sealed class OpenAIChatModelClient : ModelClient
    {
        // Messages the caller gave as SDK messages are sent as given (images, audio, names);
        // only the messages the core adds (repair turns, schema instruction, agent turns) are converted.
        private readonly ConditionalWeakTable<ModelMessage, ChatMessage> _originals = new ConditionalWeakTable<ModelMessage, ChatMessage>();
        private readonly ChatCompletionOptions? _options;

        /// <summary>Wraps an SDK chat client (its model is the one it was created with).</summary>
        /// <param name="client">The SDK chat client.</param>
        /// <param name="options">
        /// Options every request uses; modified in place with what the request sets (response format,
        /// forced tool, token limit, sampling). Settings the neutral request has no word for go here.
        /// </param>
        public OpenAIChatModelClient(ChatClient client, ChatCompletionOptions? options = null)
            : base(new AdapterOptions())
        {
            InnerClient = client ?? throw new ArgumentNullException(nameof(client));
            _options = options;
        }

        /// <summary>The wrapped SDK chat client.</summary>
        public ChatClient InnerClient { get; }

        /// <summary>Neutral messages standing for <paramref name="messages"/>, which are sent unchanged when this client sends them.</summary>
        internal List<ModelMessage> Wrap(IEnumerable<ChatMessage> messages)
        {
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var list = new List<ModelMessage>();
            foreach (var message in messages)
            {
                if (message is null) throw new ArgumentException("The conversation contains a null message.", nameof(messages));
                var wrapped = ChatMessageMapping.ToModelMessage(message);
                _originals.Add(wrapped, message);
                list.Add(wrapped);
            }

            return list;
        }

        /// <inheritdoc />
        protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var messages = new List<ChatMessage>(request.Messages.Count);
            foreach (var message in request.Messages)
            {
                if (_originals.TryGetValue(message, out var original)) messages.Add(original);
                else messages.AddRange(ChatMessageMapping.ToChatMessages(message));
            }

            var options = CompletionOptionsMapping.Apply(request.Options, _options ?? new ChatCompletionOptions());
            var mapper = new StreamingUpdateMapper();
            if (!request.Stream)
            {
                var completion = (await InnerClient.CompleteChatAsync(messages, options, cancellationToken).ConfigureAwait(false)).Value;
                foreach (var mapped in StreamingUpdateMapper.Map(completion)) yield return mapped;
                yield break;
            }

            await foreach (var update in InnerClient.CompleteChatStreamingAsync(messages, options, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var mapped in mapper.Map(update)) yield return mapped;
            }
        }

        internal sealed class AdapterOptions : ModelClientOptions
        {
            // The endpoint and model are the SDK client's; an empty model satisfies the core and is not sent.
            public AdapterOptions()
                : base(new Uri("openai-sdk://chat-client/"))
            {
                Model = string.Empty;
                Defaults = new ChatRequestOptions();
            }
        }
    }
}
