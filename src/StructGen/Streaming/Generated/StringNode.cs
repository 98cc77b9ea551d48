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
        // Blocks up to this size double the capacity; beyond it, a long string adds blocks of this
        // size (8 KB, far below the large-object heap), so at most one block is partly empty.
        private const int MaxBlock = 4096;

        private object _tail = Array.Empty<char>(); // the block being filled, or the TextSegment that holds it
        private char[] _block = Array.Empty<char>(); // the block being filled, kept unwrapped for the per-delta append
        private int _blockStart; // where _block starts in the string
        private int _length;

        /// <inheritdoc />
        public StringNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>The characters received so far (a long string spanning several blocks is copied into a new string).</summary>
        public ReadOnlySpan<char> Text => _tail is char[] single ? new ReadOnlySpan<char>(single, 0, _length) : TextSegment.ToString(_tail, _length).AsSpan();

        /// <inheritdoc />
        protected override string ExpectedDescription => "a string";

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            if (chunk.IsEmpty) return;
            int used = _length - _blockStart;
            if (chunk.Length <= _block.Length - used)
            {
                // The usual delta: it fits the block being filled.
                chunk.CopyTo(new Span<char>(_block, used, chunk.Length));
                _length += chunk.Length;
            }
            else
            {
                AppendAcrossBlocks(chunk);
            }

            Touch();
        }

        private void AppendAcrossBlocks(ReadOnlySpan<char> chunk)
        {
            while (!chunk.IsEmpty)
            {
                int free = _block.Length - (_length - _blockStart);
                if (free == 0)
                {
                    AddBlock();
                    continue;
                }

                int count = Math.Min(free, chunk.Length);
                chunk.Slice(0, count).CopyTo(new Span<char>(_block, _length - _blockStart, count));
                _length += count;
                chunk = chunk.Slice(count);
            }
        }

        /// <inheritdoc />
        public override void StringEnd() => Finish();

        // A new block instead of a copy into a bigger buffer: published snapshots keep reading the
        // blocks they hold, and no character is copied twice however long the string grows.
        private void AddBlock()
        {
            var block = new char[Math.Min(MaxBlock, Math.Max(16, _length))];
            _tail = _length == 0 ? block : new TextSegment(block, _length, _tail);
            _block = block;
            _blockStart = _length;
        }

        /// <summary>The current text as a string: the final value once complete, else the prefix so far.</summary>
        public string? SnapshotString() => IsNull ? null : State == FieldState.Complete ? GetValue() : Snapshot()?.Value;

        /// <inheritdoc />
        internal override bool CanReuse => true;

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();

            // A fresh block for the next value: published snapshots keep the old one.
            _tail = Array.Empty<char>();
            _block = Array.Empty<char>();
            _blockStart = 0;
            _length = 0;
        }

        /// <inheritdoc />
        protected override LazyText BuildSnapshot() => new LazyText(_tail, _length);

        /// <inheritdoc />
        protected override string BuildValue() => TextSegment.ToString(_tail, _length);
    }
}
