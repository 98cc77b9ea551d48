using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// A value written as a JSON string but shown only once complete and converted: enum values,
    /// dates, GUIDs, chars. A half-written enum name is not a value, so none is shown.
    /// </summary>
    /// <typeparam name="T">The C# value type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ParsedStringNode<T> : PartialNode<T, T?>
        where T : struct
    {
        private readonly SpanParser<T> _parse;
        private readonly string _description;
        private readonly StructuredOutputErrorKind _errorKind;
        private char[] _buffer = Array.Empty<char>();
        private int _length;
        private T _value;

        /// <summary>Creates the node; <paramref name="errorKind"/> is reported when <paramref name="parse"/> rejects the text.</summary>
        public ParsedStringNode(
            PartialNode? parent,
            string? propertyName,
            int index,
            bool allowNull,
            SpanParser<T> parse,
            string description,
            StructuredOutputErrorKind errorKind)
            : base(parent, propertyName, index, allowNull)
        {
            _parse = parse;
            _description = description;
            _errorKind = errorKind;
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => _description;

        /// <inheritdoc />
        public override void StringStart() => Begin();

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk)
        {
            int needed = _length + chunk.Length;
            if (needed > _buffer.Length) Array.Resize(ref _buffer, Math.Max(needed, Math.Max(16, _buffer.Length * 2)));
            chunk.CopyTo(new Span<char>(_buffer, _length, chunk.Length));
            _length = needed;
        }

        /// <inheritdoc />
        public override void StringEnd()
        {
            var text = new ReadOnlySpan<char>(_buffer, 0, _length);
            if (!_parse(text, out _value))
            {
                throw Error(_errorKind, _description, "\"" + text.ToString() + "\"");
            }

            _buffer = Array.Empty<char>();
            Finish();
        }

        /// <inheritdoc />
        internal override bool CanReuse => true;

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();
            _value = default;
            _length = 0;
            _buffer = Array.Empty<char>();
        }

        /// <inheritdoc />
        protected override T? BuildSnapshot() => State == FieldState.Complete ? _value : null;

        /// <inheritdoc />
        protected override T BuildValue() => _value;
    }
}
