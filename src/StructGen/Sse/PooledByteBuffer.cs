using System;
using System.Buffers;

namespace StructGen.Sse
{
    /// <summary>
    /// A growable byte buffer backed by <see cref="ArrayPool{T}.Shared"/>. The reader keeps a few of these
    /// for the whole stream and clears them between events, so steady-state events allocate nothing.
    /// </summary>
    internal sealed class PooledByteBuffer : IDisposable
    {
        private readonly int _maxPooledLength;
        private byte[] _array = Array.Empty<byte>();

        /// <summary>Creates an empty buffer.</summary>
        /// <param name="maxPooledLength">
        /// The largest array taken from and given back to the shared pool; larger ones (a rare huge event) come
        /// from the collector and go back to it, so they do not stay cached in the pool afterwards.
        /// </param>
        public PooledByteBuffer(int maxPooledLength = BoundedArrayPool.MaxPooledLength)
        {
            _maxPooledLength = Math.Min(maxPooledLength, BoundedArrayPool.MaxPooledLength);
        }

        /// <summary>The number of bytes written.</summary>
        public int Length { get; private set; }

        /// <summary>The written bytes.</summary>
        public ReadOnlySpan<byte> Span => new ReadOnlySpan<byte>(_array, 0, Length);

        /// <summary>The written bytes; valid until the buffer next grows or is disposed.</summary>
        public ReadOnlyMemory<byte> Memory => new ReadOnlyMemory<byte>(_array, 0, Length);

        /// <summary>The bytes the buffer holds without growing.</summary>
        public int Capacity => _array.Length;

        /// <summary>The backing array; only the first <see cref="Length"/> bytes are meaningful.</summary>
        public byte[] BackingArray => _array;

        /// <summary>Forgets the content but keeps the capacity.</summary>
        public void Clear() => Length = 0;

        /// <summary>Replaces the content.</summary>
        public void Set(ReadOnlySpan<byte> value)
        {
            Length = 0;
            Append(value);
        }

        /// <summary>Appends bytes, growing the buffer if needed.</summary>
        public void Append(ReadOnlySpan<byte> value)
        {
            EnsureCapacity(Length + value.Length);
            value.CopyTo(new Span<byte>(_array, Length, value.Length));
            Length += value.Length;
        }

        /// <summary>Appends one byte, growing the buffer if needed.</summary>
        public void Append(byte value)
        {
            EnsureCapacity(Length + 1);
            _array[Length++] = value;
        }

        /// <summary>Returns the backing array to the pool. The buffer stays usable and grows again on the next append.</summary>
        public void Dispose()
        {
            byte[] array = _array;
            _array = Array.Empty<byte>();
            Length = 0;
            GiveBack(array);
        }

        private void EnsureCapacity(int needed)
        {
            if (needed <= _array.Length)
            {
                return;
            }

            // Doubling keeps appends amortised O(1); the reader's limits keep `needed` far below the cap.
            long doubled = Math.Max(256L, _array.Length * 2L);
            int size = (int)Math.Min(SseReaderOptions.MaxArrayLength, Math.Max(doubled, needed));
            byte[] grown = size <= _maxPooledLength ? BoundedArrayPool.Rent(size) : BoundedArrayPool.Allocate(size);
            new ReadOnlySpan<byte>(_array, 0, Length).CopyTo(grown);
            byte[] old = _array;
            _array = grown;
            GiveBack(old);
        }

        private void GiveBack(byte[] array)
        {
            // Arrays above the limit came from the collector (or a pool bucket this buffer no longer uses): drop them.
            if (array.Length > 0 && array.Length <= _maxPooledLength)
            {
                BoundedArrayPool.Return(array);
            }
        }
    }
}
