using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Builds the <see cref="ObjectTypeSpec"/> of one class/struct/record: its schema properties
    /// (public readable properties that can be set through the constructor, a setter or an init accessor)
    /// and how to construct it.</summary>
    internal static class ObjectTypeParser
    {
        public static ObjectTypeSpec Parse(ParseContext context, INamedTypeSymbol type, string key, bool isRoot, NamingPolicy rootPolicy, LocationInfo? useSite)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            string typeName = type.ToFullyQualified();
            LocationInfo? typeLocation = LocationInfo.From(type.Locations.FirstOrDefault()) ?? useSite;
            context.AddLocation(typeName, string.Empty, typeLocation);

            PolymorphismSpec? polymorphism = isRoot ? null : PolymorphismReader.Read(context, type, typeLocation);
            List<IPropertySymbol> candidates = CollectCandidates(type);
            IMethodSymbol? constructor = ChooseConstructor(context, type, typeLocation, out ConstructionKind kind);

            var parameters = new List<ConstructorParameterSpec>();
            var bound = new Dictionary<IPropertySymbol, int>(SymbolEqualityComparer.Default);
            if (constructor is not null)
            {
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    IPropertySymbol? match = candidates.FirstOrDefault(p =>
                        string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) &&
                        SymbolEqualityComparer.Default.Equals(p.Type, parameter.Type) &&
                        !bound.ContainsKey(p));
                    if (match is null)
                    {
                        context.Report(
                            DiagnosticDescriptors.ConstructorParameterWithoutProperty,
                            LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? typeLocation,
                            parameter.Name,
                            type.Name);
                        continue;
                    }

                    bound.Add(match, parameter.Ordinal);
                    parameters.Add(new ConstructorParameterSpec(
                        SymbolExtensions.EscapeIdentifier(parameter.Name),
                        SymbolExtensions.EscapeIdentifier(match.Name),
                        parameter.Type.ToDisplayString(SymbolExtensions.FullyQualifiedWithNullability),
                        parameter.HasExplicitDefaultValue));
                }
            }

            var properties = new List<PropertySpec>();
            foreach (IPropertySymbol candidate in candidates)
            {
                int parameterIndex = bound.TryGetValue(candidate, out int index) ? index : -1;
                SetterKind setter = GetSetter(candidate);
                if (parameterIndex < 0 && setter == SetterKind.None && kind != ConstructionKind.None)
                {
                    continue; // Computed or read-only: the model cannot provide it.
                }

                PropertySpec? property = ParseProperty(context, type, candidate, parameterIndex >= 0 ? constructor!.Parameters[parameterIndex] : null, parameterIndex, setter, typeLocation);
                if (property is not null)
                {
                    properties.Add(property);
                }
            }

            var construction = new ConstructionSpec(
                kind,
                parameters.ToEquatableArray(),
                properties.Where(p => p.ConstructorParameterIndex < 0 && p.Setter != SetterKind.None).Select(p => p.Name).ToEquatableArray(),
                properties.Where(p => p.IsRequired).Select(p => p.Name).ToEquatableArray(),
                constructor?.HasAttribute(KnownNames.SetsRequiredMembersAttribute) == true);

            return new ObjectTypeSpec(
                key,
                DeclarationReader.Read(type, context.CancellationToken),
                DescriptionReader.ForType(type, context.CancellationToken),
                isRoot ? rootPolicy : ReadOwnPolicy(type),
                properties.ToEquatableArray(),
                construction,
                polymorphism,
                isRoot,
                UseDefinition: false,
                StreamingContracts.ReadGate(context, type, properties, typeLocation));
        }

        /// <summary>A reachable type that is itself annotated keeps its own explicit naming policy.</summary>
        public static NamingPolicy ReadOwnPolicy(INamedTypeSymbol type)
        {
            AttributeData? attribute = type.FindAttribute(KnownNames.StructuredOutputAttribute);
            return attribute?.GetNamedArgument("NamingPolicy")?.Value is int value && Enum.IsDefined(typeof(NamingPolicy), value)
                ? (NamingPolicy)value
                : NamingPolicy.Default;
        }

        private static PropertySpec? ParseProperty(
            ParseContext context,
            INamedTypeSymbol owner,
            IPropertySymbol property,
            IParameterSymbol? parameter,
            int parameterIndex,
            SetterKind setter,
            LocationInfo? ownerLocation)
        {
            LocationInfo? location = LocationInfo.From(property.Locations.FirstOrDefault()) ?? ownerLocation;
            context.AddLocation(owner.ToFullyQualified(), property.Name, location);
            var site = new MemberSite(property.Name, owner.Name, location);

            TypeRefSpec? type = TypeRefMapper.Map(context, property.Type, site);
            if (type is null)
            {
                return null;
            }

            string? description = DescriptionReader.ForProperty(property, parameter, context.CancellationToken);
            if (type.Kind == TypeRefKind.Uri)
            {
                description = Descriptions.Append(description, "A URI.");
            }

            PropertyConstraints constraints = DataAnnotationsReader.Read(context, property, parameter, type, ref description, site);
            string? explicitName = property.FindAttribute(KnownNames.JsonPropertyNameAttribute)?.GetStringArgument();
            bool atomic = property.HasAttribute(KnownNames.StreamAtomicAttribute) || parameter?.HasAttribute(KnownNames.StreamAtomicAttribute) == true;
            if (atomic && !StreamingContracts.CanGrow(type))
            {
                context.Report(DiagnosticDescriptors.RedundantStreamingContract, location, property.Name, owner.Name, property.Type.ToDisplayString());
            }

            return new PropertySpec(
                SymbolExtensions.EscapeIdentifier(property.Name),
                explicitName ?? property.Name,
                explicitName is not null,
                description,
                type,
                constraints,
                setter,
                property.IsRequired,
                parameterIndex,
                atomic);
        }

        /// <summary>Public instance properties with a public getter, base types first, in declaration
        /// order; overrides and <c>new</c> members replace the base member in place; <c>[JsonIgnore]</c> removes.</summary>
        private static List<IPropertySymbol> CollectCandidates(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type;
                 current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType);
                 current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            var slots = new List<IPropertySymbol?>();
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (INamedTypeSymbol declaring in chain)
            {
                foreach (IPropertySymbol property in declaring.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer ||
                        property.DeclaredAccessibility != Accessibility.Public ||
                        property.GetMethod is not { DeclaredAccessibility: Accessibility.Public })
                    {
                        continue;
                    }

                    IPropertySymbol? value = IsIgnored(property) ? null : property;
                    if (byName.TryGetValue(property.Name, out int slot))
                    {
                        slots[slot] = value;
                    }
                    else if (value is not null)
                    {
                        byName.Add(property.Name, slots.Count);
                        slots.Add(value);
                    }
                }
            }

            return slots.Where(p => p is not null).ToList()!;
        }

        private static bool IsIgnored(IPropertySymbol property)
        {
            AttributeData? ignore = property.FindAttribute(KnownNames.JsonIgnoreAttribute);
            if (ignore is null)
            {
                return false;
            }

            // JsonIgnoreCondition.Always = 1 (the default); WhenWriting* conditions do not affect reading.
            object? condition = ignore.GetNamedArgument("Condition")?.Value;
            return condition is null || condition is 1;
        }

        private static SetterKind GetSetter(IPropertySymbol property) =>
            property.SetMethod is { DeclaredAccessibility: Accessibility.Public } setter
                ? (setter.IsInitOnly ? SetterKind.Init : SetterKind.Set)
                : SetterKind.None;

        /// <summary>
        /// <c>[JsonConstructor]</c> wins; otherwise a public parameterless constructor (classes), else the
        /// single public constructor. Structs prefer their single parameterized constructor (record structs).
        /// </summary>
        private static IMethodSymbol? ChooseConstructor(ParseContext context, INamedTypeSymbol type, LocationInfo? location, out ConstructionKind kind)
        {
            kind = ConstructionKind.None;
            if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            List<IMethodSymbol> constructors = type.InstanceConstructors.Where(c => !IsCopyConstructor(type, c)).ToList();
            IMethodSymbol? chosen = constructors.FirstOrDefault(c => c.HasAttribute(KnownNames.JsonConstructorAttribute));
            if (chosen is not null)
            {
                if (chosen.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    context.Report(DiagnosticDescriptors.NoUsableConstructor, location, type.Name, "its [JsonConstructor] constructor is not public or internal");
                    return null;
                }
            }
            else
            {
                List<IMethodSymbol> visible = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
                IMethodSymbol? parameterless = visible.FirstOrDefault(c => c.Parameters.Length == 0);
                List<IMethodSymbol> withParameters = visible.Where(c => c.Parameters.Length > 0).ToList();
                if (type.IsValueType)
                {
                    chosen = withParameters.Count == 1 ? withParameters[0] : parameterless;
                }
                else
                {
                    chosen = parameterless ?? (withParameters.Count == 1 ? withParameters[0] : null);
                }

                if (chosen is null && !type.IsValueType)
                {
                    string reason = withParameters.Count == 0
                        ? "it has no public constructor"
                        : "it has " + withParameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " public constructors with parameters; mark the one to use with [JsonConstructor]";
                    context.Report(DiagnosticDescriptors.NoUsableConstructor, location, type.Name, reason);
                    return null;
                }
            }

            kind = chosen is null || chosen.Parameters.Length == 0 ? ConstructionKind.ParameterlessConstructor : ConstructionKind.ParameterizedConstructor;
            return chosen;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
            type.IsRecord &&
            constructor.Parameters.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
    }
}
