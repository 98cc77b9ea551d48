using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>A polymorphic base (<c>[JsonDerivedType]</c>): its schema is <c>anyOf</c> the derived
    /// object schemas, each carrying the discriminator property as a single-value enum.</summary>
    /// <param name="DiscriminatorPropertyName">From <c>[JsonPolymorphic(TypeDiscriminatorPropertyName=…)]</c>, default <c>$type</c>.</param>
    internal sealed record PolymorphismSpec(
        string DiscriminatorPropertyName,
        EquatableArray<DerivedTypeSpec> DerivedTypes);

    /// <summary>One derived type.</summary>
    /// <param name="DefinitionKey">The key of the derived <see cref="ObjectTypeSpec"/>.</param>
    /// <param name="Discriminator">The discriminator value (a string, or integer text when <paramref name="IsNumericDiscriminator"/>).</param>
    internal sealed record DerivedTypeSpec(
        string DefinitionKey,
        string FullyQualifiedName,
        string Discriminator,
        bool IsNumericDiscriminator);
}
