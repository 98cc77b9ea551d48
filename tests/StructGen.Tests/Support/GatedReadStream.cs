using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace StructGen.Tests.Support
{
    /// <summary>
    /// A body whose every read waits until the test completes it: a zero-byte read with 0, any other with the next
    /// event's bytes (the read buffer must hold one event). The continuation runs inline on whichever thread completes
    /// the read. Subclasses watch reads start (<see cref="OnReadStarted"/>) and continuations run (<see cref="OnResuming"/>,
    /// <see cref="OnResumed"/>).
    /// </summary>
    internal class GatedReadStream : AsyncReadStream, IValueTaskSource<int>
    {
        private readonly IReadOnlyList<byte[]> _events;
        private ManualResetValueTaskSourceCore<int> _core;
        private Memory<byte> _buffer;
        private volatile bool _pending;
        private int _next;

        public GatedReadStream(IReadOnlyList<byte[]> events) => _events = events;

        /// <summary>How many reads waited.</summary>
        public int PendingReads { get; private set; }

        public bool Disposed { get; private set; }

        public sealed override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending) throw new InvalidOperationException("two reads at once");
            OnReadStarted();
            _pending = true;
            PendingReads++;
            _buffer = buffer;
            _core.Reset();
            return new ValueTask<int>(this, _core.Version);
        }

        /// <summary>Completes the pending read with the next event (or 0 for a zero-byte read, or at the end).</summary>
        public void CompletePending()
        {
            if (!_pending) throw new InvalidOperationException("the stream is waiting but no read is pending");
            _pending = false;
            int n = 0;
            if (_buffer.Length > 0 && _next < _events.Count)
            {
                var bytes = _events[_next++];
                if (bytes.Length > _buffer.Length) throw new InvalidOperationException("the read buffer is smaller than one event");
                bytes.CopyTo(_buffer);
                n = bytes.Length;
            }

            _buffer = default;
            OnResuming();
            _core.SetResult(n);
            OnResumed();
        }

        /// <summary>Fails the pending read.</summary>
        public void FailPending(Exception exception)
        {
            if (!_pending) throw new InvalidOperationException("no read is pending");
            _pending = false;
            _buffer = default;
            _core.SetException(exception);
        }

        /// <summary>Called as a read starts, before it waits.</summary>
        protected virtual void OnReadStarted()
        {
        }

        /// <summary>Called just before the read's continuation runs (inline, in <see cref="CompletePending"/>).</summary>
        protected virtual void OnResuming()
        {
        }

        /// <summary>Called once the read's continuation returned.</summary>
        protected virtual void OnResumed()
        {
        }

        int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
