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
        // Where the characters are: read from the parser's text (_source: its content so far ends at
        // _sourceEnd there and has _length characters unescaped), or, for a value fed without that text
        // (replayed tokens), in blocks of its own that published snapshots share (see BlockText).
        private StringSource? _source;
        private int _sourceEnd;
        private int _length;
        private BlockText _text;
        private string? _final; // the complete value, created once for its snapshot and its value

        /// <inheritdoc />
        public StringNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>The characters received so far (created as a string when they span several blocks or had escapes).</summary>
        public ReadOnlySpan<char> Text =>
            _final is { } final ? final.AsSpan() :
            _source is { } source ? (source.TryGetSpan(_sourceEnd, _length, out var span) ? span : source.ToString(_sourceEnd, _length).AsSpan()) :
            _text.SingleBlock is { } single ? new ReadOnlySpan<char>(single, 0, _text.Length) : _text.ToString().AsSpan();

        /// <inheritdoc />
        protected override string ExpectedDescription => "a string";

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        internal override void StringStartAt(ParserText text, int contentStart)
        {
            Begin();
            _source = new StringSource(text, contentStart);
            _sourceEnd = contentStart;
        }

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            if (chunk.IsEmpty) return;
            if (_source is not null) CopySourceToBlocks();
            _text.Append(chunk);
            Touch();
        }

        /// <inheritdoc />
        internal override void StringChunkAt(ReadOnlySpan<char> chunk, int sourceEnd)
        {
            if (chunk.IsEmpty) return;
            if (_source is null)
            {
                StringChunk(chunk);
                return;
            }

            // The characters are already in the parser's text: only where they end is new.
            _sourceEnd = sourceEnd;
            _length += chunk.Length;
            Touch();
        }

        /// <inheritdoc />
        public override void StringEnd() => Finish();

        /// <summary>
        /// The member as a generated partial holds it (inline, no object): what <see cref="PartialNode{TValue, TSnapshot}.Snapshot"/>
        /// would show, for a string member of an object. Marks the value published, as taking a snapshot does.
        /// </summary>
        public TextView View()
        {
            if (HasChanges) Published();
            return IsNull || State == FieldState.Missing ? default : CurrentView();
        }

        // A complete value's view holds the final string (created once, and used as the value too), not the blocks or
        // the parser's text: a closed member or list element then keeps neither alive.
        private TextView CurrentView()
        {
            if (State == FieldState.Complete)
            {
                var final = FinalText();
                return new TextView(final, final.Length, 0);
            }

            return _source is { } source ? new TextView(source, _length, _sourceEnd) : new TextView(_text.Tail, _text.Length, 0);
        }

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
            _source = null;
            _sourceEnd = 0;
            _length = 0;
            _final = null;
        }

        /// <inheritdoc />
        protected override LazyText BuildSnapshot() => new LazyText(CurrentView());

        /// <inheritdoc />
        protected override string BuildValue() =>
            State == FieldState.Complete ? FinalText() :
            _source is { } source ? source.ToString(_sourceEnd, _length) : _text.ToString();

        // Once complete, the final string replaces the source or the blocks: a finished member of an
        // object still streaming (a paused stream holds these) keeps its text once, not twice.
        private string FinalText()
        {
            if (_final is null)
            {
                _final = _source is { } source ? source.ToString(_sourceEnd, _length) : _text.ToString();
                _text = default;
                _source = null;
            }

            return _final;
        }

        // A chunk without a place in the parser's text (not expected from one parser, but a node must
        // not depend on it): what came from the text so far moves to blocks of its own, once.
        private void CopySourceToBlocks()
        {
            var prefix = _source!.ToString(_sourceEnd, _length);
            _source = null;
            _text = default;
            _text.Append(prefix.AsSpan());
        }
    }
}
