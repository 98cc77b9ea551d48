using System;
using System.Collections.Generic;
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
        private Func<ChatStreamState, CancellationToken, IAsyncEnumerable<ChatStreamUpdate>>? _source;
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

            var linked = cancellationToken.CanBeCanceled && _cancellationToken.CanBeCanceled && cancellationToken != _cancellationToken
                ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken)
                : null;
            var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);
            // The source (and the request it captured: messages, options) is not needed once started; an open
            // stream should not keep it alive.
            var source = _source!;
            _source = null;
            return new Enumerator(State, source(State, token).GetAsyncEnumerator(token), linked);
        }

        /// <summary>
        /// Folds the source's updates into the state. Hand-written rather than an async iterator: when
        /// the source's next update is already there (the rest of a network read), moving on completes
        /// synchronously without a second async state machine per update.
        /// </summary>
        internal sealed class Enumerator : IAsyncEnumerator<ChatStreamUpdate>
        {
            private readonly ChatStreamState _state;
            private readonly IAsyncEnumerator<ChatStreamUpdate> _source;
            private readonly CancellationTokenSource? _linked;

            // Updates to fold before the next one from the source: calls still open when the model
            // finishes are whole, so they are completed (and published) before the finish.
            private List<ChatStreamUpdate>? _queue;
            private int _next;
            private bool _ended;

            public Enumerator(ChatStreamState state, IAsyncEnumerator<ChatStreamUpdate> source, CancellationTokenSource? linked)
            {
                _state = state;
                _source = source;
                _linked = linked;
            }

            public ChatStreamUpdate Current { get; private set; }

            public ValueTask<bool> MoveNextAsync()
            {
                try
                {
                    while (true)
                    {
                        if (Drain()) return new ValueTask<bool>(true);
                        if (_ended) return new ValueTask<bool>(false);
                        var move = _source.MoveNextAsync();
                        if (!move.IsCompletedSuccessfully) return WaitAsync(move);
                        if (Received(move.Result)) return new ValueTask<bool>(true);
                    }
                }
                catch (Exception ex)
                {
                    return new ValueTask<bool>(Task.FromException<bool>(ex));
                }
            }

            /// <summary>
            /// <see cref="MoveNextAsync"/> for a caller that awaits the source itself, so a paused stream holds no
            /// async state machine of this enumerator's. True when the move finished (its result in
            /// <paramref name="more"/>); false when the source is pending: await <paramref name="pending"/>, pass
            /// its result to <see cref="Resume"/>, and call again unless that returned true.
            /// </summary>
            internal bool TryMoveNext(out bool more, out ValueTask<bool> pending)
            {
                pending = default;
                while (true)
                {
                    more = true;
                    if (Drain()) return true;
                    more = false;
                    if (_ended) return true;
                    var move = _source.MoveNextAsync();
                    if (!move.IsCompletedSuccessfully)
                    {
                        pending = move;
                        return false;
                    }

                    more = true;
                    if (Received(move.Result)) return true;
                }
            }

            /// <summary>Folds what the pending move of <see cref="TryMoveNext"/> produced; true when an update is ready in Current.</summary>
            internal bool Resume(bool sourceMoved) => Received(sourceMoved);

            public async ValueTask DisposeAsync()
            {
                try
                {
                    await _source.DisposeAsync().ConfigureAwait(false);
                }
                finally
                {
                    _linked?.Dispose();
                }
            }

            private async ValueTask<bool> WaitAsync(ValueTask<bool> move)
            {
                if (Received(await move.ConfigureAwait(false))) return true;
                return await MoveNextAsync().ConfigureAwait(false);
            }

            // Folds what the source produced; true when an update is ready in Current.
            private bool Received(bool more)
            {
                if (!more)
                {
                    _ended = true;
                    if (_state.FinishReason is null) throw StreamFailures.Truncated(_state, hint: null, attempts: 1);
                    return false;
                }

                var update = _source.Current;
                if (update.Kind == ChatStreamUpdateKind.Finished && _state.FinishReason is null)
                {
                    _queue ??= new List<ChatStreamUpdate>();
                    _queue.Clear();
                    _next = 0;
                    foreach (int index in _state.OpenToolCalls()) _queue.Add(ChatStreamUpdate.ToolCallCompleted(index));
                    _queue.Add(update);
                    return Drain();
                }

                if (!_state.Apply(ref update)) return false;
                Current = update;
                return true;
            }

            private bool Drain()
            {
                if (_queue is null) return false;
                while (_next < _queue.Count)
                {
                    var update = _queue[_next++];
                    if (_state.Apply(ref update))
                    {
                        Current = update;
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
