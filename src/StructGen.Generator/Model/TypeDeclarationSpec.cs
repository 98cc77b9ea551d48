using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>Where and how a type is declared: enough to write a matching <c>partial</c> declaration
    /// or a sibling type with the same accessibility.</summary>
    /// <param name="Namespace">The namespace as written in code (keywords escaped), or <see langword="null"/> for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing types, outermost first.</param>
    /// <param name="Name">The type name as an identifier (keywords escaped, e.g. <c>@class</c>).</param>
    /// <param name="FullyQualifiedName">The C# type, e.g. <c>global::Demo.Book</c>.</param>
    /// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
    /// <param name="Accessibility">The declared accessibility keyword(s), e.g. <c>public</c>, <c>internal</c>.</param>
    internal sealed record TypeDeclarationSpec(
        string? Namespace,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        string Name,
        string FullyQualifiedName,
        string Keyword,
        string Accessibility,
        bool IsPartial,
        bool IsAbstract,
        bool IsReadOnly,
        bool IsValueType,
        bool IsEffectivelyPublic);

    /// <summary>An enclosing type of a nested type.</summary>
    /// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
    /// <param name="Name">The identifier (keywords escaped).</param>
    internal sealed record ContainingTypeSpec(string Keyword, string Name, bool IsPartial);
}
