using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>A number value; it appears only once complete, so a partial never shows <c>195</c> on the way to <c>1954</c>.</summary>
    /// <typeparam name="T">The C# numeric type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class NumberNode<T> : PartialNode<T, T?>
        where T : struct
    {
        private readonly SpanParser<T> _parse;
        private readonly string _description;
        private T _value;

        /// <summary>Creates a number node that converts the JSON number text with <paramref name="parse"/>.</summary>
        public NumberNode(PartialNode? parent, string? propertyName, int index, bool allowNull, SpanParser<T> parse, string description)
            : base(parent, propertyName, index, allowNull)
        {
            _parse = parse;
            _description = description;
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => _description;

        /// <inheritdoc />
        public override void Number(ReadOnlySpan<char> text)
        {
            Begin();
            if (!_parse(text, out _value))
            {
                throw Error(StructuredOutputErrorKind.NumberOutOfRange, _description, text.ToString());
            }

            Finish();
        }

        /// <inheritdoc />
        internal override bool CanReuse => true;

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();
            _value = default;
        }

        /// <inheritdoc />
        protected override T? BuildSnapshot() => State == FieldState.Complete ? _value : null;

        /// <inheritdoc />
        protected override T BuildValue() => _value;
    }
}
