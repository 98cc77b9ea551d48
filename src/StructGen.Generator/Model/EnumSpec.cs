using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>An enum used as a JSON string enum.</summary>
    /// <param name="FullyQualifiedName">E.g. <c>global::Demo.Genre</c>.</param>
    /// <param name="Description">From <c>[Description]</c> or the XML summary of the enum.</param>
    /// <param name="Members">In declaration order.</param>
    internal sealed record EnumSpec(
        string FullyQualifiedName,
        string? Description,
        EquatableArray<EnumMemberSpec> Members);

    /// <summary>One enum member.</summary>
    /// <param name="Name">The C# member name (keywords escaped).</param>
    /// <param name="JsonValue">The JSON string value (after the naming policy, or the explicit name).</param>
    /// <param name="HasExplicitJsonValue">Set by <c>[JsonStringEnumMemberName]</c> or <c>[EnumMember(Value=…)]</c>.</param>
    internal sealed record EnumMemberSpec(
        string Name,
        string JsonValue,
        bool HasExplicitJsonValue,
        string? Description);
}
