using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>
    /// A <see cref="ModelClient"/> whose answer is a stream of SDK updates the caller already requested:
    /// the request the core builds is not sent (the caller's request carried the response format), so
    /// updates read this way go through the same structured stream as every other client.
    /// </summary>
    internal sealed class UpdateSourceClient : ModelClient
    {
        private readonly IAsyncEnumerable<StreamingChatCompletionUpdate> _updates;

        public UpdateSourceClient(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
            : base(new OpenAIChatModelClient.AdapterOptions())
        {
            _updates = updates;
        }

        /// <summary>Stands for the caller's conversation, which was sent with the updates' request.</summary>
        public static IReadOnlyList<ModelMessage> Conversation { get; } = new[] { ModelMessage.User("(the request that produced these updates)") };

        protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var mapper = new StreamingUpdateMapper();
            await foreach (var update in _updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var mapped in mapper.Map(update)) yield return mapped;
            }
        }
    }
}
