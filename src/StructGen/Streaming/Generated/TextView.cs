using System;
using System.ComponentModel;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// A string member of a generated partial, held inline in the partial's field instead of as a
    /// <see cref="LazyText"/> object: what the string so far is made of (the final string, or where its
    /// characters are and how many), with the <see cref="string"/> created on first read and kept in the
    /// field. One object fewer per published partial for each streaming string member.
    /// </summary>
    /// <remarks>
    /// A mutable struct, read through the (non-readonly) field that holds it so that the string it
    /// creates is kept there; a copy still reads correctly, it only creates its own string. Two threads
    /// reading at once may each create the string; they create equal ones.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct TextView
    {
        // The string once created or complete; before that the parser's text the characters are read from (the
        // JSON content from _start to _end, escapes not yet decoded), or the newest of the string's own blocks (a
        // char[] or a TextSegment; _end is then the length). Null for a missing or null member.
        private object? _text;
        private readonly int _start;
        private readonly int _end;

        internal TextView(object text, int start, int end)
        {
            _text = text;
            _start = start;
            _end = end;
        }

        /// <summary>The number of characters (counted, not created).</summary>
        internal readonly int Length => _text switch
        {
            string value => value.Length,
            ParserText text => text.UnescapedLength(_start, _end),
            _ => _end,
        };

        /// <summary>The characters without creating a string, when they are one already or lie in one block with no escapes.</summary>
        internal readonly bool TryGetSpan(out ReadOnlySpan<char> span)
        {
            switch (_text)
            {
                case string value:
                    span = value.AsSpan();
                    return true;
                case char[] single:
                    span = new ReadOnlySpan<char>(single, 0, _end);
                    return true;
                case ParserText text:
                    if (text.TryGetSpan(_start, _end, out span) && span.IndexOf('\\') < 0) return true;
                    span = default;
                    return false;
                default:
                    span = default;
                    return false;
            }
        }

        /// <summary>The text, created on first read and kept; <see langword="null"/> for a missing or null member.</summary>
        public string? Read()
        {
            var text = _text;
            if (text is null || text is string) return (string?)text;
            string value = text is ParserText source ? source.Unescape(_start, _end) : TextSegment.ToString(text, _end);
            _text = value;
            return value;
        }
    }
}
