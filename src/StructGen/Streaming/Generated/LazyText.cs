using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// An immutable view of a string that is still growing, as an object (a list element's snapshot; an
    /// object's string members are held inline as a <see cref="TextView"/>). Snapshots share the growing
    /// text and only remember where they end, so publishing one costs O(1) however long the string is;
    /// the <see cref="string"/> is created on first read and cached.
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
        // The view keeps the string once created: 16 B, so every snapshot is 32 bytes.
        private TextView _view;

        internal LazyText(TextView view) => _view = view;

        /// <summary>The number of characters in this snapshot (counted without creating the string).</summary>
        public int Length => _view.Length;

        /// <summary>The characters; without creating a string unless the text spans several blocks (a long string) or had escapes.</summary>
        public ReadOnlySpan<char> Span => _view.TryGetSpan(out var span) ? span : Value.AsSpan();

        /// <summary>The text as a string (created on first read).</summary>
        public string Value => _view.Read()!;

        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
