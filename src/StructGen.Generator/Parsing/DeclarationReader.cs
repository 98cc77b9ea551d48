using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Reads where and how a type is declared.</summary>
    internal static class DeclarationReader
    {
        public static TypeDeclarationSpec Read(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            Read(type, type.ToFullyQualified(), cancellationToken);

        /// <param name="fullyQualifiedName"><c>type.ToFullyQualified()</c>, when the caller has it already.</param>
        public static TypeDeclarationSpec Read(INamedTypeSymbol type, string fullyQualifiedName, CancellationToken cancellationToken)
        {
            var containing = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? current = type.ContainingType; current is not null; current = current.ContainingType)
            {
                containing.Insert(0, new ContainingTypeSpec(
                    current.DeclarationKeyword(),
                    SymbolExtensions.EscapeIdentifier(current.Name),
                    IsPartial(current, cancellationToken)));
            }

            return new TypeDeclarationSpec(
                type.GetNamespaceText(),
                containing.ToEquatableArray(),
                SymbolExtensions.EscapeIdentifier(type.Name),
                fullyQualifiedName,
                type.DeclarationKeyword(),
                type.AccessibilityKeyword(),
                IsPartial(type, cancellationToken),
                type.IsAbstract,
                type.IsReadOnly,
                type.IsValueType,
                IsEffectivelyPublic(type));
        }

        /// <summary>Public itself and inside public types only: generated siblings may then be public too.</summary>
        private static bool IsEffectivelyPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public) return false;
            }

            return true;
        }

        public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // A loop, not Any with a lambda: the lambda would capture the token (an allocation per type per edit).
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                    declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
