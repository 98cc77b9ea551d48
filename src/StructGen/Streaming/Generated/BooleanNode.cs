using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>A boolean value; it appears only once complete.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class BooleanNode : PartialNode<bool, bool?>
    {
        private bool _value;

        /// <inheritdoc />
        public BooleanNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => "a boolean";

        /// <inheritdoc />
        public override void Boolean(bool value)
        {
            Begin();
            _value = value;
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
        protected override bool? BuildSnapshot() => State == FieldState.Complete ? _value : null;

        /// <inheritdoc />
        protected override bool BuildValue() => _value;
    }
}
