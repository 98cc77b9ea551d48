using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// An immutable view of a string that is still growing. Snapshots share the growing text and
    /// only remember where they end, so publishing one costs O(1) however long the string is; the
    /// <see cref="string"/> is created on first read and cached.
    /// </summary>
    /// <remarks>
    /// Safe because streamed text only ever appends: the characters before a snapshot's end are never
    /// written again, and text grows by adding blocks, never by copying into a new buffer. A string
    /// parsed by <c>StreamingParser</c> is read from the parser's own text (the message content, kept
    /// anyway), so a snapshot of a string still streaming keeps that text alive, not a copy of its own.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class LazyText
    {
        // The string once created; before that the newest block (a char[] while the string has one
        // block, else a TextSegment) or the StringSource it is read from. One object field and two ints
        // keep every snapshot at 32 bytes. Two threads reading at once may each create the string; they
        // create equal ones.
        private object _text;
        private readonly int _sourceEnd; // with a StringSource: where this prefix ends in the parser's text

        /// <summary>A snapshot of the first <paramref name="length"/> characters.</summary>
        /// <param name="tail">The newest block, or the string itself when the value is complete.</param>
        /// <param name="length">How many characters the snapshot shows.</param>
        internal LazyText(object tail, int length)
        {
            _text = tail;
            Length = length;
        }

        /// <summary>A snapshot of a string read from the parser's text, ending at <paramref name="sourceEnd"/> there.</summary>
        internal LazyText(StringSource source, int sourceEnd, int length)
        {
            _text = source;
            _sourceEnd = sourceEnd;
            Length = length;
        }

        /// <summary>The number of characters in this snapshot.</summary>
        public int Length { get; }

        /// <summary>The characters; without creating a string unless the text spans several blocks (a long string) or had escapes.</summary>
        public ReadOnlySpan<char> Span => _text switch
        {
            char[] single => new ReadOnlySpan<char>(single, 0, Length),
            StringSource source when source.TryGetSpan(_sourceEnd, Length, out var span) => span,
            _ => Value.AsSpan(),
        };

        /// <summary>The text as a string (created on first read).</summary>
        public string Value
        {
            get
            {
                var text = _text;
                if (text is string value) return value;
                value = text is StringSource source ? source.ToString(_sourceEnd, Length) : TextSegment.ToString(text, Length);
                _text = value;
                return value;
            }
        }

        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
