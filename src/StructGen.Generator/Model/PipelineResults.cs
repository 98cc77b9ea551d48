using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;

namespace StructGen.Generator.Model
{
    /// <summary>The source location of a type or member, kept beside (not inside) the spec so that
    /// name checks after the naming policy is known can point at the right member.</summary>
    /// <param name="TypeName">Fully qualified type name.</param>
    /// <param name="MemberName">The C# member name, or empty for the type itself.</param>
    internal sealed record MemberLocation(string TypeName, string MemberName, LocationInfo Location);

    /// <summary>Parser output: the spec (names not yet resolved; <see langword="null"/> when the type was
    /// skipped), diagnostics, and member locations for later checks.</summary>
    internal sealed record ParsedRoot(
        StructuredTypeSpec? Spec,
        EquatableArray<DiagnosticInfo> Diagnostics,
        EquatableArray<MemberLocation> Locations);

    /// <summary>Resolver output: the final spec and every diagnostic for the type.</summary>
    internal sealed record ResolvedRoot(StructuredTypeSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
