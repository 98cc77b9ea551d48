using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Chat
{
    public sealed partial class StructuredStream<T, TPartial>
    {
        /// <summary>
        /// The every-delta policy: a partial after every delta that changed something. Written by hand rather than as
        /// an async iterator because a paused stream keeps it: it is its own <see cref="IValueTaskSource{TResult}"/>
        /// and awaits the chat stream's pending step (the transport's socket read) with one continuation made once,
        /// where the compiler's iterator held its awaiters, locals and promise (176 B) and an async box (80 B).
        /// Behaves as that iterator did: the same order, exceptions, partial on failure and disposal.
        /// </summary>
        private sealed class EveryDeltaEnumerator : IAsyncEnumerator<TPartial>, IValueTaskSource<bool>
        {
            private enum Phase : byte
            {
                NotStarted,

                // Reading the chat stream (or suspended at a partial yielded from it).
                Streaming,

                // The chat stream ended and is disposed: what is pending is published, then the value completed.
                Ended,

                // Suspended at the last partial; the value is completed at the next move.
                Final,
                Done,
            }

            // What the registered continuation resumes.
            private enum Wait : byte
            {
                None,
                Read,
                Move,
                Dispose,
            }

            private static readonly Action<object?> Completed = _ => { };
            private static readonly ContextCallback StepInContext = state => ((EveryDeltaEnumerator)state!).Step();

            private readonly StructuredStream<T, TPartial> _owner;

            // The caller's token until the chat stream is enumerated with it.
            private CancellationToken _token;
            private ChatStream.Enumerator? _updates;

            // The step the continuation waits on: our transport's read, or a foreign source's move (or, rarely, its
            // disposal). Made once, at the first wait.
            private PendingRead _read = default!;
            private ValueTask<bool> _move;
            private Action? _onStep;

            // The consumer's side: the pending MoveNextAsync.
            private Action<object?>? _continuation;
            private object? _continuationState;

            // While a step waits, the execution context it resumes in; once the move completed, its failure (if any). One
            // field for the two (never needed at once): a paused stream keeps this object.
            private object? _contextOrError;
            private short _version;

            // No move outstanding: true between moves.
            private bool _completed = true;
            private bool _result;
            private Phase _phase;
            private Wait _wait;

            // A partial was yielded for the finish: the finish reason is checked when the consumer moves on.
            private bool _finishShown;

            public EveryDeltaEnumerator(StructuredStream<T, TPartial> owner, CancellationToken cancellationToken)
            {
                _owner = owner;
                _token = cancellationToken;
            }

            /// <inheritdoc />
            public TPartial Current => _phase is Phase.NotStarted or Phase.Done ? default! : _owner.Parser.Current!;

            /// <inheritdoc />
            public ValueTask<bool> MoveNextAsync()
            {
                if (!_completed) throw new InvalidOperationException("MoveNextAsync was called while the previous move was still pending; await each move before asking for the next.");
                if (_phase == Phase.Done) return new ValueTask<bool>(false);
                _completed = false;
                _continuation = null;
                _continuationState = null;
                _contextOrError = null;
                short version = ++_version;
                ExceptionDispatchInfo? failure;
                Outcome outcome;
                if (_phase == Phase.NotStarted && !Start(out failure))
                {
                    outcome = Outcome.Fault;
                }
                else
                {
                    outcome = Run(Wait.None, out failure);

                    // Waiting: the continuation may already be running on another thread; nothing here is touched again.
                    if (outcome == Outcome.Pending) return new ValueTask<bool>(this, version);
                }

                _completed = true;
                if (failure is null) return new ValueTask<bool>(outcome == Outcome.Yield);
                _contextOrError = failure;
                return new ValueTask<bool>(this, version);
            }

            /// <inheritdoc />
            public ValueTask DisposeAsync()
            {
                if (!_completed) throw new NotSupportedException("DisposeAsync was called while MoveNextAsync was still pending; await the move before disposing the enumerator.");
                var updates = _phase == Phase.Streaming ? _updates : null;
                _phase = Phase.Done;
                _updates = null;

                // Left at a partial: the chat stream is disposed as the iterator's finally did (what it throws is thrown).
                return updates?.DisposeAsync() ?? default;
            }

            private bool Start(out ExceptionDispatchInfo? failure)
            {
                failure = null;
                try
                {
                    _updates = (ChatStream.Enumerator)_owner._stream.GetAsyncEnumerator(_token);
                    _token = default;
                    _phase = Phase.Streaming;
                    return true;
                }
                catch (Exception ex)
                {
                    _phase = Phase.Done;
                    failure = ExceptionDispatchInfo.Capture(ex);
                    return false;
                }
            }

            // Runs until a partial is out, the value is complete, something failed or a step waits (its continuation registered).
            private Outcome Run(Wait resumed, out ExceptionDispatchInfo? failure)
            {
                failure = null;
                if (_phase == Phase.Streaming)
                {
                    try
                    {
                        if (_finishShown)
                        {
                            _finishShown = false;
                            _owner.ThrowIfUnusable(_owner._stream.State.FinishReason);
                        }

                        var outcome = Stream(resumed);
                        if (outcome != Outcome.End) return outcome;
                    }
                    catch (Exception ex)
                    {
                        failure = ExceptionDispatchInfo.Capture(ex);
                    }

                    // The chat stream ended or failed: it is disposed first.
                    if (!DisposeUpdates(ref failure)) return Outcome.Pending;
                    if (failure is not null)
                    {
                        _phase = Phase.Done;
                        return Outcome.Fault;
                    }

                    _phase = Phase.Ended;
                }

                return Finish(out failure);
            }

            // The chat stream's updates, each given to the parser.
            private Outcome Stream(Wait resumed)
            {
                var updates = _updates!;
                var owner = _owner;
                while (true)
                {
                    bool more;
                    try
                    {
                        if (!NextUpdate(updates, ref resumed, out more)) return Outcome.Pending;
                    }
                    catch (ChatStreamException ex) when (ex.PartialValue is null)
                    {
                        owner.KeepPartial(ex);
                        throw;
                    }

                    if (!more) return Outcome.End;
                    var update = updates.Current;
                    if (owner.Apply(update))
                    {
                        if (owner.Parser.PublishPending()) return Outcome.Yield;
                    }
                    else if (update.Kind == ChatStreamUpdateKind.Finished)
                    {
                        // Everything received is shown before a failure (length, content filter) is thrown. The state's
                        // finish reason is this update's (only the first finish is published).
                        if (owner.Parser.PublishPending())
                        {
                            _finishShown = true;
                            return Outcome.Yield;
                        }

                        owner.ThrowIfUnusable(owner._stream.State.FinishReason);
                    }
                }
            }

            // The chat stream's next move: true when it finished (more says whether an update is current), false when a
            // step waits. A step that finished at once is taken as the await would have.
            private bool NextUpdate(ChatStream.Enumerator updates, ref Wait resumed, out bool more)
            {
                more = true;
                if (resumed == Wait.Read)
                {
                    resumed = Wait.None;
                    var read = _read;
                    _read = default!;
                    TakeRead(updates, read);
                }
                else if (resumed == Wait.Move)
                {
                    resumed = Wait.None;
                    var move = _move;
                    _move = default;
                    if (updates.Resume(move.GetAwaiter().GetResult())) return true;
                }

                while (!updates.TryMoveNext(out more, out var pending))
                {
                    // About to wait on the network: the parser lets go of what only a busy one needs.
                    _owner.Parser.Rest();
                    if (pending.IsRead)
                    {
                        var read = pending.Read;
                        if (!read.IsCompleted)
                        {
                            _read = read;
                            Await(Wait.Read);
                            return false;
                        }

                        TakeRead(updates, read);
                    }
                    else
                    {
                        var move = pending.Move;
                        if (!move.IsCompleted)
                        {
                            _move = move;
                            Await(Wait.Move);
                            return false;
                        }

                        if (updates.Resume(move.GetAwaiter().GetResult()))
                        {
                            more = true;
                            return true;
                        }
                    }
                }

                return true;
            }

            private static void TakeRead(ChatStream.Enumerator updates, PendingRead read)
            {
                int bytesRead;
                try
                {
                    bytesRead = read.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    updates.FailRead(ex);
                    return;
                }

                updates.ResumeRead(bytesRead);
            }

            // Registers the continuation on the step just stored; the last thing the caller does before it returns.
            // The step resumes in the execution context it was registered in, as an await did; captured here rather than
            // by the flowing OnCompleted, which wraps the continuation per wait when the step is a task (as a socket
            // read's async method is) and the context is not the default one.
            private void Await(Wait wait)
            {
                _wait = wait;
                _contextOrError = ExecutionContext.Capture();
                var onStep = _onStep ??= OnStep;
                if (wait == Wait.Read) _read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(onStep);
                else _move.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(onStep);
            }

            private void OnStep()
            {
                var context = (ExecutionContext?)_contextOrError;
                _contextOrError = null;
                if (context is null) Step();
                else ExecutionContext.Run(context, StepInContext, this);
            }

            private void Step()
            {
                var wait = _wait;
                _wait = Wait.None;
                var outcome = wait == Wait.Dispose ? AfterDispose(out var failure) : Run(wait, out failure);
                if (outcome == Outcome.Pending) return;
                _result = outcome == Outcome.Yield;
                _contextOrError = failure;
                Volatile.Write(ref _completed, true);
                var continuation = _continuation ?? Interlocked.CompareExchange(ref _continuation, Completed, null);
                if (continuation is not null)
                {
                    // The consumer may move on inside its continuation: nothing is touched after it.
                    var state = _continuationState;
                    _continuationState = null;
                    continuation(state);
                }
            }

            // True when the chat stream is disposed (what disposing threw replaces the failure, as in a finally); false
            // when disposing goes on asynchronously (a foreign source), the failure carried by the wait until it is done.
            private bool DisposeUpdates(ref ExceptionDispatchInfo? failure)
            {
                var updates = _updates!;
                _updates = null;
                try
                {
                    var disposing = updates.DisposeAsync();
                    if (!disposing.IsCompleted)
                    {
                        _move = DisposedAsync(disposing, failure);
                        Await(Wait.Dispose);
                        return false;
                    }

                    disposing.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                return true;
            }

            // Completes with what ended the loop once the chat stream is disposed (what disposing threw replaces it).
            private static async ValueTask<bool> DisposedAsync(ValueTask disposing, ExceptionDispatchInfo? failure)
            {
                await disposing.ConfigureAwait(false);
                failure?.Throw();
                return false;
            }

            private Outcome AfterDispose(out ExceptionDispatchInfo? failure)
            {
                failure = null;
                var disposed = _move;
                _move = default;
                try
                {
                    disposed.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                if (failure is not null)
                {
                    _phase = Phase.Done;
                    return Outcome.Fault;
                }

                _phase = Phase.Ended;
                return Finish(out failure);
            }

            // After the chat stream: the last partial, then the value (or the finish's failure).
            private Outcome Finish(out ExceptionDispatchInfo? failure)
            {
                failure = null;
                try
                {
                    if (_phase == Phase.Ended && _owner.Parser.PublishPending())
                    {
                        _phase = Phase.Final;
                        return Outcome.Yield;
                    }

                    _phase = Phase.Done;
                    _owner.ThrowIfUnusable(_owner._stream.State.FinishReason);
                    _owner._result = new StructuredResult<T>(_owner.Parser.Complete(), _owner._stream.State);
                    return Outcome.End;
                }
                catch (Exception ex)
                {
                    _phase = Phase.Done;
                    failure = ExceptionDispatchInfo.Capture(ex);
                    return Outcome.Fault;
                }
            }

            ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token)
            {
                CheckToken(token);
                if (!Volatile.Read(ref _completed)) return ValueTaskSourceStatus.Pending;
                var error = (ExceptionDispatchInfo?)_contextOrError;
                return error is null ? ValueTaskSourceStatus.Succeeded
                    : error.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled
                    : ValueTaskSourceStatus.Faulted;
            }

            bool IValueTaskSource<bool>.GetResult(short token)
            {
                CheckToken(token);
                if (!Volatile.Read(ref _completed)) throw new InvalidOperationException("The move's result was read before the move completed; await it.");
                ((ExceptionDispatchInfo?)_contextOrError)?.Throw();
                return _result;
            }

            void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                if (continuation is null) throw new ArgumentNullException(nameof(continuation));
                CheckToken(token);
                ContextContinuation.Wrap(ref continuation, ref state, flags);
                _continuationState = state;
                if (_continuation is not null || Interlocked.CompareExchange(ref _continuation, continuation, null) is not null)
                {
                    // The move completed before the consumer registered: it continues off this stack.
                    _continuationState = null;
                    ContextContinuation.Queue(continuation, state);
                }
            }

            private void CheckToken(short token)
            {
                if (token != _version) throw new InvalidOperationException("A move of this enumerator was awaited twice, or after the next move began; await each MoveNextAsync once.");
            }

            private enum Outcome : byte
            {
                Pending,
                Yield,
                End,
                Fault,
            }
        }
    }
}
