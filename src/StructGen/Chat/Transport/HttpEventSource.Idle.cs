using System;
using System.Threading;

namespace StructGen.Chat.Transport
{
    /// <summary>The idle timeout of <see cref="HttpEventSource"/>'s waits on the server, kept by the shared <see cref="IdleWatch"/>.</summary>
    internal sealed partial class HttpEventSource
    {
        // The content type SocketsHttpHandler gives every response it reads from a connection (HTTP/1.1, 2 and 3).
        private const string PlatformContentType = "System.Net.Http.HttpConnectionResponseContent";

        // The bucket of the latest wait on the server, and the source the watch cancels when that wait lasts too long
        // (linked to the caller's token and the overall timeout, if any): only for bodies a disposal may not stop.
        private IdleWatch.Bucket? _idleBucket;
        private CancellationTokenSource? _idleSource;
        private bool? _readsEndOnDispose;
        private volatile bool _idleExpired;

        /// <summary>Whether a wait on the server has its own cancellation source (tests: the platform's handler needs none).</summary>
        internal bool HoldsIdleSource => _idleSource is not null;

        /// <summary>
        /// The token of a wait on the server that starts now: cancelled by the caller, the overall timeout or, when
        /// nothing arrives for the idle timeout, by the idle watch. Call <see cref="ArmIdle"/> once the wait is pending.
        /// </summary>
        private CancellationToken WaitToken(RequestScope scope)
        {
            if (scope.IdleTimeout is null || ReadsEndOnDispose) return scope.Token;
            _idleSource ??= scope.Token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(scope.Token) : new CancellationTokenSource();
            return _idleSource.Token;
        }

        /// <summary>
        /// Whether disposing the response ends a pending read of its body, as the platform's handler guarantees: the
        /// watch's disposal then stops a stalled wait on its own, and the stream keeps no source for it (a source, its
        /// registrations and the pending read's callback node: ~190 B per open stream). A body from any other handler
        /// (a test's, a user's wrapper) may ignore disposal, so its reads also get a token the watch cancels.
        /// </summary>
        private bool ReadsEndOnDispose =>
            _readsEndOnDispose ??= string.Equals(_response?.Content?.GetType().FullName, PlatformContentType, StringComparison.Ordinal);

        // Lists the wait whose token WaitToken gave last: only time spent waiting on the server counts. The deadline is
        // taken here, once the read is pending, not for every read: most reads complete at once from buffered bytes
        // (a 7-byte read size makes ~20 of them per event), and reading the clock for each cost more than the decode.
        private void ArmIdle(RequestScope scope)
        {
            // What only a busy stream needs is let go while it waits.
            _decoder.Rest();
            if (scope.IdleTimeout is not { } timeout) return;
            var bucket = _idleBucket = IdleWatch.Shared.BucketFor(timeout, _idleBucket);
            IdleWatch.Shared.Arm(this, bucket);
        }

        /// <summary>The idle timeout stopped the latest wait (and not the caller or the overall timeout).</summary>
        private bool IdleExpired(RequestScope scope) =>
            (_idleExpired || _idleSource is { IsCancellationRequested: true }) && !scope.Token.IsCancellationRequested;

        internal override void OnIdleExpired()
        {
            if (_idleSource is { } source)
            {
                source.Cancel();
            }
            else if (_readPending)
            {
                _idleExpired = true;
            }

            // A read blocked in a handler that ignores cancellation tokens (or given none, see ReadsEndOnDispose) is
            // released by disposing the response. Only while a read is pending: otherwise the next read sees the token,
            // and the body is aborted without a drain.
            if (_readPending) _response?.Dispose();
        }
    }
}
