using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>
    /// One response streamed as protocol-neutral updates, whatever the wire protocol: each update is
    /// folded into <see cref="State"/> before it is published, so the state always holds everything
    /// published so far. Enumerate once; the request is sent when enumeration begins.
    /// </summary>
    public sealed class ChatStream : IAsyncEnumerable<ChatStreamUpdate>
    {
        private readonly Func<ChatStreamState, CancellationToken, IAsyncEnumerable<ChatStreamUpdate>> _source;
        private readonly CancellationToken _cancellationToken;
        private int _started;

        internal ChatStream(Func<ChatStreamState, CancellationToken, IAsyncEnumerable<ChatStreamUpdate>> source, CancellationToken cancellationToken)
        {
            _source = source;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Everything the stream delivered so far.</summary>
        public ChatStreamState State { get; } = new ChatStreamState();

        /// <inheritdoc />
        public IAsyncEnumerator<ChatStreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                throw new InvalidOperationException("A chat stream can be enumerated only once; start a new request instead.");
            }

            return RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        private async IAsyncEnumerable<ChatStreamUpdate> RunAsync([EnumeratorCancellation] CancellationToken enumeratorToken)
        {
            using var linked = enumeratorToken.CanBeCanceled && _cancellationToken.CanBeCanceled && enumeratorToken != _cancellationToken
                ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, enumeratorToken)
                : null;
            var token = linked?.Token ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : _cancellationToken);
            await foreach (var received in _source(State, token).WithCancellation(token).ConfigureAwait(false))
            {
                var update = received;
                if (update.Kind == ChatStreamUpdateKind.Finished && State.FinishReason is null)
                {
                    // Calls still open when the model finishes are whole: publish them before the finish.
                    foreach (int index in State.OpenToolCalls())
                    {
                        var completed = ChatStreamUpdate.ToolCallCompleted(index);
                        if (State.Apply(ref completed)) yield return completed;
                    }
                }

                if (State.Apply(ref update)) yield return update;
            }

            if (State.FinishReason is null)
            {
                throw StreamFailures.Truncated(State, hint: null, attempts: 1);
            }
        }
    }
}
