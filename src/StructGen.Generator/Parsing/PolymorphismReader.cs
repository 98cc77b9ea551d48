using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Reads <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c> on a base type.</summary>
    internal static class PolymorphismReader
    {
        public const string DefaultDiscriminatorPropertyName = "$type";

        public static bool IsPolymorphic(INamedTypeSymbol type) =>
            type.HasAttribute(KnownNames.JsonDerivedTypeAttribute) || type.HasAttribute(KnownNames.JsonPolymorphicAttribute);

        public static PolymorphismSpec? Read(ParseContext context, INamedTypeSymbol type, LocationInfo? location)
        {
            var derived = new List<DerivedTypeSpec>();
            foreach (AttributeData attribute in type.FindAttributes(KnownNames.JsonDerivedTypeAttribute))
            {
                if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol derivedType)
                {
                    continue;
                }

                string? reason = AccessibilityCheck.GetInaccessibleReason(context.Compilation, derivedType);
                if (reason is not null)
                {
                    context.Report(DiagnosticDescriptors.InaccessibleType, location, derivedType.ToMessageString(), reason);
                    continue;
                }

                object? value = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value : null;
                string discriminator = value switch
                {
                    string s => s,
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    _ => derivedType.Name,
                };

                ParseContext.ObjectTypeNames names = context.GetOrAddObjectType(derivedType, location, sameLevel: true);
                derived.Add(new DerivedTypeSpec(
                    names.Key,
                    names.FullyQualifiedName,
                    discriminator,
                    value is int));
            }

            if (derived.Count == 0)
            {
                return null;
            }

            string propertyName =
                type.FindAttribute(KnownNames.JsonPolymorphicAttribute)?.GetNamedArgument("TypeDiscriminatorPropertyName")?.Value as string
                ?? DefaultDiscriminatorPropertyName;
            return new PolymorphismSpec(propertyName, derived.ToEquatableArray());
        }
    }
}
