using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>
    /// The semantic transform of the pipeline, and the only code that touches symbols: turns one
    /// <c>[StructuredOutput]</c> type into a <see cref="ParsedRoot"/> (spec of the type and every type
    /// reachable from it, diagnostics, member locations). Never throws.
    /// </summary>
    internal static class Parser
    {
        /// <summary>More distinct object types than this means runaway generic expansion.</summary>
        public const int MaxObjectTypes = 500;

        /// <summary>
        /// Types found further than this from the root are not parsed: such a path already breaks the
        /// nesting-depth limit, and stopping early keeps runaway generic expansion
        /// (<c>record Chain&lt;T&gt;(Chain&lt;List&lt;T&gt;&gt;? Next)</c>) cheap.
        /// </summary>
        public const int MaxDiscoveryDistance = 32;

        private static readonly Regex SchemaNamePattern = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        public static ParsedRoot Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            try
            {
                if (context.TargetSymbol is not INamedTypeSymbol type)
                {
                    return Result(null, new ParseContext(context.SemanticModel.Compilation, cancellationToken));
                }

                return ParseRoot(context.SemanticModel.Compilation, type, syntax, context.Attributes.FirstOrDefault(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return InternalError(LocationInfo.From(syntax.Identifier), syntax.Identifier.ValueText, ex);
            }
        }

        private static ParsedRoot InternalError(LocationInfo? location, string typeName, Exception exception) =>
            new ParsedRoot(
                null,
                new[] { DiagnosticInfo.InternalError(location, typeName, exception) }.ToEquatableArray(),
                EquatableArray<MemberLocation>.Empty);

        private static ParsedRoot ParseRoot(Compilation compilation, INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData? attribute, CancellationToken cancellationToken)
        {
            var context = new ParseContext(compilation, cancellationToken);
            LocationInfo? identifier = LocationInfo.From(syntax.Identifier);
            string typeName = type.ToFullyQualified();
            context.AddLocation(typeName, string.Empty, identifier);

            if (!CheckRoot(context, type, syntax, identifier))
            {
                return Result(null, context);
            }

            string? description = attribute?.GetNamedArgument("Description")?.Value as string;
            string? name = attribute?.GetNamedArgument("Name")?.Value as string;
            NamingPolicy policy = attribute?.GetNamedArgument("NamingPolicy")?.Value is int p && Enum.IsDefined(typeof(NamingPolicy), p)
                ? (NamingPolicy)p
                : NamingPolicy.Default;

            string schemaName = name ?? type.Name;
            if (!SchemaNamePattern.IsMatch(schemaName))
            {
                context.Report(DiagnosticDescriptors.InvalidSchemaName, NameArgumentLocation(attribute, cancellationToken) ?? identifier, schemaName, type.Name);
            }

            context.GetOrAddObjectType(type, identifier, fullyQualifiedName: typeName);
            var types = new List<ObjectTypeSpec>();
            while (context.TryDequeue(out ParseContext.PendingType pending))
            {
                if (types.Count == MaxObjectTypes)
                {
                    context.Report(DiagnosticDescriptors.SchemaLimitExceeded, identifier, type.Name, "the number of distinct object types", "more than " + MaxObjectTypes, MaxObjectTypes);
                    break;
                }

                if (pending.Distance > MaxDiscoveryDistance)
                {
                    context.Report(DiagnosticDescriptors.SchemaLimitExceeded, identifier, type.Name, "the object nesting depth", "more than " + MaxDiscoveryDistance, Schema.SchemaLimits.MaxDepth);
                    break;
                }

                context.CurrentDistance = pending.Distance;
                types.Add(ObjectTypeParser.Parse(context, pending, isRoot: types.Count == 0, policy));
            }

            var spec = new StructuredTypeSpec(
                schemaName,
                string.IsNullOrEmpty(description) ? types[0].Description : description,
                policy,
                types.ToEquatableArray(),
                HasErrors: false);
            return Result(spec, context);
        }

        /// <summary>Checks that decide whether the root can be generated at all.</summary>
        private static bool CheckRoot(ParseContext context, INamedTypeSymbol type, TypeDeclarationSyntax syntax, LocationInfo? identifier)
        {
            bool ok = true;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.Report(DiagnosticDescriptors.TypeMustBePartial, identifier, type.Name, type.Name);
                ok = false;
            }

            for (SyntaxNode? parent = syntax.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.Report(DiagnosticDescriptors.TypeMustBePartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, type.Name);
                    ok = false;
                }
            }

            if (!ok)
            {
                return false;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    context.Report(DiagnosticDescriptors.GenericTypeNotSupported, identifier, current.Name);
                    return false;
                }
            }

            string? inaccessible = AccessibilityCheck.GetInaccessibleReason(context.Compilation, type);
            if (inaccessible is not null)
            {
                context.Report(DiagnosticDescriptors.InaccessibleType, identifier, type.Name, inaccessible);
                return false;
            }

            if (PolymorphismReader.IsPolymorphic(type))
            {
                context.Report(DiagnosticDescriptors.PolymorphicRoot, identifier, type.Name);
                return false;
            }

            foreach (string member in KnownNames.GeneratedMembers)
            {
                ISymbol? existing = type.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared);
                if (existing is not null)
                {
                    context.Report(DiagnosticDescriptors.GeneratedMemberConflict, LocationInfo.From(existing.Locations.FirstOrDefault()) ?? identifier, type.Name, member);
                    ok = false;
                }
            }

            if (!ok)
            {
                return false;
            }

            if (type.IsAbstract || type.IsStatic)
            {
                context.Report(DiagnosticDescriptors.NoUsableConstructor, identifier, type.Name, type.IsStatic ? "it is static" : "it is abstract");
                return false;
            }

            return true;
        }

        private static LocationInfo? NameArgumentLocation(AttributeData? attribute, CancellationToken cancellationToken)
        {
            if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax || syntax.ArgumentList is null)
            {
                return null;
            }

            AttributeArgumentSyntax? argument = syntax.ArgumentList.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Name");
            return argument is null ? null : LocationInfo.From(argument.Expression);
        }

        private static ParsedRoot Result(StructuredTypeSpec? spec, ParseContext context) =>
            new ParsedRoot(spec, context.Diagnostics.ToEquatableArray(), context.Locations.ToEquatableArray());
    }
}
