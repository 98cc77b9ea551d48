using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Transport;

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

            // The linked token source this enumerator owns, if any; once a move of a consumer that awaits moves waited,
            // the MoveWaiter that holds it. One field for both: a paused structured stream keeps this enumerator alive,
            // and the waiter is only made for the other consumers.
            private object? _linkedOrWaiter;

            // Updates to fold before the next one from the source: calls still open when the model
            // finishes are whole, so they are completed (and published) before the finish.
            private List<ChatStreamUpdate>? _queue;
            private int _next;
            private bool _ended;

            // The source is our own transport: its pending socket reads are handed to whoever awaits this
            // enumerator's moves. A flag, not a second reference: it fits in the padding.
            private readonly bool _stepped;

            public Enumerator(ChatStreamState state, IAsyncEnumerator<ChatStreamUpdate> source, CancellationTokenSource? linked)
            {
                _state = state;
                _source = source;
                _stepped = source is ISteppedSource;
                _linkedOrWaiter = linked;
            }

            public ChatStreamUpdate Current { get; private set; }

            public ValueTask<bool> MoveNextAsync()
            {
                try
                {
#if NET
                    if (_linkedOrWaiter is MoveWaiter { IsWaiting: true })
                    {
                        throw new InvalidOperationException("MoveNextAsync was called while the previous move was still pending; await each move before starting the next.");
                    }

                    return TryMoveNext(out bool more, out var pending) ? new ValueTask<bool>(more) : Waiter().Wait(pending);
#else
                    return TryMoveNext(out bool more, out var pending) ? new ValueTask<bool>(more) : WaitAsync(pending);
#endif
                }
                catch (Exception ex)
                {
                    return new ValueTask<bool>(Task.FromException<bool>(ex));
                }
            }

            /// <summary>
            /// <see cref="MoveNextAsync"/> for a caller that awaits the pending step itself, so a paused stream holds
            /// no async state machine of this enumerator's nor of the transport's. True when the move finished (its
            /// result in <paramref name="more"/>); false when a step is pending: await <paramref name="pending"/>
            /// once, then pass a read's result to <see cref="ResumeRead"/> (or what it threw to
            /// <see cref="FailRead"/>) and call again, or pass a move's result to <see cref="Resume"/> and call again
            /// unless that returned true.
            /// </summary>
            internal bool TryMoveNext(out bool more, out PendingMove pending)
            {
                pending = default;
                while (true)
                {
                    more = true;
                    if (Drain()) return true;
                    more = false;
                    if (_ended) return true;
                    bool moved;
                    if (_stepped)
                    {
                        if (!Stepped.TryMoveNext(out moved, out var read))
                        {
                            pending = new PendingMove(read);
                            return false;
                        }
                    }
                    else
                    {
                        var move = _source.MoveNextAsync();
                        if (!move.IsCompletedSuccessfully)
                        {
                            pending = new PendingMove(move);
                            return false;
                        }

                        moved = move.Result;
                    }

                    more = true;
                    if (Received(moved)) return true;
                }
            }

            /// <summary>Folds what the pending move of a foreign source produced; true when an update is ready in Current.</summary>
            internal bool Resume(bool sourceMoved) => Received(sourceMoved);

            /// <summary>Hands the transport the result of its pending read.</summary>
            internal void ResumeRead(int bytesRead) => Stepped.Resume(bytesRead);

            /// <summary>Hands the transport what its pending read threw: throws what the caller should see, or returns when the stream still ends normally.</summary>
            internal void FailRead(Exception exception) => Stepped.Fail(exception);

            /// <summary>
            /// The caller leaves while the pending move it holds waits (a batching policy published meanwhile): our
            /// transport stops its read, and the move then returns soon (true); a foreign source cannot be stopped here (false).
            /// </summary>
            internal bool Abandon()
            {
                if (!_stepped) return false;
                Stepped.Abandon();
                return true;
            }

            private ISteppedSource Stepped => (ISteppedSource)_source;

            public async ValueTask DisposeAsync()
            {
                try
                {
                    await _source.DisposeAsync().ConfigureAwait(false);
                }
                finally
                {
#if NET
                    (_linkedOrWaiter is MoveWaiter waiter ? waiter.Linked : (CancellationTokenSource?)_linkedOrWaiter)?.Dispose();
#else
                    ((CancellationTokenSource?)_linkedOrWaiter)?.Dispose();
#endif
                }
            }

#if NET
            // Made on the first move that waits, then kept for the others.
            private MoveWaiter Waiter()
            {
                if (_linkedOrWaiter is MoveWaiter waiter) return waiter;
                waiter = new MoveWaiter(this, (CancellationTokenSource?)_linkedOrWaiter);
                _linkedOrWaiter = waiter;
                return waiter;
            }
#else

            /// <summary>The rest of <see cref="MoveNextAsync"/> once a step is pending (for callers that await moves, not steps).</summary>
            /// <remarks>netstandard2.0 only: it allocates its state per wait, which <c>MoveWaiter</c> (net8.0+) does not.</remarks>
            private async ValueTask<bool> WaitAsync(PendingMove pending)
            {
                bool more;
                do
                {
                    if (pending.IsRead)
                    {
                        int read;
                        try
                        {
                            read = await pending.Read.ConfigureAwait(false);
                        }
                        catch (Exception ex)
                        {
                            FailRead(ex);
                            continue;
                        }

                        ResumeRead(read);
                    }
                    else if (Resume(await pending.Move.ConfigureAwait(false)))
                    {
                        return true;
                    }
                }
                while (!TryMoveNext(out more, out pending));
                return more;
            }
#endif

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
