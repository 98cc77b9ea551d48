namespace StructGen.Generator.Model
{
    /// <summary>How a property is written after construction.</summary>
    internal enum SetterKind
    {
        /// <summary>No public setter: the property is bound to a constructor parameter.</summary>
        None,
        Set,
        Init,
    }

    /// <summary>One schema property of an object type.</summary>
    /// <param name="Name">The C# property name (keywords escaped).</param>
    /// <param name="JsonName">The JSON property name (explicit, or after the naming policy).</param>
    /// <param name="HasExplicitJsonName">Set by <c>[JsonPropertyName]</c>.</param>
    /// <param name="Description">The schema description (attribute or XML docs, plus notes such as
    /// string-length limits that strict mode cannot enforce).</param>
    /// <param name="Type">The property's type.</param>
    /// <param name="Constraints">Keywords from DataAnnotations.</param>
    /// <param name="Setter">The public setter, if any.</param>
    /// <param name="IsRequired">Declared with the C# <c>required</c> modifier.</param>
    /// <param name="ConstructorParameterIndex">The index of the bound constructor parameter, or -1.</param>
    /// <param name="IsAtomic"><c>[StreamAtomic]</c>: shown in partials only once complete.</param>
    internal sealed record PropertySpec(
        string Name,
        string JsonName,
        bool HasExplicitJsonName,
        string? Description,
        TypeRefSpec Type,
        PropertyConstraints Constraints,
        SetterKind Setter,
        bool IsRequired,
        int ConstructorParameterIndex,
        bool IsAtomic = false);

    /// <summary>Schema keywords from DataAnnotations. Numbers are JSON number text.</summary>
    internal sealed record PropertyConstraints(
        string? Minimum,
        string? Maximum,
        string? ExclusiveMinimum,
        string? ExclusiveMaximum,
        string? Pattern,
        string? Format,
        int? MinItems,
        int? MaxItems,
        int? MinLength = null,
        int? MaxLength = null)
    {
        public static readonly PropertyConstraints None = new PropertyConstraints(null, null, null, null, null, null, null, null);

        /// <summary>Whether the final value has a bound to check (string lengths are only described in the schema, but checked).</summary>
        public bool IsEnforced =>
            Minimum is not null || Maximum is not null || ExclusiveMinimum is not null || ExclusiveMaximum is not null ||
            Pattern is not null || Format == "email" || MinItems is not null || MaxItems is not null || MinLength is not null || MaxLength is not null;
    }
}
