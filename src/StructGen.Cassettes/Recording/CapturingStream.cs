using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A tee over the real response stream: every byte the caller reads is also appended to a
    /// <see cref="ResponseCapture"/>. If the caller disposes it before the end, the remainder is
    /// read in the background (bounded by a timeout) so the recording still holds the full body.
    /// </summary>
    internal sealed class CapturingStream : Stream
    {
        private readonly Stream _inner;
        private readonly ResponseCapture _capture;
        private readonly TimeSpan _drainTimeout;
        private readonly IDisposable? _owner;

        // Serialises reads of the inner stream between the caller and the background drain.
        private readonly SemaphoreSlim _readLock = new SemaphoreSlim(1, 1);
        private int _disposed;

        public CapturingStream(Stream inner, ResponseCapture capture, TimeSpan drainTimeout, IDisposable? owner)
        {
            _inner = inner;
            _capture = capture;
            _drainTimeout = drainTimeout;
            _owner = owner;
        }

        public override bool CanRead => Volatile.Read(ref _disposed) == 0;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ThrowIfDisposed();
            _readLock.Wait();
            try
            {
                return Record(buffer, offset, _inner.Read(buffer, offset, count), count);
            }
            finally
            {
                _readLock.Release();
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            await _readLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                int read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                return Record(buffer, offset, read, count);
            }
            finally
            {
                _readLock.Release();
            }
        }

#if NET
        public override int Read(Span<byte> buffer)
        {
            ThrowIfDisposed();
            _readLock.Wait();
            try
            {
                int read = _inner.Read(buffer);
                RecordSpan(buffer.Slice(0, read), buffer.Length);
                return read;
            }
            finally
            {
                _readLock.Release();
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            await _readLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                RecordSpan(buffer.Span.Slice(0, read), buffer.Length);
                return read;
            }
            finally
            {
                _readLock.Release();
            }
        }

        private void RecordSpan(ReadOnlySpan<byte> data, int requested)
        {
            if (data.Length > 0)
            {
                _capture.Append(data);
            }
            else if (requested > 0)
            {
                _capture.Complete();
            }
        }
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            if (disposing)
            {
                if (_capture.State == ResponseCapture.CaptureState.Complete)
                {
                    ReleaseInner();
                }
                else
                {
                    // Clients commonly stop at "data: [DONE]" without reading to the end of the
                    // stream; finish reading off the caller's thread so disposal stays instant.
                    _capture.MarkDraining();
                    _ = Task.Run(DrainAsync);
                }
            }

            base.Dispose(disposing);
        }

        private async Task DrainAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(_drainTimeout);
                await _readLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    var buffer = new byte[16 * 1024];
                    int read;
                    while ((read = await _inner.ReadAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false)) > 0)
                    {
                        _capture.Append(buffer, 0, read);
                    }

                    _capture.Complete();
                }
                finally
                {
                    _readLock.Release();
                }
            }
            catch (OperationCanceledException)
            {
                _capture.Truncate($"the response was disposed before its end and the rest did not arrive within {_drainTimeout}");
            }
            catch (Exception ex)
            {
                // Typically the caller cancelled a read, which aborts the connection for good.
                _capture.Truncate("the response body could not be read to its end: " + ex.Message);
            }
            finally
            {
                ReleaseInner();
            }
        }

        private int Record(byte[] buffer, int offset, int read, int requested)
        {
            if (read > 0)
            {
                _capture.Append(buffer, offset, read);
            }
            else if (requested > 0)
            {
                _capture.Complete(); // A zero-byte read for a non-empty buffer is the end of the body.
            }

            return read;
        }

        private void ReleaseInner()
        {
            _inner.Dispose();
            _owner?.Dispose();
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                throw new ObjectDisposedException(nameof(CapturingStream));
            }
        }
    }
}
