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
        // Where the characters are: the parser's text (a ParserText: the JSON content from _start to _end, decoded
        // when read), the final string once complete, or, for a value fed without that text (replayed tokens),
        // blocks of its own that published snapshots share (OwnText). One field for the three: a paused stream
        // holds a node per string member.
        private object? _chars;
        private int _start;
        private int _end;

        /// <inheritdoc />
        public StringNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>The characters received so far (created as a string when they span several blocks or had escapes).</summary>
        public ReadOnlySpan<char> Text => _chars switch
        {
            string final => final.AsSpan(),
            ParserText text => text.TryGetSpan(_start, _end, out var span) && span.IndexOf('\\') < 0 ? span : text.Unescape(_start, _end).AsSpan(),
            OwnText own => own.Blocks.SingleBlock is { } single ? new ReadOnlySpan<char>(single, 0, own.Blocks.Length) : own.Blocks.ToString().AsSpan(),
            _ => default,
        };

        /// <inheritdoc />
        protected override string ExpectedDescription => "a string";

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        internal override void StringStartAt(ParserText text, int contentStart)
        {
            Begin();
            _chars = text;
            _start = contentStart;
            _end = contentStart;
        }

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            if (chunk.IsEmpty) return;
            if (_chars is not OwnText own) _chars = own = MoveToOwnText();
            own.Blocks.Append(chunk);
            Touch();
        }

        /// <inheritdoc />
        internal override void StringChunkAt(ReadOnlySpan<char> chunk, int sourceEnd)
        {
            if (chunk.IsEmpty) return;
            if (_chars is not ParserText)
            {
                StringChunk(chunk);
                return;
            }

            // The characters are already in the parser's text: only where they end is new.
            _end = sourceEnd;
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
        private TextView CurrentView() => _chars switch
        {
            _ when State == FieldState.Complete => new TextView(FinalText(), 0, 0),
            ParserText text => new TextView(text, _start, _end),
            OwnText own => new TextView(own.Blocks.Tail, 0, own.Blocks.Length),
            _ => new TextView(string.Empty, 0, 0),
        };

        /// <summary>The current text as a string: the final value once complete, else the prefix so far.</summary>
        public string? SnapshotString() => IsNull ? null : State == FieldState.Complete ? GetValue() : Snapshot()?.Value;

        /// <inheritdoc />
        internal override bool CanReuse => true;

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();

            // Fresh blocks for the next value: published snapshots keep the old ones.
            _chars = null;
            _start = 0;
            _end = 0;
        }

        /// <inheritdoc />
        protected override LazyText BuildSnapshot() => new LazyText(CurrentView());

        /// <inheritdoc />
        protected override string BuildValue() => State == FieldState.Complete ? FinalText() : TextSoFar();

        // Once complete, the final string replaces the range or the blocks: a finished member of an
        // object still streaming (a paused stream holds these) keeps its text once, not twice.
        private string FinalText()
        {
            if (_chars is string final) return final;
            final = TextSoFar();
            _chars = final;
            return final;
        }

        private string TextSoFar() => _chars switch
        {
            string final => final,
            ParserText text => text.Unescape(_start, _end),
            OwnText own => own.Blocks.ToString(),
            _ => string.Empty,
        };

        // A chunk without a place in the parser's text (not expected from one parser, but a node must
        // not depend on it): what came from the text so far moves to blocks of its own, once.
        private OwnText MoveToOwnText()
        {
            var own = new OwnText();
            if (_chars is ParserText text) own.Blocks.Append(text.Unescape(_start, _end).AsSpan());
            return own;
        }

        /// <summary>The characters of a value fed without the parser's text.</summary>
        private sealed class OwnText
        {
            public BlockText Blocks; // a mutable struct: called in place
        }
    }
}
