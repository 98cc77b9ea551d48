using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    internal enum ConstructionKind
    {
        /// <summary><c>new T { A = …, B = … }</c>.</summary>
        ParameterlessConstructor,

        /// <summary><c>new T(a, b) { C = … }</c>.</summary>
        ParameterizedConstructor,

        /// <summary>Not constructed directly (an abstract polymorphic base: a derived type is built instead).</summary>
        None,
    }

    /// <summary>How generated code builds an instance.</summary>
    /// <param name="Parameters">Constructor parameters in order, each bound to a property.</param>
    /// <param name="InitializedProperties">C# names of properties set in an object initializer
    /// (settable or init, not covered by the constructor), in schema order.</param>
    /// <param name="RequiredProperties">C# names of <c>required</c> members.</param>
    /// <param name="SetsRequiredMembers">The constructor has <c>[SetsRequiredMembers]</c>.</param>
    internal sealed record ConstructionSpec(
        ConstructionKind Kind,
        EquatableArray<ConstructorParameterSpec> Parameters,
        EquatableArray<string> InitializedProperties,
        EquatableArray<string> RequiredProperties,
        bool SetsRequiredMembers);

    /// <summary>A constructor parameter.</summary>
    /// <param name="Name">The parameter name (keywords escaped).</param>
    /// <param name="PropertyName">The C# name of the property it initializes.</param>
    /// <param name="FullyQualifiedType">The parameter type, nullability included.</param>
    /// <param name="OptionalFallback">When set, the member is optional when reading: a C# expression of the
    /// parameter type used when the member is absent or null (generated tool-argument types only;
    /// structured-output types require every member).</param>
    internal sealed record ConstructorParameterSpec(
        string Name,
        string PropertyName,
        string FullyQualifiedType,
        bool HasDefaultValue,
        string? OptionalFallback = null);
}
