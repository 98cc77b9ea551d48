using System;
using System.Buffers;

namespace StructGen.Sse
{
    /// <summary>
    /// <see cref="ArrayPool{T}.Shared"/> for the buffers an event stream needs every event, and the GC for
    /// the rare huge ones. The shared pool keeps returned arrays of every size up to 1 GiB for the life of the
    /// process, so one response with a 10 MB line (grown by doubling) would otherwise leave hundreds of MB
    /// cached in it. Arrays above <see cref="MaxPooledLength"/> are allocated and left to the collector.
    /// </summary>
    internal static class BoundedArrayPool
    {
        /// <summary>The largest array taken from and returned to the shared pool (1 MiB, a power of two).</summary>
        internal const int MaxPooledLength = 1024 * 1024;

        /// <summary>An array of at least <paramref name="minimumLength"/> bytes.</summary>
        public static byte[] Rent(int minimumLength) =>
            minimumLength <= MaxPooledLength ? ArrayPool<byte>.Shared.Rent(minimumLength) : Allocate(minimumLength);

        /// <summary>An array of exactly <paramref name="length"/> bytes from the collector, never to be given to the pool.</summary>
        public static byte[] Allocate(int length)
        {
#if NET5_0_OR_GREATER
            return GC.AllocateUninitializedArray<byte>(length);
#else
            return new byte[length];
#endif
        }

        /// <summary>
        /// Gives back an array from <see cref="Rent"/>: to the pool when it came from there (every array
        /// the pool hands out for a request of at most <see cref="MaxPooledLength"/> is at most that long),
        /// otherwise to the collector.
        /// </summary>
        public static void Return(byte[] array)
        {
            if (array.Length > 0 && array.Length <= MaxPooledLength) ArrayPool<byte>.Shared.Return(array);
        }
    }
}
