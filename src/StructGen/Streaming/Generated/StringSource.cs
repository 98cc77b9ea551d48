using System;
using System.Buffers;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// A string value read from the parser's text: the characters after its opening quote, unescaped.
    /// One per streamed string; a snapshot adds where its prefix ends in the text and how many
    /// characters that prefix has (<see cref="LazyText"/>), so the value's characters are kept only once.
    /// </summary>
    /// <remarks>
    /// A prefix always ends where the tokenizer surfaced characters (never inside an escape or between
    /// the halves of a surrogate pair), so unescaping it gives exactly the characters surfaced. When
    /// the text has no escapes the prefix is a plain copy (its length in the text equals its length).
    /// </remarks>
    internal sealed class StringSource
    {
        private readonly ParserText _text;
        private readonly int _start;

        public StringSource(ParserText text, int start)
        {
            _text = text;
            _start = start;
        }

        /// <summary>The prefix ending at <paramref name="end"/> in the text, <paramref name="length"/> characters once unescaped.</summary>
        public string ToString(int end, int length)
        {
            if (length == 0) return string.Empty;
#if NET
            return string.Create(length, (Source: this, End: end), static (span, state) => state.Source.CopyTo(state.End, span));
#else
            var chars = new char[length];
            CopyTo(end, chars);
            return new string(chars);
#endif
        }

        /// <summary>The prefix as a span without creating a string, when it has no escapes and lies in one block.</summary>
        public bool TryGetSpan(int end, int length, out ReadOnlySpan<char> span)
        {
            span = default;
            return end - _start == length && _text.TryGetSpan(_start, end, out span);
        }

        /// <summary>Writes the prefix ending at <paramref name="end"/> to <paramref name="destination"/> (its unescaped length).</summary>
        public void CopyTo(int end, Span<char> destination)
        {
            int sourceLength = end - _start;
            if (sourceLength == destination.Length)
            {
                _text.CopyTo(_start, end, destination);
                return;
            }

            var source = ArrayPool<char>.Shared.Rent(sourceLength);
            try
            {
                _text.CopyTo(_start, end, source);
                int written = JsonUnescape.Decode(new ReadOnlySpan<char>(source, 0, sourceLength), destination);
                if (written != destination.Length)
                {
                    // The tokenizer validated these characters and counted the length: a mismatch is a bug here, not bad input.
                    throw new InvalidOperationException("A streamed string decoded to " + written + " characters where " + destination.Length + " were surfaced.");
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(source);
            }
        }
    }
}
