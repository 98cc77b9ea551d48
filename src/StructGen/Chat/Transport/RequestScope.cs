using System;
using System.Diagnostics;
using System.Threading;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// The cancellation sources of one request: the caller's tokens, the overall timeout and idle
    /// timers, kept apart so a failure can say which one fired (the caller's cancellation is an
    /// <see cref="OperationCanceledException"/>; the timeouts are <see cref="ChatStreamException"/>s).
    /// </summary>
    /// <remarks>
    /// A stream's transport (<see cref="HttpEventSource"/>) is its own scope, so an open stream keeps one object fewer
    /// (64 B); that is why a scope is an <see cref="IdleWaiter"/>, which the transport is. A scope made on its own is
    /// never listed by the idle watch.
    /// </remarks>
    internal class RequestScope : IdleWaiter, IDisposable
    {
        // An open stream keeps its scope while it waits: only what cannot be derived is stored.
        private CancellationToken _caller;
        private CancellationTokenSource? _overall;
        private CancellationTokenSource? _linked;
        private CancellationToken _token;
        private long _started;

        // 0 for none (the option is always positive).
        private long _idleTimeoutTicks;

        public RequestScope(CancellationToken caller, TimeSpan? timeout, TimeSpan? idleTimeout)
        {
            _caller = caller;
            Open(timeout, idleTimeout);
        }

        /// <summary>For a transport that is its own scope: it sets <see cref="CallerToken"/>, then opens the scope when the request starts.</summary>
        protected RequestScope()
        {
        }

        /// <summary>The caller's token (until <see cref="Open"/>, the one the scope will be made from).</summary>
        protected CancellationToken CallerToken
        {
            get => _caller;
            set => _caller = value;
        }

        /// <summary>Starts the clock and the overall timeout; the token is the caller's, the timeout's, or both linked.</summary>
        protected void Open(TimeSpan? timeout, TimeSpan? idleTimeout)
        {
            _started = Stopwatch.GetTimestamp();
            _idleTimeoutTicks = idleTimeout?.Ticks ?? 0;
            if (timeout is { } limit) _overall = new CancellationTokenSource(limit);

            // A linked source only when both tokens can fire: each costs registrations per open stream.
            if (_caller.CanBeCanceled && _overall is not null) _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _overall.Token);

            // Kept: a source's Token throws once the source is disposed.
            _token = _linked?.Token ?? (_overall is not null ? _overall.Token : _caller);
        }

        /// <summary>Cancelled by the caller or by the overall timeout.</summary>
        public CancellationToken Token => _token;

        public TimeSpan? IdleTimeout => _idleTimeoutTicks == 0 ? null : new TimeSpan(_idleTimeoutTicks);

        public long ElapsedMilliseconds => (Stopwatch.GetTimestamp() - _started) * 1000 / Stopwatch.Frequency;

        public bool CallerCancelled => _caller.IsCancellationRequested;

        public bool TimedOut => _overall?.IsCancellationRequested == true;

        /// <summary>An <see cref="OperationCanceledException"/> carrying the caller's token that fired.</summary>
        public OperationCanceledException CallerCancellation(Exception? inner) =>
            new OperationCanceledException(
                "The chat-completions request was cancelled by the caller. What had arrived is in the stream's State.",
                inner,
                _caller);

        /// <summary>Creates a timer that fails waits that last longer than <see cref="IdleTimeout"/>.</summary>
        public IdleTimer CreateIdleTimer() => new IdleTimer(this);

        /// <summary>Disposes the scope's sources (for a transport, not the transport: it closes through its own steps).</summary>
        public void Dispose()
        {
            _linked?.Dispose();
            _overall?.Dispose();
        }

        /// <inheritdoc />
        internal override void OnIdleExpired()
        {
            // A scope on its own is never listed; the transport overrides this.
        }

        /// <summary>
        /// Cancels <see cref="Token"/> when armed for longer than the idle timeout. Arm it just before a
        /// wait on the server and disarm it after, so time spent by the consumer does not count.
        /// </summary>
        internal sealed class IdleTimer : IDisposable
        {
            private readonly RequestScope _scope;
            private readonly CancellationTokenSource _source;

            public IdleTimer(RequestScope scope)
            {
                _scope = scope;
                _source = scope.Token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(scope.Token) : new CancellationTokenSource();
            }

            public CancellationToken Token => _source.Token;

            /// <summary>The idle timeout fired (and not the caller or the overall timeout).</summary>
            public bool Expired => _source.IsCancellationRequested && !_scope.Token.IsCancellationRequested;

            public void Arm()
            {
                if (_scope.IdleTimeout is { } idle && !_source.IsCancellationRequested) _source.CancelAfter(idle);
            }

            public void Disarm()
            {
                if (_scope.IdleTimeout is not null && !_source.IsCancellationRequested) _source.CancelAfter(System.Threading.Timeout.Infinite);
            }

            public void Dispose() => _source.Dispose();
        }
    }
}
