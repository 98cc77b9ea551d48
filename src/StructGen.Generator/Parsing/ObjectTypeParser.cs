using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        public static ObjectTypeSpec Parse(ParseContext context, ParseContext.PendingType pending, bool isRoot, NamingPolicy rootPolicy)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            INamedTypeSymbol type = pending.Type;
            string typeName = pending.FullyQualifiedName;
            LocationInfo? typeLocation = LocationInfo.From(type.Locations.FirstOrDefault()) ?? pending.UseSite;
            context.AddLocation(typeName, string.Empty, typeLocation);

            PolymorphismSpec? polymorphism = isRoot ? null : PolymorphismReader.Read(context, type, typeLocation);
            List<IPropertySymbol> candidates = CollectCandidates(type);
            IMethodSymbol? constructor = ChooseConstructor(context, type, typeLocation, out ConstructionKind kind, out ImmutableArray<IParameterSymbol> constructorParameters);

            // The ordinal of the constructor parameter bound to each candidate (-1: none). Loops, not LINQ: this
            // runs for every reachable type on every edit of the user's project.
            int[] boundOrdinals = new int[candidates.Count];
            for (int i = 0; i < boundOrdinals.Length; i++)
            {
                boundOrdinals[i] = -1;
            }

            foreach (IParameterSymbol parameter in constructorParameters)
            {
                int match = -1;
                for (int i = 0; i < candidates.Count; i++)
                {
                    IPropertySymbol p = candidates[i];
                    if (string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) &&
                        SymbolEqualityComparer.Default.Equals(p.Type, parameter.Type) &&
                        boundOrdinals[i] < 0)
                    {
                        match = i;
                        break;
                    }
                }

                if (match < 0)
                {
                    context.Report(
                        DiagnosticDescriptors.ConstructorParameterWithoutProperty,
                        LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? typeLocation,
                        parameter.Name,
                        type.Name);
                    continue;
                }

                boundOrdinals[match] = parameter.Ordinal;
            }

            var properties = new List<PropertySpec>(candidates.Count);
            var initialized = new List<string>();
            var required = new List<string>();
            for (int i = 0; i < candidates.Count; i++)
            {
                IPropertySymbol candidate = candidates[i];
                int parameterIndex = boundOrdinals[i];
                SetterKind setter = GetSetter(candidate);
                if (parameterIndex < 0 && setter == SetterKind.None && kind != ConstructionKind.None)
                {
                    continue; // Computed or read-only: the model cannot provide it.
                }

                PropertySpec? property = ParseProperty(context, type, typeName, candidate, parameterIndex >= 0 ? constructorParameters[parameterIndex] : null, parameterIndex, setter, typeLocation);
                if (property is not null)
                {
                    properties.Add(property);
                    if (property.ConstructorParameterIndex < 0 && property.Setter != SetterKind.None)
                    {
                        initialized.Add(property.Name);
                    }

                    if (property.IsRequired)
                    {
                        required.Add(property.Name);
                    }
                }
            }

            var construction = new ConstructionSpec(
                kind,
                new EquatableArray<ConstructorParameterSpec>(ConstructorParameters(constructorParameters, candidates, boundOrdinals, properties)),
                new EquatableArray<string>(initialized.ToArray()),
                new EquatableArray<string>(required.ToArray()),
                constructor?.HasAttribute(KnownNames.SetsRequiredMembersAttribute) == true);

            return new ObjectTypeSpec(
                pending.Key,
                DeclarationReader.Read(type, typeName, context.CancellationToken),
                DescriptionReader.ForType(type, context.CancellationToken, context.DocComments),
                isRoot ? rootPolicy : ReadOwnPolicy(type),
                new EquatableArray<PropertySpec>(properties.ToArray()),
                construction,
                polymorphism,
                isRoot,
                UseDefinition: false,
                StreamingContracts.ReadGate(context, type, properties, typeLocation));
        }

        /// <summary>The constructor's parameters that are bound to a candidate, in parameter order.</summary>
        private static ConstructorParameterSpec[] ConstructorParameters(
            ImmutableArray<IParameterSymbol> constructorParameters,
            List<IPropertySymbol> candidates,
            int[] boundOrdinals,
            List<PropertySpec> properties)
        {
            int count = 0;
            foreach (int ordinal in boundOrdinals)
            {
                count += ordinal >= 0 ? 1 : 0;
            }

            var parameters = new ConstructorParameterSpec[count];
            int next = 0;
            foreach (IParameterSymbol parameter in constructorParameters)
            {
                int candidate = Array.IndexOf(boundOrdinals, parameter.Ordinal);
                if (candidate < 0)
                {
                    continue;
                }

                // A parameter whose type equals its property's, nullability and all (a record's positional parameter),
                // displays as the property's type did: reuse that text instead of building it again.
                TypeRefSpec? propertyType = null;
                foreach (PropertySpec property in properties)
                {
                    if (property.ConstructorParameterIndex == parameter.Ordinal)
                    {
                        propertyType = property.Type;
                        break;
                    }
                }

                string typeName = propertyType is not null && SymbolEqualityComparer.IncludeNullability.Equals(parameter.Type, candidates[candidate].Type)
                    ? propertyType.FullyQualifiedName
                    : parameter.Type.ToFullyQualifiedWithNullability();
                parameters[next++] = new ConstructorParameterSpec(
                    SymbolExtensions.EscapeIdentifier(parameter.Name),
                    SymbolExtensions.EscapeIdentifier(candidates[candidate].Name),
                    typeName,
                    parameter.HasExplicitDefaultValue);
            }

            return parameters;
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
            string ownerName,
            IPropertySymbol property,
            IParameterSymbol? parameter,
            int parameterIndex,
            SetterKind setter,
            LocationInfo? ownerLocation)
        {
            LocationInfo? location = LocationInfo.From(property.Locations.FirstOrDefault()) ?? ownerLocation;
            context.AddLocation(ownerName, property.Name, location);
            var site = new MemberSite(property.Name, owner.Name, location);

            TypeRefSpec? type = TypeRefMapper.Map(context, property.Type, site);
            if (type is null)
            {
                return null;
            }

            string? description = DescriptionReader.ForProperty(property, parameter, context.CancellationToken, context.DocComments);
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
            // Most types derive from object directly (every record class does): no chain to build then.
            List<INamedTypeSymbol>? chain = null;
            if (!IsChainEnd(type.BaseType))
            {
                chain = new List<INamedTypeSymbol>();
                for (INamedTypeSymbol? current = type; !IsChainEnd(current); current = current!.BaseType)
                {
                    chain.Insert(0, current!);
                }
            }

            // A slot emptied by an ignored override holds null until the end, where empty slots are dropped in place.
            var slots = new List<IPropertySymbol>();
            var names = new List<string>();
            Dictionary<string, int>? byName = null;
            bool emptied = false;
            for (int level = 0; level < (chain?.Count ?? 1); level++)
            {
                INamedTypeSymbol declaring = chain is null ? type : chain[level];
                foreach (ISymbol member in declaring.GetMembers())
                {
                    if (member is not IPropertySymbol property ||
                        property.IsStatic || property.IsIndexer ||
                        property.DeclaredAccessibility != Accessibility.Public ||
                        property.GetMethod is not { DeclaredAccessibility: Accessibility.Public })
                    {
                        continue;
                    }

                    IPropertySymbol? value = IsIgnored(property) ? null : property;
                    int slot = FindSlot(names, ref byName, property.Name);
                    if (slot >= 0)
                    {
                        slots[slot] = value!;
                        emptied |= value is null;
                    }
                    else if (value is not null)
                    {
                        byName?.Add(property.Name, slots.Count);
                        names.Add(property.Name);
                        slots.Add(value);
                    }
                }
            }

            if (emptied)
            {
                slots.RemoveAll(static slot => slot is null);
            }

            return slots;
        }

        private static bool IsChainEnd(INamedTypeSymbol? type) =>
            type is null || type.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType;

        /// <summary>
        /// The slot of the property named <paramref name="name"/>, or -1. A type rarely has more than a dozen properties:
        /// scan the names until then and index them only beyond (a dictionary per type on every edit was a measurable
        /// share of the transform's allocation).
        /// </summary>
        private static int FindSlot(List<string> names, ref Dictionary<string, int>? byName, string name)
        {
            if (byName is not null)
            {
                return byName.TryGetValue(name, out int slot) ? slot : -1;
            }

            for (int i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            if (names.Count >= LinearScanLimit)
            {
                byName = new Dictionary<string, int>(names.Count * 2, StringComparer.Ordinal);
                for (int i = 0; i < names.Count; i++)
                {
                    byName.Add(names[i], i);
                }
            }

            return -1;
        }

        private const int LinearScanLimit = 16;

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
        /// <param name="chosenParameters">The chosen constructor's parameters (empty when none is chosen).</param>
        private static IMethodSymbol? ChooseConstructor(ParseContext context, INamedTypeSymbol type, LocationInfo? location, out ConstructionKind kind, out ImmutableArray<IParameterSymbol> chosenParameters)
        {
            kind = ConstructionKind.None;
            chosenParameters = ImmutableArray<IParameterSymbol>.Empty;
            if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            // Loops, not LINQ, and each constructor's Parameters read once (every read builds a new array).
            IMethodSymbol? chosen = null;
            ImmutableArray<IParameterSymbol> chosenMarked = default;
            IMethodSymbol? parameterless = null;
            IMethodSymbol? withParameters = null; // The first public constructor with parameters: used only when it is the only one.
            ImmutableArray<IParameterSymbol> withParametersParameters = default;
            int withParametersCount = 0;
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                ImmutableArray<IParameterSymbol> parameters = constructor.Parameters;
                if (IsCopyConstructor(type, parameters))
                {
                    continue;
                }

                if (chosen is null && constructor.HasAttribute(KnownNames.JsonConstructorAttribute))
                {
                    chosen = constructor;
                    chosenMarked = parameters;
                }

                if (constructor.DeclaredAccessibility == Accessibility.Public)
                {
                    if (parameters.Length == 0)
                    {
                        parameterless ??= constructor;
                    }
                    else if (withParametersCount++ == 0)
                    {
                        withParameters = constructor;
                        withParametersParameters = parameters;
                    }
                }
            }

            if (chosen is not null)
            {
                if (chosen.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    context.Report(DiagnosticDescriptors.NoUsableConstructor, location, type.Name, "its [JsonConstructor] constructor is not public or internal");
                    return null;
                }

                chosenParameters = chosenMarked;
            }
            else
            {
                bool single = withParametersCount == 1;
                if (type.IsValueType)
                {
                    chosen = single ? withParameters : parameterless;
                }
                else
                {
                    chosen = parameterless ?? (single ? withParameters : null);
                }

                if (chosen is null && !type.IsValueType)
                {
                    string reason = withParametersCount == 0
                        ? "it has no public constructor"
                        : "it has " + withParametersCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " public constructors with parameters; mark the one to use with [JsonConstructor]";
                    context.Report(DiagnosticDescriptors.NoUsableConstructor, location, type.Name, reason);
                    return null;
                }

                if (chosen is not null && ReferenceEquals(chosen, withParameters))
                {
                    chosenParameters = withParametersParameters;
                }
            }

            kind = chosenParameters.Length == 0 ? ConstructionKind.ParameterlessConstructor : ConstructionKind.ParameterizedConstructor;
            return chosen;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, ImmutableArray<IParameterSymbol> parameters) =>
            type.IsRecord &&
            parameters.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(parameters[0].Type, type);
    }
}
