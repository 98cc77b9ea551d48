using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// An immutable view of a string that is still growing. Snapshots share the growing buffer and
    /// only remember their length, so publishing one costs O(1) however long the string is; the
    /// <see cref="string"/> is created on first read and cached.
    /// </summary>
    /// <remarks>
    /// Safe because streamed strings only ever append: the characters before <see cref="Length"/>
    /// are never written again. A long string grows by adding blocks, never by copying into a new
    /// buffer, so the blocks a snapshot holds stay valid.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class LazyText
    {
        // The newest block (a char[] while the string has one block, else a TextSegment) until the
        // string is created, then that string: one field instead of two keeps every snapshot at 32 bytes.
        // Two threads reading at once may each create the string; they create equal ones.
        private object _text;

        /// <summary>A snapshot of the first <paramref name="length"/> characters.</summary>
        /// <param name="tail">The newest block, or the string itself when the value is complete.</param>
        /// <param name="length">How many characters the snapshot shows.</param>
        internal LazyText(object tail, int length)
        {
            _text = tail;
            Length = length;
        }

        /// <summary>The number of characters in this snapshot.</summary>
        public int Length { get; }

        /// <summary>The characters; without creating a string unless the text spans several blocks (a long string).</summary>
        public ReadOnlySpan<char> Span => _text is char[] single ? new ReadOnlySpan<char>(single, 0, Length) : Value.AsSpan();

        /// <summary>The text as a string (created on first read).</summary>
        public string Value
        {
            get
            {
                var text = _text;
                if (text is string value) return value;
                value = TextSegment.ToString(text, Length);
                _text = value;
                return value;
            }
        }

        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
