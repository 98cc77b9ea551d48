using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// The text a <see cref="StreamingParser{T, TPartial}"/> received, kept once: it is the message's
    /// content (<c>StreamingParser.Text</c>, a failure's <c>RawText</c>), and string values read their
    /// characters from it (<see cref="StringSource"/>) instead of keeping a second copy.
    /// </summary>
    /// <remarks>
    /// Append-only in blocks that are never written again once filled (see <see cref="BlockText"/>),
    /// so a range read by a published snapshot never changes, even while the parser goes on appending.
    /// </remarks>
    internal sealed class ParserText
    {
        private BlockText _blocks;

        /// <summary>Where the JSON document starts in the text (after any fence or think block), or -1 before it does.</summary>
        public int DocumentStart { get; set; } = -1;

        /// <summary>The number of characters received.</summary>
        public int Length => _blocks.Length;

        /// <summary>Appends the next delta.</summary>
        public void Append(ReadOnlySpan<char> delta) => _blocks.Append(delta);

        /// <summary>Copies the characters from <paramref name="start"/> to <paramref name="end"/> into <paramref name="destination"/>.</summary>
        public void CopyTo(int start, int end, Span<char> destination) => TextSegment.CopyRange(_blocks.Tail, start, end, destination);

        /// <summary>The characters from <paramref name="start"/> to <paramref name="end"/> when they lie in one block.</summary>
        public bool TryGetSpan(int start, int end, out ReadOnlySpan<char> span) => TextSegment.TryGetSpan(_blocks.Tail, start, end, out span);

        /// <inheritdoc />
        public override string ToString() => _blocks.ToString();
    }
}
