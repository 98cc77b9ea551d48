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
    /// are never written again, and a reallocated buffer leaves the old one untouched.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class LazyText
    {
        private readonly char[] _buffer;
        private string? _value;

        internal LazyText(char[] buffer, int length)
        {
            _buffer = buffer;
            Length = length;
        }

        /// <summary>The number of characters in this snapshot.</summary>
        public int Length { get; }

        /// <summary>The characters, without creating a string.</summary>
        public ReadOnlySpan<char> Span => new ReadOnlySpan<char>(_buffer, 0, Length);

        /// <summary>The text as a string (created on first read).</summary>
        public string Value => _value ??= Length == 0 ? string.Empty : new string(_buffer, 0, Length);

        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
