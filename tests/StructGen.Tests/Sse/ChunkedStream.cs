using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Sse
{
    /// <summary>
    /// A read-only stream that hands out its bytes in fixed chunks, so tests control exactly where reads split
    /// lines, CRLF pairs and multi-byte characters. Reads complete synchronously (no allocation) unless
    /// <c>forceAsync</c> is set; <c>hangAtEnd</c> makes the read after the last chunk wait until cancelled,
    /// like an idle network stream.
    /// </summary>
    internal sealed class ChunkedStream : Stream
    {
        private readonly byte[][] _chunks;
        private readonly bool _forceAsync;
        private readonly bool _hangAtEnd;
        private int _chunk;
        private int _offsetInChunk;

        public ChunkedStream(IEnumerable<byte[]> chunks, bool forceAsync = false, bool hangAtEnd = false)
        {
            _chunks = new List<byte[]>(chunks).ToArray();
            _forceAsync = forceAsync;
            _hangAtEnd = hangAtEnd;
        }

        public static ChunkedStream FixedSize(byte[] data, int readSize, bool forceAsync = false, bool hangAtEnd = false)
        {
            var chunks = new List<byte[]>();
            for (int i = 0; i < data.Length; i += readSize)
            {
                chunks.Add(data.AsSpan(i, Math.Min(readSize, data.Length - i)).ToArray());
            }

            return new ChunkedStream(chunks, forceAsync, hangAtEnd);
        }

        public bool IsDisposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsSpan(offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_hangAtEnd && _chunk == _chunks.Length)
            {
                return new ValueTask<int>(HangAsync(cancellationToken));
            }

            return _forceAsync ? YieldThenReadAsync(buffer) : new ValueTask<int>(ReadCore(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }

        private static async Task<int> HangAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        private async ValueTask<int> YieldThenReadAsync(Memory<byte> buffer)
        {
            await Task.Yield();
            return ReadCore(buffer.Span);
        }

        private int ReadCore(Span<byte> destination)
        {
            if (_chunk == _chunks.Length || destination.IsEmpty)
            {
                return 0;
            }

            byte[] chunk = _chunks[_chunk];
            int count = Math.Min(destination.Length, chunk.Length - _offsetInChunk);
            chunk.AsSpan(_offsetInChunk, count).CopyTo(destination);
            _offsetInChunk += count;
            if (_offsetInChunk == chunk.Length)
            {
                _chunk++;
                _offsetInChunk = 0;
            }

            return count;
        }
    }
}
