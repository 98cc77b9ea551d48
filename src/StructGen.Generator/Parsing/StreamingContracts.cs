using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Which members a streaming contract (<c>[StreamAtomic]</c>, <c>[StreamRequires]</c>) can change, and the checks on them.</summary>
    internal static class StreamingContracts
    {
        /// <summary>
        /// Whether partials can show the member before it is complete: strings grow, lists and objects
        /// fill in. Every other kind appears only once complete, so an atomic contract on it does nothing.
        /// </summary>
        public static bool CanGrow(TypeRefSpec type) => type.Kind is TypeRefKind.String or TypeRefKind.Array or TypeRefKind.Object;

        /// <summary>
        /// The gate member of a <c>[StreamRequires]</c> type (its C# property name), or null. SGEN027 when the
        /// contract names no schema member (ignored), sits on a polymorphic base (ignored), or can never be met
        /// as intended in strict mode: a member that can grow is declared before the gate, so with keys in
        /// declaration order it is always complete before the gate starts and is never shown while it streams.
        /// </summary>
        public static string? ReadGate(ParseContext context, INamedTypeSymbol type, List<PropertySpec> properties, LocationInfo? typeLocation)
        {
            AttributeData? attribute = type.FindAttribute(KnownNames.StreamRequiresAttribute);
            if (attribute is null) return null;
            string name = attribute.GetStringArgument() ?? string.Empty;
            LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken)) ?? typeLocation;

            if (type.HasAttribute(KnownNames.JsonDerivedTypeAttribute) || type.HasAttribute(KnownNames.JsonPolymorphicAttribute))
            {
                context.Report(DiagnosticDescriptors.UnmeetableStreamingContract, location, name, type.Name,
                    "'" + type.Name + "' is polymorphic and its value is chosen by the discriminator; the contract is ignored (put it on the derived types)");
                return null;
            }

            int gate = properties.FindIndex(p => p.Name.TrimStart('@') == name);
            if (gate < 0)
            {
                context.Report(DiagnosticDescriptors.UnmeetableStreamingContract, location, name, type.Name,
                    "'" + name + "' is not a schema member of '" + type.Name + "', so it never arrives; the contract is ignored (name the member with nameof)");
                return null;
            }

            for (int i = 0; i < gate; i++)
            {
                PropertySpec before = properties[i];
                if (!CanGrow(before.Type) || before.IsAtomic) continue;
                context.Report(DiagnosticDescriptors.UnmeetableStreamingContract, location, name, type.Name,
                    "in strict mode keys arrive in declaration order, so '" + before.Name.TrimStart('@') + "' (declared before '" + name +
                    "') is complete before '" + name + "' starts and is never shown while it streams; declare '" + name + "' before the members it gates");
                break;
            }

            return properties[gate].Name;
        }
    }
}
