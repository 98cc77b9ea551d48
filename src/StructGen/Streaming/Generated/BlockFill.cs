using System;
using System.Runtime.CompilerServices;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// The append step both block stores share (<see cref="BlockText"/>, <see cref="ParserText"/>): fill the block being
    /// filled, and say what did not fit. They differ only in how they add the next block.
    /// </summary>
    internal static class BlockFill
    {
        /// <summary>
        /// Copies as much of <paramref name="chunk"/> as fits <paramref name="block"/> (which starts at
        /// <paramref name="blockStart"/> in the text of <paramref name="length"/> characters) and returns the rest:
        /// empty when it all fit, else the caller adds a block and fills again.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ReadOnlySpan<char> Fill(char[]? block, int blockStart, scoped ref int length, ReadOnlySpan<char> chunk)
        {
            if (block is null) return chunk;
            int used = length - blockStart;
            int count = Math.Min(block.Length - used, chunk.Length);
            chunk.Slice(0, count).CopyTo(new Span<char>(block, used, count));
            length += count;
            return chunk.Slice(count);
        }
    }
}
