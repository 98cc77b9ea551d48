using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat.Transport
{
    /// <summary>A read-only stream that returns bytes already read from <c>inner</c>, then the rest of <c>inner</c>.</summary>
    internal sealed class PrefixedReadStream : ReadOnlyWrapperStream
    {
        private readonly byte[] _prefix;
        private readonly int _prefixLength;
        private int _prefixOffset;

        public PrefixedReadStream(byte[] prefix, int prefixLength, Stream inner)
            : base(inner)
        {
            _prefix = prefix;
            _prefixLength = prefixLength;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            TryReadPrefix(buffer, offset, count, out int read) ? read : Inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<int>(cancellationToken);
            return TryReadPrefix(buffer, offset, count, out int read) ? Task.FromResult(read) : Inner.ReadAsync(buffer, offset, count, cancellationToken);
        }

#if NET
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
            int remaining = _prefixLength - _prefixOffset;
            if (remaining > 0 && buffer.Length > 0)
            {
                int n = Math.Min(remaining, buffer.Length);
                _prefix.AsSpan(_prefixOffset, n).CopyTo(buffer.Span);
                _prefixOffset += n;
                return new ValueTask<int>(n);
            }

            return Inner.ReadAsync(buffer, cancellationToken);
        }
#endif


        private bool TryReadPrefix(byte[] buffer, int offset, int count, out int read)
        {
            int remaining = _prefixLength - _prefixOffset;
            if (remaining <= 0 || count == 0)
            {
                read = 0;
                return false;
            }

            read = Math.Min(remaining, count);
            Buffer.BlockCopy(_prefix, _prefixOffset, buffer, offset, read);
            _prefixOffset += read;
            return true;
        }
    }
}
