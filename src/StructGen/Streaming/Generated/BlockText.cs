using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// Append-only text kept in blocks that are filled once and never copied or written again: 16
    /// characters, doubling up to 4,096 (8 KB, below the large-object heap), then 4,096 each. Holds
    /// the characters of a string value fed without the parser's text (<see cref="StringNode"/>: replayed
    /// tokens); the parser's own text is a <see cref="ParserText"/>.
    /// </summary>
    /// <remarks>
    /// A snapshot may keep (<see cref="Tail"/>, <see cref="Length"/>): the characters before that
    /// length never change, and a new block is added rather than an old one grown. Unlike a
    /// <c>StringBuilder</c> (whose blocks grow to 8,000 characters), at most one block of 4,096 is
    /// partly empty. A mutable struct: keep it in a field and call it there, never copy it.
    /// </remarks>
    internal struct BlockText
    {
        private const int MaxBlock = 4096;

        private object? _tail;  // the block being filled, or the TextSegment that holds it
        private char[]? _block; // the block being filled, unwrapped for the per-delta append
        private int _blockStart; // where _block starts in the text
        private int _length;

        /// <summary>The number of characters appended.</summary>
        public readonly int Length => _length;

        /// <summary>The newest block: a <c>char[]</c> while the text has one block, else a <see cref="TextSegment"/>.</summary>
        public readonly object Tail => _tail ?? Array.Empty<char>();

        /// <summary>The only block, when the text fits one (no string needs to be created to read it).</summary>
        public readonly char[]? SingleBlock => _tail as char[] ?? (_length == 0 ? Array.Empty<char>() : null);

        /// <summary>Appends <paramref name="chunk"/>.</summary>
        public void Append(ReadOnlySpan<char> chunk)
        {
            // The usual delta fits the block being filled; a longer one fills it and goes on in new blocks.
            chunk = BlockFill.Fill(_block, _blockStart, ref _length, chunk);
            while (!chunk.IsEmpty)
            {
                AddBlock();
                chunk = BlockFill.Fill(_block, _blockStart, ref _length, chunk);
            }
        }

        private void AddBlock()
        {
            var block = new char[Math.Min(MaxBlock, Math.Max(16, _length))];
            _tail = _length == 0 ? block : new TextSegment(block, _length, _tail!);
            _block = block;
            _blockStart = _length;
        }

        /// <summary>The text as a string.</summary>
        public override readonly string ToString() => TextSegment.ToString(Tail, _length);
    }
}
