using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A read-only stream over a recorded body that hands it out in pieces (see <see cref="ChunkingMode"/>),
    /// the way a network would. Reads complete synchronously unless a read delay is set, so replay can
    /// never wait on anything; cancellation and disposal are checked on every read.
    /// </summary>
    internal sealed class ReplayBodyStream : Stream
    {
        private readonly byte[] _body;
        private readonly ChunkingMode _chunking;
        private readonly TimeSpan _readDelay;
        private readonly bool _binaryFrames;
        private int _position;
        private int _pieceEnd;
        private bool _disposed;

        public ReplayBodyStream(byte[] body, ChunkingMode chunking, TimeSpan readDelay, bool binaryFrames = false)
        {
            _body = body;
            _chunking = chunking;
            _readDelay = readDelay;
            _binaryFrames = binaryFrames;
        }

        public override bool CanRead => !_disposed;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException("A replayed response stream has no length, like a network stream.");

        public override long Position
        {
            get => throw new NotSupportedException("A replayed response stream cannot seek.");
            set => throw new NotSupportedException("A replayed response stream cannot seek.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ValidateArguments(buffer, offset, count);
            ThrowIfDisposed();
            if (_readDelay > TimeSpan.Zero && count > 0 && _position < _body.Length)
            {
                Thread.Sleep(_readDelay);
                ThrowIfDisposed();
            }

            return CopyNext(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ValidateArguments(buffer, offset, count);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<int>(cancellationToken);
            }

            if (_disposed)
            {
                return Task.FromException<int>(new ObjectDisposedException(nameof(ReplayBodyStream)));
            }

            if (_readDelay > TimeSpan.Zero && count > 0 && _position < _body.Length)
            {
                return DelayedCopyAsync(buffer, offset, count, cancellationToken);
            }

            return Task.FromResult(CopyNext(buffer, offset, count));
        }

#if NET
        public override int Read(Span<byte> buffer)
        {
            ThrowIfDisposed();
            if (_readDelay > TimeSpan.Zero && buffer.Length > 0 && _position < _body.Length)
            {
                Thread.Sleep(_readDelay);
                ThrowIfDisposed();
            }

            int count = TakeNext(buffer.Length, out int start);
            _body.AsSpan(start, count).CopyTo(buffer);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<int>(cancellationToken);
            }

            if (_disposed)
            {
                return ValueTask.FromException<int>(new ObjectDisposedException(nameof(ReplayBodyStream)));
            }

            if (_readDelay > TimeSpan.Zero && buffer.Length > 0 && _position < _body.Length)
            {
                return new ValueTask<int>(DelayedCopyAsync(buffer, cancellationToken));
            }

            int count = TakeNext(buffer.Length, out int start);
            _body.AsMemory(start, count).CopyTo(buffer);
            return new ValueTask<int>(count);
        }

        private async Task<int> DelayedCopyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            await Task.Delay(_readDelay, cancellationToken).ConfigureAwait(false);
            ThrowIfDisposed();
            int count = TakeNext(buffer.Length, out int start);
            _body.AsMemory(start, count).CopyTo(buffer);
            return count;
        }
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A replayed response stream cannot seek.");

        public override void SetLength(long value) => throw new NotSupportedException("A replayed response stream is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A replayed response stream is read-only.");

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        private async Task<int> DelayedCopyAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(_readDelay, cancellationToken).ConfigureAwait(false);
            ThrowIfDisposed();
            return CopyNext(buffer, offset, count);
        }

        private int CopyNext(byte[] buffer, int offset, int count)
        {
            int taken = TakeNext(count, out int start);
            Buffer.BlockCopy(_body, start, buffer, offset, taken);
            return taken;
        }

        // Hands out the next piece (or the part of it that fits). A new piece is planned only once
        // the previous one is used up, so an event-boundary piece always starts at a line start.
        private int TakeNext(int maxCount, out int start)
        {
            start = _position;
            if (maxCount == 0 || _position >= _body.Length)
            {
                return 0;
            }

            if (_position == _pieceEnd)
            {
                _pieceEnd = _chunking.NextBoundary(_body, _position, _binaryFrames);
            }

            int count = Math.Min(maxCount, _pieceEnd - _position);
            _position += count;
            return count;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(ReplayBodyStream));
            }
        }

        private static void ValidateArguments(byte[] buffer, int offset, int count)
        {
            if (buffer is null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must describe a range inside buffer.");
            }
        }
    }
}
