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
        // The characters so far, in blocks that published snapshots share (see BlockText).
        private BlockText _text;
        private string? _final; // the complete value, created once for its snapshot and its value

        /// <inheritdoc />
        public StringNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>The characters received so far (a long string spanning several blocks is copied into a new string).</summary>
        public ReadOnlySpan<char> Text =>
            _final is { } final ? final.AsSpan() :
            _text.SingleBlock is { } single ? new ReadOnlySpan<char>(single, 0, _text.Length) : _text.ToString().AsSpan();

        /// <inheritdoc />
        protected override string ExpectedDescription => "a string";

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            if (chunk.IsEmpty) return;
            _text.Append(chunk);
            Touch();
        }

        /// <inheritdoc />
        public override void StringEnd() => Finish();

        /// <summary>The current text as a string: the final value once complete, else the prefix so far.</summary>
        public string? SnapshotString() => IsNull ? null : State == FieldState.Complete ? GetValue() : Snapshot()?.Value;

        /// <inheritdoc />
        internal override bool CanReuse => true;

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();

            // Fresh blocks for the next value: published snapshots keep the old ones.
            _text = default;
            _final = null;
        }

        /// <inheritdoc />
        protected override LazyText BuildSnapshot()
        {
            if (State != FieldState.Complete) return new LazyText(_text.Tail, _text.Length);

            // A complete value's snapshot holds the final string (created once, and used as the value
            // too), not the blocks: a closed list element then keeps no block alive.
            var final = FinalText();
            return new LazyText(final, final.Length);
        }

        /// <inheritdoc />
        protected override string BuildValue() => State == FieldState.Complete ? FinalText() : _text.ToString();

        // Once complete, the final string replaces the blocks: a finished member of an object still streaming
        // (a paused stream holds these) keeps its text once, not twice.
        private string FinalText()
        {
            if (_final is null)
            {
                _final = _text.ToString();
                _text = default;
            }

            return _final;
        }
    }
}
