using System;
using System.Threading;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Sse
{
    /// <summary>
    /// <see cref="ReadNextAsync"/> for a caller that awaits the stream's reads itself: a stream paused on the
    /// network then holds no async state machine of the reader's, only the caller's own.
    /// </summary>
    internal sealed partial class SseReader
    {
        private bool _stepping;
        private bool _stepPendingIsWait;
        private bool _stepResumed;
        private bool _stepAfterWait;

        /// <summary>
        /// Makes the next event current if the bytes for it are here or arrive at once. Returns true when an event
        /// is current or the stream ended (<paramref name="more"/> says which, as <see cref="ReadNextAsync"/>
        /// would); false when a read is pending: await <paramref name="read"/>, pass its result to
        /// <see cref="Resume"/>, and call again.
        /// </summary>
        /// <exception cref="SseFormatException">A line or event exceeds the configured limits.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        internal bool TryReadNext(CancellationToken cancellationToken, out bool more, out PendingRead read)
        {
            ThrowIfDisposed();
            read = default!;
            more = false;
            if (!_stepping)
            {
                BeginNextEvent();
                _stepping = true;
            }

            // Cancellation is checked before looking at the buffer, except right after a read completed: its event
            // is delivered first (as ReadNextAsync does).
            bool resumed = _stepResumed;
            _stepResumed = false;
            while (true)
            {
                if (!resumed) cancellationToken.ThrowIfCancellationRequested();
                if (TryDispatchBufferedEvent())
                {
                    _stepping = false;
                    more = true;
                    return true;
                }

                if (_eof)
                {
                    _stepping = false;
                    return true;
                }

                if (resumed) cancellationToken.ThrowIfCancellationRequested();
                resumed = false;

                if (_start == _end && !_stepAfterWait)
                {
                    // Nothing buffered: wait for bytes without holding a buffer (a zero-byte read).
                    read = StartWaitForData(cancellationToken);
                    if (!IsCompletedSuccessfully(read))
                    {
                        ReleaseIdleBuffer();
                        _stepPendingIsWait = true;
                        return false;
                    }

                    _ = read.Result; // Completed at once: says nothing about the stream; read for real.
                }

                _stepAfterWait = false;
                PrepareBufferForRead();
                read = StartRead(cancellationToken);
                if (!IsCompletedSuccessfully(read))
                {
                    _stepPendingIsWait = false;
                    return false;
                }

                AcceptRead(read.Result);
            }
        }

        /// <summary>Takes the result of the read <see cref="TryReadNext"/> left pending.</summary>
        internal void Resume(int bytesRead)
        {
            _stepResumed = true;
            if (_stepPendingIsWait)
            {
                // After a wait, read for real.
                _stepAfterWait = true;
            }
            else
            {
                AcceptRead(bytesRead);
            }
        }
    }
}
