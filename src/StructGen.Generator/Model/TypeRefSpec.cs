namespace StructGen.Generator.Model
{
    /// <summary>What JSON shape a C# type maps to.</summary>
    internal enum TypeRefKind
    {
        String,
        Char,
        Boolean,
        Integer,
        Number,
        Enum,
        Array,
        Object,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeOnly,
        TimeSpan,
        Guid,
        Uri,
    }

    /// <summary>The exact C# numeric type behind <see cref="TypeRefKind.Integer"/> and <see cref="TypeRefKind.Number"/>.</summary>
    internal enum NumericType
    {
        None,
        Byte,
        SByte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Int128,
        UInt128,
        Half,
        Single,
        Double,
        Decimal,
    }

    /// <summary>The C# collection shape behind <see cref="TypeRefKind.Array"/>.</summary>
    internal enum CollectionKind
    {
        None,
        Array,
        List,
        IList,
        ICollection,
        IEnumerable,
        IReadOnlyList,
        IReadOnlyCollection,
        ImmutableArray,
        ImmutableList,
        HashSet,
        ISet,
    }

    /// <summary>A use of a type (a property, or an element of a collection).</summary>
    /// <param name="Kind">The JSON shape.</param>
    /// <param name="FullyQualifiedName">The C# type as written in code, nullability included
    /// (<c>int?</c>, <c>string?</c>, <c>global::System.Collections.Generic.IReadOnlyList&lt;string&gt;</c>).</param>
    /// <param name="UnderlyingFullyQualifiedName">The same type without the outer nullability
    /// (<c>int</c> for <c>int?</c>).</param>
    /// <param name="IsNullable"><c>Nullable&lt;T&gt;</c>, or a reference type annotated <c>?</c> in a nullable context.</param>
    /// <param name="IsValueType">Whether the underlying type is a value type.</param>
    /// <param name="Numeric">The exact numeric type for Integer/Number; otherwise None.</param>
    /// <param name="Collection">The collection shape for Array; otherwise None.</param>
    /// <param name="Element">The element type for Array.</param>
    /// <param name="DefinitionKey">For Object: the key of the <see cref="ObjectTypeSpec"/> in
    /// <see cref="StructuredTypeSpec.Types"/> (also its <c>$defs</c> name).</param>
    /// <param name="Enum">For Enum: the enum and its members.</param>
    internal sealed record TypeRefSpec(
        TypeRefKind Kind,
        string FullyQualifiedName,
        string UnderlyingFullyQualifiedName,
        bool IsNullable,
        bool IsValueType,
        NumericType Numeric,
        CollectionKind Collection,
        TypeRefSpec? Element,
        string? DefinitionKey,
        EnumSpec? Enum);
}
