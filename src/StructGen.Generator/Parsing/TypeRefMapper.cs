using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Maps a C# type (of a property or collection element) to a <see cref="TypeRefSpec"/>,
    /// registering reachable object types and reporting unsupported shapes.</summary>
    internal static class TypeRefMapper
    {
        private const string KeyValueAdvice =
            "use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'";

        private static readonly Dictionary<string, CollectionKind> Collections = new Dictionary<string, CollectionKind>
        {
            ["System.Collections.Generic.List`1"] = CollectionKind.List,
            ["System.Collections.Generic.IList`1"] = CollectionKind.IList,
            ["System.Collections.Generic.ICollection`1"] = CollectionKind.ICollection,
            ["System.Collections.Generic.IEnumerable`1"] = CollectionKind.IEnumerable,
            ["System.Collections.Generic.IReadOnlyList`1"] = CollectionKind.IReadOnlyList,
            ["System.Collections.Generic.IReadOnlyCollection`1"] = CollectionKind.IReadOnlyCollection,
            ["System.Collections.Generic.HashSet`1"] = CollectionKind.HashSet,
            ["System.Collections.Generic.ISet`1"] = CollectionKind.ISet,
            ["System.Collections.Immutable.ImmutableArray`1"] = CollectionKind.ImmutableArray,
            ["System.Collections.Immutable.ImmutableList`1"] = CollectionKind.ImmutableList,
        };

        private static readonly Dictionary<string, (TypeRefKind Kind, NumericType Numeric)> Scalars = new Dictionary<string, (TypeRefKind, NumericType)>
        {
            ["System.DateTimeOffset"] = (TypeRefKind.DateTimeOffset, NumericType.None),
            ["System.DateOnly"] = (TypeRefKind.DateOnly, NumericType.None),
            ["System.TimeOnly"] = (TypeRefKind.TimeOnly, NumericType.None),
            ["System.TimeSpan"] = (TypeRefKind.TimeSpan, NumericType.None),
            ["System.Guid"] = (TypeRefKind.Guid, NumericType.None),
            ["System.Uri"] = (TypeRefKind.Uri, NumericType.None),
            ["System.Int128"] = (TypeRefKind.Integer, NumericType.Int128),
            ["System.UInt128"] = (TypeRefKind.Integer, NumericType.UInt128),
            ["System.Half"] = (TypeRefKind.Number, NumericType.Half),
        };

        private static readonly HashSet<string> FreeFormJson = new HashSet<string>
        {
            "System.Text.Json.JsonElement",
            "System.Text.Json.JsonDocument",
            "System.Text.Json.Nodes.JsonNode",
            "System.Text.Json.Nodes.JsonObject",
            "System.Text.Json.Nodes.JsonArray",
            "System.Text.Json.Nodes.JsonValue",
        };

        public static TypeRefSpec? Map(ParseContext context, ITypeSymbol type, MemberSite site)
        {
            context.CancellationToken.ThrowIfCancellationRequested();

            bool isNullable = false;
            ITypeSymbol underlying = type;
            if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                isNullable = true;
                underlying = named.TypeArguments[0];
            }
            else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                isNullable = true;
                underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }

            if (underlying.TypeKind == TypeKind.Error)
            {
                // The compiler already reports the user's error; stay quiet and skip the member.
                return null;
            }

            var shape = new Shape(type, underlying, isNullable);

            switch (underlying.SpecialType)
            {
                case SpecialType.System_String: return shape.Make(TypeRefKind.String);
                case SpecialType.System_Char: return shape.Make(TypeRefKind.Char);
                case SpecialType.System_Boolean: return shape.Make(TypeRefKind.Boolean);
                case SpecialType.System_Byte: return shape.Make(TypeRefKind.Integer, NumericType.Byte);
                case SpecialType.System_SByte: return shape.Make(TypeRefKind.Integer, NumericType.SByte);
                case SpecialType.System_Int16: return shape.Make(TypeRefKind.Integer, NumericType.Int16);
                case SpecialType.System_UInt16: return shape.Make(TypeRefKind.Integer, NumericType.UInt16);
                case SpecialType.System_Int32: return shape.Make(TypeRefKind.Integer, NumericType.Int32);
                case SpecialType.System_UInt32: return shape.Make(TypeRefKind.Integer, NumericType.UInt32);
                case SpecialType.System_Int64: return shape.Make(TypeRefKind.Integer, NumericType.Int64);
                case SpecialType.System_UInt64: return shape.Make(TypeRefKind.Integer, NumericType.UInt64);
                case SpecialType.System_Single: return shape.Make(TypeRefKind.Number, NumericType.Single);
                case SpecialType.System_Double: return shape.Make(TypeRefKind.Number, NumericType.Double);
                case SpecialType.System_Decimal: return shape.Make(TypeRefKind.Number, NumericType.Decimal);
                case SpecialType.System_DateTime: return shape.Make(TypeRefKind.DateTime);
                case SpecialType.System_Object:
                    return NotExpressible(context, site, type, "use a concrete record type instead of 'object'");
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                    return Unsupported(context, site, type, "native-sized integers are not supported; use int or long");
            }

            switch (underlying.TypeKind)
            {
                case TypeKind.TypeParameter:
                    return NotExpressible(context, site, type, "a type parameter has no schema until it is closed; use a concrete type");
                case TypeKind.Dynamic:
                    return NotExpressible(context, site, type, "use a concrete record type instead of 'dynamic'");
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                case TypeKind.Delegate:
                    return Unsupported(context, site, type, "pointers and delegates are not data");
                case TypeKind.Enum:
                    return MapEnum(context, shape, (INamedTypeSymbol)underlying, site);
                case TypeKind.Array:
                    return MapArray(context, shape, (IArrayTypeSymbol)underlying, site);
            }

            if (underlying is not INamedTypeSymbol namedType)
            {
                return Unsupported(context, site, type, "this kind of type is not supported");
            }

            // The metadata name of a type when it is one of the known names below, else empty: matched without
            // building the name (this runs for every member on every edit).
            string metadataName = KnownMetadataName(namedType);
            if (Scalars.TryGetValue(metadataName, out var scalar))
            {
                return shape.Make(scalar.Kind, scalar.Numeric);
            }

            if (FreeFormJson.Contains(metadataName))
            {
                return NotExpressible(context, site, type, "free-form JSON has no fixed property names; use a concrete record type or " + KeyValueAdvice);
            }

            if (Collections.TryGetValue(metadataName, out CollectionKind collection))
            {
                TypeRefSpec? element = Map(context, namedType.TypeArguments[0], site);
                return element is null ? null : shape.Make(TypeRefKind.Array, collection: collection, element: element, underlyingName: CollectionDisplay(metadataName, element.FullyQualifiedName));
            }

            // One read of AllInterfaces for both checks (each read builds a new array).
            ImmutableArray<INamedTypeSymbol> interfaces = namedType.AllInterfaces;
            if (IsDictionary(namedType, interfaces))
            {
                return NotExpressible(context, site, type, KeyValueAdvice);
            }

            if (interfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                return Unsupported(context, site, type, "custom collection types are not supported; use T[], List<T> or IReadOnlyList<T>");
            }

            if (namedType.IsTupleType)
            {
                return Unsupported(context, site, type, "tuple elements have no JSON property names; use a record");
            }

            if (namedType.IsInSystemNamespace())
            {
                return Unsupported(context, site, type, "this framework type has no JSON Schema mapping");
            }

            if (namedType.TypeArguments.Any(ContainsTypeParameter))
            {
                return NotExpressible(context, site, type, "a type parameter has no schema until it is closed; use a concrete type");
            }

            bool polymorphic = namedType.HasAttribute(KnownNames.JsonDerivedTypeAttribute);
            if ((namedType.TypeKind == TypeKind.Interface || namedType.IsAbstract) && !polymorphic)
            {
                return Unsupported(context, site, type, "abstract types and interfaces need [JsonDerivedType] for each concrete type");
            }

            if (namedType.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
            {
                return Unsupported(context, site, type, "this kind of type is not supported");
            }

            if (namedType.IsStatic)
            {
                return Unsupported(context, site, type, "static classes cannot be instantiated");
            }

            if (!CheckAccessible(context, namedType, site))
            {
                return null;
            }

            ParseContext.ObjectTypeNames names = context.GetOrAddObjectType(namedType, site.Location);
            // The object type's name (no nullability shown) is its display with nullability too when no type argument could show any.
            return shape.Make(TypeRefKind.Object, key: names.Key, underlyingName: namedType.IsGenericType ? null : names.FullyQualifiedName);
        }

        /// <summary>
        /// How <see cref="SymbolExtensions.FullyQualifiedWithNullability"/> displays a known collection (<paramref name="metadataName"/>,
        /// a key of <see cref="Collections"/>: a generic type of one parameter, not nested, in a namespace without keywords)
        /// whose type argument displays as <paramref name="elementName"/>: composed from the element's text, not by the
        /// compiler's display visitor, which would visit the element again.
        /// </summary>
        internal static string CollectionDisplay(string metadataName, string elementName) =>
            "global::" + metadataName.Substring(0, metadataName.Length - 2) + "<" + elementName + ">";

        /// <summary>Each known full metadata name (<see cref="Scalars"/>, <see cref="FreeFormJson"/>, <see cref="Collections"/>)
        /// by its last part (<c>List`1</c>); every last part is distinct.</summary>
        private static readonly Dictionary<string, string> KnownNamesByLastPart = IndexByLastPart();

        private static Dictionary<string, string> IndexByLastPart()
        {
            var index = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (string name in Scalars.Keys.Concat(FreeFormJson).Concat(Collections.Keys))
            {
                index[name.Substring(name.LastIndexOf('.') + 1)] = name;
            }

            return index;
        }

        /// <summary>
        /// <c>type.GetFullMetadataName()</c> when that is a key of <see cref="KnownNamesByLastPart"/>'s values, otherwise
        /// <see cref="string.Empty"/> (which no table holds): the same answer to every lookup below, without building a string.
        /// </summary>
        internal static string KnownMetadataName(INamedTypeSymbol type)
        {
            INamedTypeSymbol definition = type.OriginalDefinition;
            if (definition.ContainingType is not null ||
                !KnownNamesByLastPart.TryGetValue(definition.MetadataName, out string? known))
            {
                return string.Empty; // No known name is a nested type.
            }

            // Compare the namespaces, innermost first, with the known name's parts before its last.
            int end = known.Length - definition.MetadataName.Length - 1;
            for (INamespaceSymbol? ns = definition.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                string part = ns.Name;
                int start = end - part.Length;
                if (start < 0 || string.CompareOrdinal(known, start, part, 0, part.Length) != 0 || (start > 0 && known[start - 1] != '.'))
                {
                    return string.Empty;
                }

                end = start - 1;
            }

            return end == -1 ? known : string.Empty;
        }

        private static TypeRefSpec? MapArray(ParseContext context, Shape shape, IArrayTypeSymbol array, MemberSite site)
        {
            if (!array.IsSZArray)
            {
                return Unsupported(context, site, shape.Type, "multi-dimensional arrays are not supported; use T[][] or List<List<T>>");
            }

            TypeRefSpec? element = Map(context, array.ElementType, site);
            return element is null ? null : shape.Make(TypeRefKind.Array, collection: CollectionKind.Array, element: element);
        }

        private static TypeRefSpec? MapEnum(ParseContext context, Shape shape, INamedTypeSymbol enumType, MemberSite site)
        {
            if (enumType.HasAttribute(KnownNames.FlagsAttribute))
            {
                return Unsupported(context, site, shape.Type, "[Flags] values combine members, which a JSON string enum cannot express; use a list of a non-flags enum");
            }

            if (!CheckAccessible(context, enumType, site))
            {
                return null;
            }

            string enumName = enumType.ToFullyQualified();
            var members = new List<EnumMemberSpec>();
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is not IFieldSymbol { HasConstantValue: true } field)
                {
                    continue;
                }

                context.AddLocation(enumName, field.Name, LocationInfo.From(field.Locations.FirstOrDefault()) ?? site.Location);
                string? explicitValue =
                    field.FindAttribute(KnownNames.JsonStringEnumMemberNameAttribute)?.GetStringArgument()
                    ?? field.FindAttribute(KnownNames.EnumMemberAttribute)?.GetNamedArgument("Value")?.Value as string;
                members.Add(new EnumMemberSpec(
                    SymbolExtensions.EscapeIdentifier(field.Name),
                    explicitValue ?? field.Name,
                    explicitValue is not null,
                    DescriptionReader.ForType(field, context.CancellationToken, context.DocComments)));
            }

            if (members.Count == 0)
            {
                return Unsupported(context, site, shape.Type, "the enum has no members");
            }

            var spec = new EnumSpec(enumName, DescriptionReader.ForType(enumType, context.CancellationToken, context.DocComments), members.ToEquatableArray());
            return shape.Make(TypeRefKind.Enum, enumSpec: spec, underlyingName: enumType.IsGenericType ? null : enumName);
        }

        private static bool CheckAccessible(ParseContext context, INamedTypeSymbol type, MemberSite site)
        {
            string? reason = AccessibilityCheck.GetInaccessibleReason(context.Compilation, type);
            if (reason is null)
            {
                return true;
            }

            context.Report(DiagnosticDescriptors.InaccessibleType, site.Location, type.ToMessageString(), reason);
            return false;
        }

        private static bool IsDictionary(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> allInterfaces)
        {
            static bool IsDictionaryInterface(INamedTypeSymbol t)
            {
                if (t.Name is not ("IDictionary" or "IReadOnlyDictionary"))
                {
                    return false; // Not one of the names below (checked before building the metadata name).
                }

                string name = t.GetFullMetadataName();
                return name == "System.Collections.Generic.IDictionary`2"
                    || name == "System.Collections.Generic.IReadOnlyDictionary`2"
                    || name == "System.Collections.IDictionary";
            }

            return IsDictionaryInterface(type) || allInterfaces.Any(IsDictionaryInterface);
        }

        private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
        {
            ITypeParameterSymbol => true,
            IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
            _ => false,
        };

        private static TypeRefSpec? Unsupported(ParseContext context, MemberSite site, ITypeSymbol type, string reason)
        {
            context.Report(DiagnosticDescriptors.UnsupportedMemberType, site.Location, site.MemberName, site.OwnerName, type.ToMessageString(), reason);
            return null;
        }

        private static TypeRefSpec? NotExpressible(ParseContext context, MemberSite site, ITypeSymbol type, string advice)
        {
            context.Report(DiagnosticDescriptors.NotExpressibleInStrictMode, site.Location, site.MemberName, site.OwnerName, type.ToMessageString(), advice);
            return null;
        }

        /// <summary>The parts of a <see cref="TypeRefSpec"/> that do not depend on its kind.</summary>
        private readonly struct Shape
        {
            public Shape(ITypeSymbol type, ITypeSymbol underlying, bool isNullable)
            {
                Type = type;
                Underlying = underlying;
                IsNullable = isNullable;
            }

            public ITypeSymbol Type { get; }

            public ITypeSymbol Underlying { get; }

            public bool IsNullable { get; }

            public TypeRefSpec Make(
                TypeRefKind kind,
                NumericType numeric = NumericType.None,
                CollectionKind collection = CollectionKind.None,
                TypeRefSpec? element = null,
                string? key = null,
                EnumSpec? enumSpec = null,
                string? underlyingName = null)
            {
                // The underlying type's display, given by the caller when it has built it already. A nullable type
                // (Nullable<T> or an annotated reference type) displays as its underlying type followed by '?'.
                string underlying = underlyingName ?? Underlying.ToFullyQualifiedWithNullability();
                string fullyQualified = ReferenceEquals(Type, Underlying)
                    ? underlying
                    : IsNullable ? underlying + "?" : Type.ToFullyQualifiedWithNullability();
                return new TypeRefSpec(
                    kind,
                    fullyQualified,
                    underlying,
                    IsNullable,
                    Underlying.IsValueType,
                    numeric,
                    collection,
                    element,
                    key,
                    enumSpec);
            }
        }
    }
}
