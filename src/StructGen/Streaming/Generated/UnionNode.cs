using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// A polymorphic object (<c>[JsonDerivedType]</c>, an <c>anyOf</c> of variants): the
    /// discriminator property selects the variant, whose node then receives the rest of the object.
    /// </summary>
    /// <remarks>
    /// The generated schema lists the discriminator first and strict providers write keys in schema
    /// order, but some (Gemini) order keys their own way. Members that arrive before the discriminator
    /// are recorded, not published, and replayed into the variant once the discriminator names it: the
    /// variant is never guessed, and a document that ends without a discriminator fails with an error
    /// naming it.
    /// </remarks>
    /// <typeparam name="TValue">The polymorphic base type.</typeparam>
    /// <typeparam name="TPartial">The generated partial type of the base.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class UnionNode<TValue, TPartial> : ObjectNode<TValue, TPartial>
        where TPartial : class
    {
        private readonly string _discriminatorName;
        private StringNode? _discriminator;
        private RecordedValue? _early;

        /// <summary>Creates the node; <paramref name="discriminatorName"/> is the JSON name of the discriminator property.</summary>
        protected UnionNode(PartialNode? parent, string? propertyName, int index, bool allowNull, string discriminatorName)
            : base(parent, propertyName, index, allowNull)
        {
            _discriminatorName = discriminatorName;
        }

        /// <summary>The discriminator value, once complete.</summary>
        protected string? Discriminator => _discriminator?.State == FieldState.Complete ? _discriminator.GetValue() : null;

        /// <summary>The selected variant's node, once the discriminator arrived.</summary>
        protected PartialNode? Variant { get; private set; }

        /// <summary>Creates the node for the variant named by <paramref name="discriminator"/>, or <see langword="null"/> if unknown.</summary>
        protected abstract PartialNode? CreateVariant(string discriminator);

        /// <summary>The accepted discriminator values, for error messages.</summary>
        protected abstract string DiscriminatorValues { get; }

        /// <inheritdoc />
        protected sealed override PartialNode? ResolveProperty(ReadOnlySpan<char> name)
        {
            if (Variant is not null) return Variant.Property(name);
            if (Is(name, _discriminatorName)) return _discriminator ??= new StringNode(this, _discriminatorName, -1, allowNull: false);
            return (_early ??= new RecordedValue()).Member(this, name.ToString());
        }

        /// <inheritdoc />
        protected override void OnChildCompleted(PartialNode child)
        {
            if (!ReferenceEquals(child, _discriminator) || Variant is not null) return;
            var value = _discriminator!.GetValue();
            var variant = CreateVariant(value) ?? throw new StructuredOutputException(
                StructuredOutputErrorKind.InvalidEnumValue, _discriminator.Path, DiscriminatorValues, "\"" + value + "\"");
            variant.IsPathTransparent = true;
            Variant = variant;
            variant.StartObject();
            _early?.ReplayInto(variant);
            _early = null;
        }

        /// <inheritdoc />
        public override void End()
        {
            Variant?.End();
            base.End();
        }

        /// <summary>The variant's node for building the final value; an error names the discriminator when none arrived.</summary>
        protected PartialNode RequireVariant() => Variant ?? throw MissingMember(_discriminatorName, DiscriminatorValues);

        /// <summary>The state of the discriminator.</summary>
        protected FieldState DiscriminatorState => StateOf(_discriminator);
    }
}
