using System.Threading;

namespace StructGen.Chat.Transport
{
    /// <summary>The idle timeout of <see cref="HttpEventSource"/>'s waits on the server, kept by the shared <see cref="IdleWatch"/>.</summary>
    internal sealed partial class HttpEventSource
    {
        // The bucket of the latest wait on the server, and the source the watch cancels when that wait lasts too long
        // (linked to the caller's token and the overall timeout, if any).
        private IdleWatch.Bucket? _idleBucket;
        private CancellationTokenSource? _idleSource;

        /// <summary>
        /// The token of a wait on the server that starts now: cancelled by the caller, the overall timeout or, when
        /// nothing arrives for the idle timeout, by the idle watch. Call <see cref="ArmIdle"/> once the wait is pending.
        /// </summary>
        private CancellationToken WaitToken(RequestScope scope)
        {
            if (scope.IdleTimeout is null) return scope.Token;
            _idleSource ??= scope.Token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(scope.Token) : new CancellationTokenSource();
            return _idleSource.Token;
        }

        // Lists the wait whose token WaitToken gave last: only time spent waiting on the server counts. The deadline is
        // taken here, once the read is pending, not for every read: most reads complete at once from buffered bytes
        // (a 7-byte read size makes ~20 of them per event), and reading the clock for each cost more than the decode.
        private void ArmIdle(RequestScope scope)
        {
            if (scope.IdleTimeout is not { } timeout) return;
            var bucket = _idleBucket = IdleWatch.Shared.BucketFor(timeout, _idleBucket);
            IdleWatch.Shared.Arm(this, bucket);
        }

        /// <summary>The idle timeout stopped the latest wait (and not the caller or the overall timeout).</summary>
        private bool IdleExpired(RequestScope scope) =>
            _idleSource is { } own && own.IsCancellationRequested && !scope.Token.IsCancellationRequested;

        internal override void OnIdleExpired()
        {
            _idleSource?.Cancel();

            // A read blocked in a handler that ignores cancellation tokens is released by disposing the response. Only
            // while a read is pending: otherwise the next read sees the token, and the body is aborted without a drain.
            if (_readPending) _response?.Dispose();
        }
    }
}
