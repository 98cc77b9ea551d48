using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// One block of a long streamed string after the first: the blocks form a list from the newest
    /// back to the first, so a string grows by adding a block instead of copying what it had.
    /// </summary>
    /// <remarks>
    /// Immutable links over append-only blocks: a snapshot that holds a block sees only the
    /// characters before its own length, which are never written again.
    /// </remarks>
    internal sealed class TextSegment
    {
        public TextSegment(char[] chars, int start, object previous)
        {
            Chars = chars;
            Start = start;
            Previous = previous;
        }

        /// <summary>The block's characters (filled from index 0).</summary>
        public char[] Chars { get; }

        /// <summary>Where the block starts in the whole string.</summary>
        public int Start { get; }

        /// <summary>The block before: a <see cref="TextSegment"/>, or the first block's <c>char[]</c> (which starts at 0).</summary>
        public object Previous { get; }

        /// <summary>Copies the first <paramref name="length"/> characters of the string ending in <paramref name="tail"/> to <paramref name="destination"/>.</summary>
        /// <param name="tail">The newest block: a <see cref="TextSegment"/>, or a <c>char[]</c> when the string has one block.</param>
        /// <param name="length">How many characters the snapshot shows.</param>
        /// <param name="destination">At least <paramref name="length"/> characters.</param>
        public static void CopyTo(object tail, int length, System.Span<char> destination) => CopyRange(tail, 0, length, destination);

        /// <summary>Copies the characters from <paramref name="start"/> to <paramref name="end"/> of the text ending in <paramref name="tail"/>.</summary>
        /// <param name="tail">The newest block: a <see cref="TextSegment"/>, or a <c>char[]</c> when the text has one block.</param>
        /// <param name="start">The first character to copy.</param>
        /// <param name="end">Where to stop: at most the length of the text the tail was taken from.</param>
        /// <param name="destination">At least <paramref name="end"/> - <paramref name="start"/> characters.</param>
        public static void CopyRange(object tail, int start, int end, System.Span<char> destination)
        {
            // From the newest block back: each block holds the characters from its Start up to where the next began.
            while (end > start && tail is TextSegment segment)
            {
                if (end > segment.Start)
                {
                    int from = System.Math.Max(start, segment.Start);
                    new System.ReadOnlySpan<char>(segment.Chars, from - segment.Start, end - from).CopyTo(destination.Slice(from - start));
                    end = from;
                }

                tail = segment.Previous;
            }

            if (end > start) new System.ReadOnlySpan<char>((char[])tail, start, end - start).CopyTo(destination);
        }

        /// <summary>The first <paramref name="length"/> characters of the string ending in <paramref name="tail"/>.</summary>
        public static string ToString(object tail, int length)
        {
            if (length == 0) return string.Empty;
            if (tail is char[] single) return new string(single, 0, length);
#if NET
            return string.Create(length, tail, static (span, t) => CopyTo(t, span.Length, span));
#else
            var chars = new char[length];
            CopyTo(tail, length, chars);
            return new string(chars);
#endif
        }
    }
}
