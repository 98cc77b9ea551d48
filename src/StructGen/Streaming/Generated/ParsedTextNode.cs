using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// A reference-typed value written as a JSON string and shown only once complete and converted
    /// (a <see cref="Uri"/>, for example).
    /// </summary>
    /// <typeparam name="T">The C# reference type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ParsedTextNode<T> : PartialNode<T, T>
        where T : class
    {
        private readonly Func<string, T?> _convert;
        private readonly string _description;
        private System.Text.StringBuilder? _text;
        private T? _value;

        /// <summary>Creates the node; <paramref name="convert"/> returns <see langword="null"/> for invalid text.</summary>
        public ParsedTextNode(PartialNode? parent, string? propertyName, int index, bool allowNull, Func<string, T?> convert, string description)
            : base(parent, propertyName, index, allowNull)
        {
            _convert = convert;
            _description = description;
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => _description;

        /// <inheritdoc />
        public override void StringStart()
        {
            Begin();
            _text = new System.Text.StringBuilder();
        }

        /// <inheritdoc />
        public override void StringChunk(ReadOnlySpan<char> chunk) => _text!.Append(chunk.ToString());

        /// <inheritdoc />
        public override void StringEnd()
        {
            var text = _text!.ToString();
            _value = _convert(text) ?? throw Error(StructuredOutputErrorKind.InvalidFormat, _description, "\"" + text + "\"");
            _text = null;
            Finish();
        }

        /// <inheritdoc />
        protected override T? BuildSnapshot() => State == FieldState.Complete ? _value : null;

        /// <inheritdoc />
        protected override T BuildValue() => _value!;
    }
}
