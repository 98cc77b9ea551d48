#if NET
using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace StructGen.Chat
{
    /// <summary>
    /// The task of a <see cref="ChatStream.Enumerator.MoveNextAsync"/> that waits, for a consumer that awaits moves (not
    /// steps): one reusable source and one continuation per stream, so a stream that waits on the network before every
    /// event allocates nothing per wait. The async method it replaces allocated its state machine per wait wherever the
    /// compiler makes that a class (Debug builds: 136 B), pooling builder or not. Made on the first move that waits, so
    /// consumers that await steps themselves (text, every-delta structured) never make one.
    /// </summary>
    internal sealed class MoveWaiter : IValueTaskSource<bool>
    {
        private static readonly ContextCallback s_advance = state => ((MoveWaiter)state!).Advance();

        private readonly ChatStream.Enumerator _owner;

        // Created once: registering it on each pending step allocates nothing.
        private readonly Action _onStepCompleted;
        private ManualResetValueTaskSourceCore<bool> _core;
        private PendingMove _pending;

        // The context of the move's caller: what runs when a step completes (the decoder, the transport's logging) sees
        // the caller's async-locals (logging scopes, Activity.Current), as it did inside an async method.
        private ExecutionContext? _context;
        private bool _waiting;

        public MoveWaiter(ChatStream.Enumerator owner, CancellationTokenSource? linked)
        {
            _owner = owner;
            Linked = linked;
            _onStepCompleted = OnStepCompleted;
        }

        /// <summary>The enumerator's linked token source, kept here once this exists (the enumerator has one field for both).</summary>
        public CancellationTokenSource? Linked { get; }

        /// <summary>True from <see cref="Wait"/> until the move's result is set.</summary>
        public bool IsWaiting => _waiting;

        /// <summary>The move that continues once <paramref name="pending"/> completes, and as long as the steps after it wait.</summary>
        public ValueTask<bool> Wait(PendingMove pending)
        {
            _core.Reset();
            _waiting = true;
            _pending = pending;
            _context = ExecutionContext.Capture();

            // Read before advancing: once a continuation is registered it may complete the move on another thread.
            var move = new ValueTask<bool>(this, _core.Version);
            Advance();
            return move;
        }

        bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private void OnStepCompleted()
        {
            if (_context is { } context)
            {
                ExecutionContext.Run(context, s_advance, this);
            }
            else
            {
                Advance();
            }
        }

        // Hands completed steps to the enumerator until the move finishes (result or failure) or a step waits.
        private void Advance()
        {
            bool more;
            try
            {
                if (!TryFinish(out more)) return;
            }
            catch (Exception ex)
            {
                Settle();
                _core.SetException(ex);
                return;
            }

            // Outside the try: the caller's continuation may run inline here, and what it throws is not this move's failure.
            Settle();
            _core.SetResult(more);
        }

        // True when the move finished; false when a step is pending and this waiter's continuation is registered on it.
        private bool TryFinish(out bool more)
        {
            var owner = _owner;
            while (true)
            {
                var pending = _pending;
                if (pending.IsRead)
                {
                    var read = pending.Read;
                    if (!read.IsCompleted)
                    {
                        read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onStepCompleted);
                        more = false;
                        return false;
                    }

                    // The step is consumed once, and not kept by a paused stream.
                    _pending = default;
                    int bytesRead;
                    bool failed = false;
                    try
                    {
                        bytesRead = read.GetAwaiter().GetResult();
                    }
                    catch (Exception ex)
                    {
                        bytesRead = 0;
                        failed = true;
                        owner.FailRead(ex);
                    }

                    if (!failed) owner.ResumeRead(bytesRead);
                }
                else
                {
                    var step = pending.Move;
                    if (!step.IsCompleted)
                    {
                        step.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onStepCompleted);
                        more = false;
                        return false;
                    }

                    _pending = default;
                    if (owner.Resume(step.GetAwaiter().GetResult()))
                    {
                        more = true;
                        return true;
                    }
                }

                if (owner.TryMoveNext(out more, out _pending)) return true;
            }
        }

        // The move is over: nothing of it is kept, and the next move may wait again.
        private void Settle()
        {
            _pending = default;
            _context = null;
            _waiting = false;
        }
    }
}
#endif
