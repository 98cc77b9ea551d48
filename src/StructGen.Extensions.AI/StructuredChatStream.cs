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
    /// A structured response streamed from an <see cref="IChatClient"/> as typed partials: the text of
    /// each <see cref="ChatResponseUpdate"/> is fed to the generated parser and a new immutable partial is
    /// yielded whenever something visible changed. After the stream ends, <see cref="Result"/> holds the
    /// validated value. Enumerate once.
    /// </summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed class StructuredChatStream<T, TPartial> : IAsyncEnumerable<TPartial>
        where TPartial : class
    {
        private readonly IChatClient _client;
        private readonly IEnumerable<ChatMessage> _messages;
        private readonly ChatOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly List<ChatResponseUpdate> _updates = new List<ChatResponseUpdate>();
        private StructuredChatResponse<T>? _result;
        private int _started;

        internal StructuredChatStream(
            IChatClient client,
            IEnumerable<ChatMessage> messages,
            ChatOptions options,
            StreamingParser<T, TPartial> parser,
            CancellationToken cancellationToken)
        {
            _client = client;
            _messages = messages;
            _options = options;
            Parser = parser;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The parser assembling the value (its <c>Current</c> is the latest partial).</summary>
        public StreamingParser<T, TPartial> Parser { get; }

        /// <summary>The options sent with the request (response format already set).</summary>
        public ChatOptions Options => _options;

        /// <summary>The updates received so far.</summary>
        public IReadOnlyList<ChatResponseUpdate> Updates => _updates;

        /// <summary>The final result; available once enumeration completed.</summary>
        /// <exception cref="InvalidOperationException">The stream has not been read to the end.</exception>
        public StructuredChatResponse<T> Result => _result ?? throw new InvalidOperationException("The result is available once the stream has been read to the end (or use GetResultAsync).");

        /// <summary>Reads the stream to the end (if not already) and returns the final result.</summary>
        /// <param name="cancellationToken">Cancels the request.</param>
        public async Task<StructuredChatResponse<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (_result is null)
            {
                await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }

            return Result;
        }

        /// <inheritdoc />
        public async IAsyncEnumerator<TPartial> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A structured chat stream can be enumerated only once.");
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
            var token = linked.Token;

            await foreach (var update in _client.GetStreamingResponseAsync(_messages, _options, token).WithCancellation(token).ConfigureAwait(false))
            {
                _updates.Add(update);
                var text = update.Text;
                if (text.Length > 0 && Parser.Append(text)) yield return Parser.Current!;
            }

            var response = _updates.ToChatResponse();
            StructuredChatException.ThrowIfUnusable(response.FinishReason, Parser.Text, Parser.Current);
            _result = new StructuredChatResponse<T>(Parser.Complete(), response);
        }
    }
}
