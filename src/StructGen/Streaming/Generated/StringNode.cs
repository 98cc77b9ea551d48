using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>A string value; its snapshots grow by appending only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class StringNode : PartialNode<string, LazyText>
    {
        private char[] _buffer = Array.Empty<char>();
        private int _length;

        /// <inheritdoc />
        public StringNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>The characters received so far.</summary>
        public ReadOnlySpan<char> Text => new ReadOnlySpan<char>(_buffer, 0, _length);

        /// <inheritdoc />
        protected override string ExpectedDescription => "a string";

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            if (chunk.IsEmpty) return;
            int needed = _length + chunk.Length;
            if (needed > _buffer.Length)
            {
                // Doubling keeps appends amortised O(1); old snapshots keep the old array.
                var grown = new char[Math.Max(needed, Math.Max(16, _buffer.Length * 2))];
                new ReadOnlySpan<char>(_buffer, 0, _length).CopyTo(grown);
                _buffer = grown;
            }

            chunk.CopyTo(new Span<char>(_buffer, _length, chunk.Length));
            _length = needed;
            Touch();
        }

        /// <inheritdoc />
        public override void StringEnd() => Finish();

        /// <summary>The current text as a string: the final value once complete, else the prefix so far.</summary>
        public string? SnapshotString() => IsNull ? null : State == FieldState.Complete ? GetValue() : Snapshot()?.Value;

        /// <inheritdoc />
        protected override LazyText BuildSnapshot() => new LazyText(_buffer, _length);

        /// <inheritdoc />
        protected override string BuildValue() => new string(_buffer, 0, _length);
    }
}
