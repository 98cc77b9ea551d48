using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>An object type reachable from a structured-output root (the root included).</summary>
    /// <param name="Key">Unique within its <see cref="StructuredTypeSpec"/>; also its <c>$defs</c> name.</param>
    /// <param name="Declaration">Where the type is declared.</param>
    /// <param name="Description">From <c>[Description]</c> or the XML summary of the type.</param>
    /// <param name="NamingPolicy">Explicit policy of this type (parser) / effective policy (after resolution).</param>
    /// <param name="Properties">Schema properties in declaration order (base type members first).</param>
    /// <param name="Construction">How generated code builds an instance.</param>
    /// <param name="Polymorphism">Set for a polymorphic base.</param>
    /// <param name="IsRoot">The annotated type itself (referenced as <c>#</c> in the schema).</param>
    /// <param name="UseDefinition">Emitted once under <c>$defs</c> and referenced with <c>$ref</c> (shared or
    /// recursive); otherwise inlined at its only use.</param>
    /// <param name="StreamGate"><c>[StreamRequires]</c>: the C# name of the property that must be complete
    /// before an object of this type is published; null without a contract.</param>
    internal sealed record ObjectTypeSpec(
        string Key,
        TypeDeclarationSpec Declaration,
        string? Description,
        NamingPolicy NamingPolicy,
        EquatableArray<PropertySpec> Properties,
        ConstructionSpec Construction,
        PolymorphismSpec? Polymorphism,
        bool IsRoot,
        bool UseDefinition,
        string? StreamGate = null);
}
