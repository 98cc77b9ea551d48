using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// The text a <see cref="StreamingParser{T, TPartial}"/> received, kept once: it is the message's
    /// content (<c>StreamingParser.Text</c>, a failure's <c>RawText</c>), and string values read their
    /// characters from it (<see cref="StringNode"/>, <see cref="TextView"/>) instead of keeping a second copy.
    /// </summary>
    /// <remarks>
    /// Append-only in blocks that are never written again once filled, so a range read by a published
    /// snapshot never changes, even while the parser goes on appending.
    /// </remarks>
    internal sealed class ParserText
    {
        // Blocks of 16, 16, 32, 64, ... 4,096 characters (each new one as long as the text before it, so none is
        // more than half empty), then 4,096 each (8 KB, below the large-object heap). A block's place follows from
        // its index, so the text keeps no object per block and finds the block of any position without walking the
        // others. The first four blocks (128 characters) are fields and the rest one table: a short text, or a stream
        // paused early in its answer, holds no table (152 B).
        private const int MaxBlock = 4096;
        private const int DoublingBlocks = 10; // blocks 0 to 9 hold the first 8,192 characters
        private const int DoublingEnd = 2 * MaxBlock;

        private const int FieldBlocks = 4;

        private char[]? _first;   // block 0
        private char[]? _second;  // block 1
        private char[]? _third;   // block 2
        private char[]? _fourth;  // block 3
        private char[][]? _later; // blocks 4 and up, at index - 4: created with block 4, replaced (never rewritten) when it grows
        private int _count;
        private char[]? _block; // the block being filled
        private int _blockStart;
        private int _length;

        /// <summary>Where the JSON document starts in the text (after any fence or think block), or -1 before it does.</summary>
        public int DocumentStart { get; set; } = -1;

        /// <summary>The number of characters received.</summary>
        public int Length => _length;

        /// <summary>Appends the next delta.</summary>
        public void Append(ReadOnlySpan<char> delta)
        {
            // The usual delta fits the block being filled; a longer one fills it and goes on in new blocks.
            delta = BlockFill.Fill(_block, _blockStart, ref _length, delta);
            while (!delta.IsEmpty)
            {
                AddBlock();
                delta = BlockFill.Fill(_block, _blockStart, ref _length, delta);
            }
        }

        /// <summary>Copies the characters from <paramref name="start"/> to <paramref name="end"/> into <paramref name="destination"/>.</summary>
        public void CopyTo(int start, int end, Span<char> destination)
        {
            for (int index = IndexOf(start); start < end; index++)
            {
                var part = Part(index, start, end);
                part.CopyTo(destination);
                destination = destination.Slice(part.Length);
                start += part.Length;
            }
        }

        /// <summary>The characters from <paramref name="start"/> to <paramref name="end"/> when they lie in one block.</summary>
        public bool TryGetSpan(int start, int end, out ReadOnlySpan<char> span)
        {
            if (start >= end)
            {
                span = default;
                return true;
            }

            span = Part(IndexOf(start), start, end);
            return span.Length == end - start;
        }

        /// <summary>The characters from <paramref name="start"/> up to <paramref name="end"/> or the end of the block holding <paramref name="start"/>, whichever comes first.</summary>
        public ReadOnlySpan<char> PartFrom(int start, int end) => start >= end ? default : Part(IndexOf(start), start, end);

        /// <summary>Whether the characters from <paramref name="start"/> to <paramref name="end"/> hold a backslash (JSON content: an escape).</summary>
        public bool HasEscape(int start, int end)
        {
            for (int index = IndexOf(start); start < end; index++)
            {
                var part = Part(index, start, end);
                if (part.IndexOf('\\') >= 0) return true;
                start += part.Length;
            }

            return false;
        }
        /// <summary>
        /// The JSON string content from <paramref name="start"/> to <paramref name="end"/> (validated by the tokenizer,
        /// never ending inside an escape), unescaped. Decoded straight into the new string: no temporary copy of
        /// the raw text, however long.
        /// </summary>
        public string Unescape(int start, int end)
        {
            if (end == start) return string.Empty;
            int length = UnescapedLength(start, end);
#if NET
            return string.Create(length, (Text: this, Start: start, End: end), static (span, state) => state.Text.UnescapeTo(state.Start, state.End, span));
#else
            var chars = new char[length];
            UnescapeTo(start, end, chars);
            return new string(chars);
#endif
        }

        /// <summary>The number of characters of the content from <paramref name="start"/> to <paramref name="end"/> once unescaped.</summary>
        public int UnescapedLength(int start, int end)
        {
            // Each escape decodes to one character: "\uXXXX" saves five, the two-character ones save one.
            int length = end - start;
            for (int at = NextBackslash(start, end); at >= 0; at = NextBackslash(at + EscapeWidth(at), end))
            {
                length -= EscapeWidth(at) - 1;
            }

            return length;
        }

        private void UnescapeTo(int start, int end, Span<char> destination)
        {
            Span<char> escape = stackalloc char[6];
            int written = 0;
            while (start < end)
            {
                int at = NextBackslash(start, end);
                int plainEnd = at < 0 ? end : at;
                CopyTo(start, plainEnd, destination.Slice(written));
                written += plainEnd - start;
                if (at < 0) break;

                int width = EscapeWidth(at);
                CopyTo(at, at + width, escape);
                written += JsonUnescape.Decode(escape.Slice(0, width), destination.Slice(written));
                start = at + width;
            }

            if (written != destination.Length)
            {
                // The tokenizer validated these characters: a mismatch is a bug here, not bad input.
                throw new InvalidOperationException("A streamed string decoded to " + written + " characters where " + destination.Length + " were counted.");
            }
        }

        // The first backslash from `from` (inclusive) to `end`, or -1.
        private int NextBackslash(int from, int end)
        {
            for (int index = IndexOf(from); from < end; index++)
            {
                var part = Part(index, from, end);
                int at = part.IndexOf('\\');
                if (at >= 0) return from + at;
                from += part.Length;
            }

            return -1;
        }

        // How many characters the escape starting at `at` takes ("\uXXXX" or a two-character one).
        private int EscapeWidth(int at)
        {
            int index = IndexOf(at + 1);
            var block = Block(index);
            return block[at + 1 - StartOf(index)] == 'u' ? 6 : 2;
        }

        /// <inheritdoc />
        public override string ToString()
        {
            if (_length == 0) return string.Empty;
#if NET
            return string.Create(_length, this, static (span, text) => text.CopyTo(0, span.Length, span));
#else
            var chars = new char[_length];
            CopyTo(0, _length, chars);
            return new string(chars);
#endif
        }

        private void AddBlock()
        {
            int index = _count;
            var block = new char[StartOf(index + 1) - StartOf(index)];
            switch (index)
            {
                case 0: _first = block; break;
                case 1: _second = block; break;
                case 2: _third = block; break;
                case 3: _fourth = block; break;
                default:
                    if (_later is null || index - FieldBlocks == _later.Length)
                    {
                        // One table of 16 serves every text up to 49,152 characters.
                        var grown = new char[_later is null ? 16 : _later.Length * 2][];
                        if (_later is not null) Array.Copy(_later, grown, _later.Length);

                        // A partial read on another thread may be reading the old table: it must see the copy whole.
                        System.Threading.Volatile.Write(ref _later, grown);
                    }

                    _later![index - FieldBlocks] = block;
                    break;
            }

            _count = index + 1;
            _block = block;
            _blockStart = _length;
        }

        // The part of block index that lies between start (inside that block) and end.
        private ReadOnlySpan<char> Part(int index, int start, int end)
        {
            var block = Block(index);
            int offset = start - StartOf(index);
            return new ReadOnlySpan<char>(block, offset, Math.Min(end - start, block.Length - offset));
        }

        private char[] Block(int index) => index switch
        {
            0 => _first!,
            1 => _second!,
            2 => _third!,
            3 => _fourth!,
            _ => _later![index - FieldBlocks],
        };

        private static int StartOf(int index) => index == 0 ? 0 : index <= DoublingBlocks ? 8 << index : DoublingEnd + ((index - DoublingBlocks) * MaxBlock);

        private static int IndexOf(int position)
        {
            if (position < 16) return 0;
            if (position >= DoublingEnd) return DoublingBlocks + ((position - DoublingEnd) / MaxBlock);
#if NET
            return System.Numerics.BitOperations.Log2((uint)position) - 3;
#else
            int log2 = 0;
            while ((position >>= 1) != 0) log2++;
            return log2 - 3;
#endif
        }
    }
}
