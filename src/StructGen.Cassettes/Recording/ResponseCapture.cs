using System;
using System.IO;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Collects the bytes of one response body as they pass to the caller, and knows whether the
    /// body is complete, still with the caller, being drained after disposal, or cut short.
    /// </summary>
    internal sealed class ResponseCapture
    {
        private readonly object _gate = new object();
        private readonly MemoryStream _bytes = new MemoryStream();
        private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public enum CaptureState
        {
            /// <summary>The caller still holds the body and has not reached its end.</summary>
            WithCaller,

            /// <summary>The caller disposed the body early; the rest is being read in the background.</summary>
            Draining,

            /// <summary>The whole body was captured.</summary>
            Complete,

            /// <summary>The body could not be read to its end.</summary>
            Truncated,
        }

        public CaptureState State { get; private set; } = CaptureState.WithCaller;

        /// <summary>Why the body is truncated, when <see cref="State"/> is <see cref="CaptureState.Truncated"/>.</summary>
        public string? TruncationReason { get; private set; }

        /// <summary>Completes once the body is complete or truncated.</summary>
        public Task Finished => _done.Task;

        public void Append(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                _bytes.Write(buffer, offset, count);
            }
        }

#if NET
        public void Append(ReadOnlySpan<byte> data)
        {
            lock (_gate)
            {
                _bytes.Write(data);
            }
        }
#endif

        public void MarkDraining()
        {
            lock (_gate)
            {
                if (State == CaptureState.WithCaller)
                {
                    State = CaptureState.Draining;
                }
            }
        }

        public void Complete() => Finish(CaptureState.Complete, null);

        public void Truncate(string reason) => Finish(CaptureState.Truncated, reason);

        public byte[] ToArray()
        {
            lock (_gate)
            {
                return _bytes.ToArray();
            }
        }

        private void Finish(CaptureState state, string? reason)
        {
            lock (_gate)
            {
                if (State == CaptureState.Complete || State == CaptureState.Truncated)
                {
                    return;
                }

                State = state;
                TruncationReason = reason;
            }

            _done.TrySetResult(true);
        }
    }
}
