using Microsoft.CodeAnalysis;

namespace StructGen.Generator.Parsing
{
    /// <summary>Generated code lives in other types of the same assembly, so every type it names must be
    /// accessible assembly-wide (internal or public, including all containing types).</summary>
    internal static class AccessibilityCheck
    {
        /// <summary>Why <paramref name="type"/> is not usable from generated code, or null when it is.</summary>
        public static string? GetInaccessibleReason(Compilation compilation, INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsFileLocal)
                {
                    return current.Equals(type, SymbolEqualityComparer.Default)
                        ? "file-local"
                        : "nested in the file-local type '" + current.Name + "'";
                }
            }

            if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                return null;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.Internal:
                    case Accessibility.ProtectedOrInternal:
                        continue;
                }

                string keyword = current.AccessibilityKeyword();
                return current.Equals(type, SymbolEqualityComparer.Default)
                    ? keyword
                    : "nested in the " + keyword + " type '" + current.Name + "'";
            }

            return "internal to another assembly";
        }
    }
}
