using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// The answer read as a hand-written state machine in plain fields rather than an async iterator: the pending
    /// socket read is handed up (<see cref="ISteppedSource"/>) so only the consumer-facing iterator awaits it, and a
    /// paused stream holds no async state machine of the transport's.
    /// </summary>
    internal sealed partial class HttpEventSource : IAsyncEnumerable<ChatStreamUpdate>, ISteppedSource
    {
        private enum Phase : byte
        {
            NotStarted,
            Starting,
            Reading,

            // The last updates (the decoder's flush, or a whole body's) are being handed out; then the stream ends.
            Ending,
            Closed,
        }

        private Phase _phase;
        private bool _enumerated;
        private bool _readToEnd;
        private volatile bool _abandoned;

        // This source is its own request scope (see RequestScope), open from the start of the request until Close.
        private bool _scopeOpen;
        // Holds the body stream too (CloseBody takes it back): one reference fewer while the stream waits.
        private SseReader? _reader;

        // Taken from the thread's spare while an event is decoded and handed out, given back while the stream waits
        // on the network (see UpdateLists); handed out by index.
        private List<ChatStreamUpdate>? _updates;
        private int _next;

        private int Attempts { get; set; } = 1;

        /// <inheritdoc />
        /// <remarks>Read from the update list rather than kept: a paused stream holds no update of its own.</remarks>
        public ChatStreamUpdate Current => _updates is { } updates && _next > 0 && _next <= updates.Count ? updates[_next - 1] : default;

        /// <summary>Reads the answer; <paramref name="token"/> is the caller's cancellation.</summary>
        public IAsyncEnumerable<ChatStreamUpdate> ReadAsync(CancellationToken token)
        {
            CallerToken = token;
            return this;
        }

        /// <inheritdoc />
        public IAsyncEnumerator<ChatStreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (_enumerated) throw new InvalidOperationException("A request is read only once.");
            _enumerated = true;
            if (cancellationToken.CanBeCanceled && cancellationToken != CallerToken)
            {
                // Every caller passes the token it gave ReadAsync, or none: two would need a linked source per stream.
                if (CallerToken.CanBeCanceled) throw new InvalidOperationException("The answer is read with the token given to ReadAsync; pass that one (or none) to GetAsyncEnumerator.");
                CallerToken = cancellationToken;
            }

            return this;
        }

        /// <inheritdoc />
        public ValueTask<bool> MoveNextAsync()
        {
            try
            {
                return TryMoveNext(out bool more, out var read) ? new ValueTask<bool>(more) : WaitAsync(read);
            }
            catch (Exception ex)
            {
                return new ValueTask<bool>(Task.FromException<bool>(ex));
            }
        }

        // For callers that await moves (a foreign wrapper such as Gemini's token step): one box per pending read.
#if NET
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<bool> WaitAsync(PendingRead read)
        {
            bool more;
            do
            {
                int bytesRead;
                try
                {
                    bytesRead = await read.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Fail(ex);
                    continue;
                }

                Resume(bytesRead);
            }
            while (!TryMoveNext(out more, out read));
            return more;
        }

        /// <inheritdoc />
        public bool TryMoveNext(out bool more, out PendingRead read)
        {
            read = default!;
            more = false;
            try
            {
                while (true)
                {
                    if (_updates is { } updates && _next < updates.Count)
                    {
                        _next++;
                        more = true;
                        return true;
                    }

                    switch (_phase)
                    {
                        case Phase.NotStarted:
                            Open(_transport.Options.Timeout, _transport.Options.IdleTimeout);
                            _scopeOpen = true;
                            _phase = Phase.Starting;
                            var start = StartAsync(this);
                            if (!start.IsCompleted)
                            {
#if NET
                                read = new PendingRead(start);
#else
                                read = start;
#endif
                                return false;
                            }

                            _ = start.GetAwaiter().GetResult();
                            Started();
                            break;
                        case Phase.Reading:
                            if (!ReadEvent(out read)) return false;
                            break;
                        case Phase.Ending:
                            End();
                            return true;
                        default:
                            return true;
                    }
                }
            }
            catch
            {
                Close();
                throw;
            }
        }

        /// <inheritdoc />
        public void Resume(int bytesRead)
        {
            try
            {
                if (_phase == Phase.Starting)
                {
                    Started();
                    return;
                }

                EndWait();
                if (_abandoned)
                {
                    Close();
                    return;
                }

                _reader!.Resume(bytesRead);
            }
            catch
            {
                Close();
                throw;
            }
        }

        /// <inheritdoc />
        public void Fail(Exception exception)
        {
            try
            {
                // The start reported its own failure.
                if (_phase == Phase.Starting) ExceptionDispatchInfo.Capture(exception).Throw();
                EndWait();
                if (_abandoned)
                {
                    Close();
                    throw new OperationCanceledException("The stream was left while a read was pending; the read was stopped.", exception);
                }

                if (!IsTransportFailure(exception)) throw Report(exception, this, Attempts);
                if (!EndAfterFinish(exception, this)) throw Report(ReadFailure(exception, this), this, Attempts);
                Dispatch(more: false);
            }
            catch
            {
                Close();
                throw;
            }
        }

        /// <inheritdoc />
        public ValueTask DisposeAsync()
        {
            if (_readPending)
            {
                // The reader's buffer is the pending read's: it cannot be given back yet.
                return new ValueTask(Task.FromException(new InvalidOperationException("The answer's stream was disposed while a read was pending; await the pending move first.")));
            }

            if (_phase == Phase.NotStarted) _phase = Phase.Closed;
            Close();
            return default;
        }

        /// <inheritdoc />
        public void Abandon()
        {
            if (!_readPending) return;

            // Set before the read is stopped, so the failure it causes is seen as this (not reported as a failure).
            _abandoned = true;

            // As the idle watch does: the token stops a read that honours it, disposing the response one that does not.
            _idleSource?.Cancel();
            _response?.Dispose();
        }

        // The request was sent and the body opened.
        private void Started()
        {
            RequestScope scope = this;
            if (_body is { } whole)
            {
                _body = null;
                var updates = TakeUpdates();
                State.EventCount = 1;
                _readToEnd = true;
                try
                {
                    _decoder.DecodeBody(whole, updates);
                    _decoder.Flush(updates, explicitEnd: true);
                }
                catch (Exception ex)
                {
                    throw Report(ex, scope, Attempts);
                }

                _phase = Phase.Ending;
                return;
            }

            _phase = Phase.Reading;
        }

        // Reads the next event into the update list; false when a read is pending.
        private bool ReadEvent(out PendingRead read)
        {
            RequestScope scope = this;
            bool more;
            try
            {
                if (!_reader!.TryReadNext(WaitToken(scope), out more, out read))
                {
                    if (_updates is { } updates)
                    {
                        _updates = null;
                        UpdateLists.Return(updates);
                    }

                    // The idle timer is armed only while actually waiting on the network.
                    _readPending = true;
                    ArmIdle(scope);
                    return false;
                }
            }
            catch (Exception ex) when (IsTransportFailure(ex))
            {
                EndWait();
                if (_abandoned) throw new OperationCanceledException("The stream was left while a read was pending; the read was stopped.", ex);
                if (!EndAfterFinish(ex, scope)) throw Report(ReadFailure(ex, scope), scope, Attempts);
                more = false;
                read = default!;
            }
            catch (Exception ex)
            {
                EndWait();
                throw Report(ex, scope, Attempts);
            }

            Dispatch(more);
            return true;
        }

        // Decodes the event just read, or the end of the stream, into the update list.
        private void Dispatch(bool more)
        {
            var updates = TakeUpdates();
            var reader = _reader!;
            if (!more || IsDone(reader.Data.Span))
            {
                if (more) State.EventCount++;
                _readToEnd = !_endedByFailure;

                // Text held back to decide a split tag (no finish reason came to release it).
                _decoder.Flush(updates, explicitEnd: more);
                _phase = Phase.Ending;
                return;
            }

            var data = reader.Data;
            State.EventCount++;
            if (IsBlank(data.Span)) return;
            try
            {
                _decoder.Decode(data.Span, reader.EventTypeUtf8, updates);
            }
            catch (Exception ex)
            {
                throw Report(ex, this, Attempts);
            }
        }

        // The update list, emptied, to fill with the next event's updates.
        private List<ChatStreamUpdate> TakeUpdates()
        {
            var updates = _updates ??= UpdateLists.Take();
            updates.Clear();
            _next = 0;
            return updates;
        }

        // The wait on the server is over (the read completed, failed, or never went pending).
        private void EndWait()
        {
            if (!_readPending) return;
            _readPending = false;
            IdleWatch.Shared.Disarm(this);
        }

        // Every update was handed out: the stream ends normally, or as truncated when no finish reason came.
        private void End()
        {
            RequestScope scope = this;
            CloseBody();
            if (State.FinishReason is null)
            {
                var mediaType = MediaType(_response!);
                var hint = State.EventCount == 0 && !IsEventStream(mediaType)
                    ? " The response had Content-Type '" + (mediaType ?? "(none)") + "': is the endpoint right for this client's protocol?"
                    : null;
                throw Report(StreamFailures.Truncated(State, hint, Attempts), scope, Attempts);
            }

            _reported = true;
            TransportLog.Completed(_transport.Options.Logger, (int)_response!.StatusCode, State.FinishReason?.Value, scope.ElapsedMilliseconds, Attempts, State.RequestId, State.Usage?.CompletionTokens);
            Close();
        }

        // Stopped early (break, cancellation, timeout, error): abort the connection so the server stops generating
        // now, instead of letting the handler drain the rest of the response.
        private void CloseBody()
        {
            var stream = _reader?.BaseStream;
            _reader?.Dispose();
            _reader = null;
            if (stream is not null)
            {
                if (!_readToEnd) AbortBody(stream);
                stream.Dispose();
            }
        }

        // Everything the stream holds is let go, once: the body, the response, the idle watch's listing and the scope;
        // a stream that neither completed nor failed was abandoned by its consumer.
        private void Close()
        {
            if (_phase == Phase.Closed && !_scopeOpen) return;
            _phase = Phase.Closed;
            if (_updates is { } updates)
            {
                _updates = null;
                UpdateLists.Return(updates);
            }

            if (!_scopeOpen) return;
            _scopeOpen = false;
            try
            {
                CloseBody();
            }
            finally
            {
                _response?.Dispose();
                _response = null;
                IdleWatch.Shared.Disarm(this);
                _idleSource?.Dispose();
                if (!_reported)
                {
                    // The consumer broke out of the loop (or threw): the body was aborted and the response disposed above.
                    TransportLog.Abandoned(_transport.Logger, ElapsedMilliseconds, State.EventCount, State.RequestId);
                }

                // The scope's sources (this source is its own scope).
                Dispose();
            }
        }
    }
}
