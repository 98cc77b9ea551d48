using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StructGen.Generator.Parsing
{
    /// <summary>Small symbol helpers shared by the parser (the only code that touches symbols).</summary>
    internal static class SymbolExtensions
    {
        /// <summary><c>global::Demo.Book</c>, <c>int?</c>, <c>string?</c>.</summary>
        public static readonly SymbolDisplayFormat FullyQualifiedWithNullability =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat NamespaceFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        /// <summary>A short form for messages: <c>Dictionary&lt;string, int&gt;</c>.</summary>
        public static string ToMessageString(this ITypeSymbol type) =>
            type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        public static string ToFullyQualified(this ITypeSymbol type) =>
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>
        /// <c>type.ToDisplayString(FullyQualifiedWithNullability)</c>. The C# keyword types (most members are strings and
        /// numbers) skip the compiler's display visitor, which the transform would otherwise run for every member on
        /// every edit.
        /// </summary>
        public static string ToFullyQualifiedWithNullability(this ITypeSymbol type)
        {
            string? keyword = Keyword(type.SpecialType);
            if (keyword is null)
            {
                return type.ToDisplayString(FullyQualifiedWithNullability);
            }

            if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return type.SpecialType == SpecialType.System_String ? "string?" : keyword + "?";
            }

            return keyword;
        }

        /// <summary>How a display format with <c>UseSpecialTypes</c> writes a special type, or null when not as a keyword
        /// (native-sized integers are left to the compiler: <c>nint</c> or <c>System.IntPtr</c> depending on how they are declared).</summary>
        private static string? Keyword(SpecialType type)
        {
            switch (type)
            {
                case SpecialType.System_Object: return "object";
                case SpecialType.System_Boolean: return "bool";
                case SpecialType.System_Char: return "char";
                case SpecialType.System_SByte: return "sbyte";
                case SpecialType.System_Byte: return "byte";
                case SpecialType.System_Int16: return "short";
                case SpecialType.System_UInt16: return "ushort";
                case SpecialType.System_Int32: return "int";
                case SpecialType.System_UInt32: return "uint";
                case SpecialType.System_Int64: return "long";
                case SpecialType.System_UInt64: return "ulong";
                case SpecialType.System_Decimal: return "decimal";
                case SpecialType.System_Single: return "float";
                case SpecialType.System_Double: return "double";
                case SpecialType.System_String: return "string";
                default: return null;
            }
        }

        public static string? GetNamespaceText(this INamedTypeSymbol type) =>
            type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace
                ? null
                : type.ContainingNamespace.ToDisplayString(NamespaceFormat);

        /// <summary>The identifier as it must be written in code (<c>@class</c> for keywords).</summary>
        public static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary><c>System.Collections.Generic.List`1</c> for any construction of List&lt;T&gt;.</summary>
        public static string GetFullMetadataName(this ITypeSymbol type)
        {
            var names = new List<string>();
            ITypeSymbol current = type.OriginalDefinition;
            names.Add(current.MetadataName);
            while (current.ContainingType is not null)
            {
                current = current.ContainingType;
                names.Add(current.MetadataName);
            }

            names.Reverse();
            string typePart = string.Join("+", names);
            INamespaceSymbol? ns = current.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? typePart : ns.ToDisplayString() + "." + typePart;
        }

        /// <summary>Whether the outermost namespace of <paramref name="type"/> is <paramref name="rootNamespace"/> (a type nested in
        /// other types counts by its outermost type's namespace).</summary>
        public static bool IsUnderNamespace(this ITypeSymbol type, string rootNamespace)
        {
            INamespaceSymbol? ns = type.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name == rootNamespace;
        }

        public static bool IsInSystemNamespace(this ITypeSymbol type)
        {
            INamespaceSymbol? ns = type.ContainingNamespace;
            while (ns is not null && !ns.IsGlobalNamespace && !ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns is not null && !ns.IsGlobalNamespace && (ns.Name == "System" || ns.Name == "Microsoft");
        }

        public static AttributeData? FindAttribute(this ISymbol symbol, string metadataName)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (HasDisplayName(attribute.AttributeClass, metadataName))
                {
                    return attribute;
                }
            }

            return null;
        }

        public static IEnumerable<AttributeData> FindAttributes(this ISymbol symbol, string metadataName) =>
            symbol.GetAttributes().Where(a => HasDisplayName(a.AttributeClass, metadataName));

        /// <summary>
        /// <c>type?.ToDisplayString() == name</c> for a dotted name of non-generic types and namespaces that are not
        /// C# keywords or special types (every name in <see cref="KnownNames"/>), without building the display
        /// string: the transform asks this for every attribute of every member on every edit.
        /// </summary>
        public static bool HasDisplayName(INamedTypeSymbol? type, string name)
        {
            if (type is null)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Error)
            {
                // Unresolved attributes: the display rules of error types are the compiler's; ask it.
                return type.ToDisplayString() == name;
            }

            int end = name.Length;
            for (ISymbol current = type; ; )
            {
                if (current is INamedTypeSymbol { Arity: > 0 })
                {
                    return false; // Displayed with type arguments, which no known name has.
                }

                string part = current.Name;
                int start = end - part.Length;
                if (start < 0 || string.CompareOrdinal(name, start, part, 0, part.Length) != 0)
                {
                    return false;
                }

                ISymbol? container = current.ContainingSymbol;
                if (container is null || container is INamespaceSymbol { IsGlobalNamespace: true })
                {
                    return start == 0;
                }

                if (start == 0 || name[start - 1] != '.')
                {
                    return false;
                }

                end = start - 1;
                current = container;
            }
        }

        public static bool HasAttribute(this ISymbol symbol, string metadataName) =>
            symbol.FindAttribute(metadataName) is not null;

        public static TypedConstant? GetNamedArgument(this AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        /// <summary>The first constructor argument as a string, or null.</summary>
        public static string? GetStringArgument(this AttributeData attribute, int index = 0) =>
            attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

        public static string AccessibilityKeyword(this INamedTypeSymbol type)
        {
            if (type.IsFileLocal)
            {
                return "file";
            }

            switch (type.DeclaredAccessibility)
            {
                case Accessibility.Public: return "public";
                case Accessibility.Internal: return "internal";
                case Accessibility.Private: return "private";
                case Accessibility.Protected: return "protected";
                case Accessibility.ProtectedOrInternal: return "protected internal";
                case Accessibility.ProtectedAndInternal: return "private protected";
                default: return "internal";
            }
        }

        public static string DeclarationKeyword(this INamedTypeSymbol type)
        {
            if (type.IsRecord)
            {
                return type.IsValueType ? "record struct" : "record";
            }

            switch (type.TypeKind)
            {
                case TypeKind.Struct: return "struct";
                case TypeKind.Interface: return "interface";
                default: return "class";
            }
        }
    }
}
