using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Any <see cref="IChatClient"/> as a StructGen <see cref="ModelClient"/>: the neutral request becomes
    /// <see cref="ChatOptions"/> and <see cref="ChatMessage"/>s, and the client's
    /// <see cref="ChatResponseUpdate"/>s become <see cref="ChatStreamUpdate"/>s, so typed partials, element
    /// streams, validation, repair, the agent loop and generated <c>Generate{Type}Async</c> methods work over it.
    /// </summary>
    public sealed class ChatClientModelClient : ModelClient
    {
        // Messages the caller gave as MEAI messages are sent as given (images, raw representations and all);
        // only the messages the core adds (repair turns, schema instruction, agent turns) are converted.
        private readonly ConditionalWeakTable<ModelMessage, ChatMessage> _originals = new ConditionalWeakTable<ModelMessage, ChatMessage>();
        private readonly ChatOptions? _options;

        /// <summary>Wraps a chat client.</summary>
        /// <param name="client">The chat client that answers.</param>
        /// <param name="options">
        /// Options every request starts from (copied, never modified): settings the neutral request has no
        /// word for (<see cref="ChatOptions.MaxOutputTokens"/>, tools, provider properties) go here.
        /// </param>
        public ChatClientModelClient(IChatClient client, ChatOptions? options = null)
            : base(new AdapterOptions())
        {
            InnerClient = client ?? throw new ArgumentNullException(nameof(client));
            _options = options;
        }

        /// <summary>The wrapped chat client.</summary>
        public IChatClient InnerClient { get; }

        /// <summary>A neutral message standing for <paramref name="message"/>, which is sent unchanged when this client sends it.</summary>
        internal ModelMessage Wrap(ChatMessage message)
        {
            if (message is null) throw new ArgumentNullException(nameof(message));
            var wrapped = ChatMessageMapping.ToModelMessage(message);
            _originals.Add(wrapped, message);
            return wrapped;
        }

        /// <summary>Neutral messages standing for <paramref name="messages"/> (see <see cref="Wrap(ChatMessage)"/>).</summary>
        internal List<ModelMessage> Wrap(IEnumerable<ChatMessage> messages)
        {
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var list = new List<ModelMessage>();
            foreach (var message in messages) list.Add(Wrap(message));
            return list;
        }

        /// <inheritdoc />
        protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var messages = new List<ChatMessage>(request.Messages.Count);
            foreach (var message in request.Messages)
            {
                messages.Add(_originals.TryGetValue(message, out var original) ? original : ChatMessageMapping.ToChatMessage(message));
            }

            var options = ChatOptionsMapping.Create(request.Options, _options);
            var mapper = new ChatResponseUpdateMapper();
            if (!request.Stream)
            {
                var response = await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
                foreach (var update in response.ToChatResponseUpdates())
                {
                    foreach (var mapped in mapper.Map(update, state)) yield return mapped;
                }
            }
            else
            {
                await foreach (var update in InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var mapped in mapper.Map(update, state)) yield return mapped;
                }
            }

            // An IChatClient reports transport failures as exceptions, and not every provider behind it
            // reports a finish reason: an update sequence that ended normally is a complete answer.
            if (!mapper.Finished) yield return ChatStreamUpdate.Finished(FinishReason.Unspecified);
        }

        private sealed class AdapterOptions : ModelClientOptions
        {
            // The endpoint is the IChatClient's business; an empty model sends none (ChatOptions.ModelId wins).
            public AdapterOptions()
                : base(new Uri("meai://chat-client/"))
            {
                Model = string.Empty;
                Defaults = new ChatRequestOptions();
            }
        }
    }
}
