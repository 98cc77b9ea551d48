using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Parsing;

namespace StructGen.Generator.Tools
{
    /// <summary>
    /// The semantic transform of the tools pipeline (the only tools code that touches symbols): turns one
    /// <c>[Tool]</c> method into a <see cref="ParsedTool"/>: the tool, a synthetic arguments type (one
    /// property per parameter) with every type its parameters reach, the object types of its return
    /// value, and diagnostics. Never throws.
    /// </summary>
    internal static class ToolParser
    {
        public static ParsedTool Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var syntax = (MethodDeclarationSyntax)context.TargetNode;
            LocationInfo? identifier = LocationInfo.From(syntax.Identifier);
            try
            {
                if (context.TargetSymbol is not IMethodSymbol method || method.ContainingType is null)
                {
                    return new ParsedTool(null, null, EquatableArray<DiagnosticInfo>.Empty, EquatableArray<MemberLocation>.Empty, identifier);
                }

                return ParseMethod(context.SemanticModel.Compilation, method, syntax, context.Attributes.FirstOrDefault(), identifier, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new ParsedTool(
                    null,
                    null,
                    new[] { DiagnosticInfo.InternalError(identifier, syntax.Identifier.ValueText, ex) }.ToEquatableArray(),
                    EquatableArray<MemberLocation>.Empty,
                    identifier);
            }
        }

        private static ParsedTool ParseMethod(
            Compilation compilation,
            IMethodSymbol method,
            MethodDeclarationSyntax syntax,
            AttributeData? attribute,
            LocationInfo? identifier,
            CancellationToken cancellationToken)
        {
            var context = new ParseContext(compilation, cancellationToken);
            INamedTypeSymbol type = method.ContainingType;
            TypeDeclarationSpec declaration = DeclarationReader.Read(type, cancellationToken);

            if (!CheckGenerics(context, method, identifier))
            {
                return Result(declaration, null, context, identifier);
            }

            CheckClass(context, type, syntax, cancellationToken);

            string toolName = attribute?.GetNamedArgument("Name")?.Value as string ?? ToolNames.DefaultToolName(method.Name);
            if (!ToolNames.FunctionNamePattern.IsMatch(toolName))
            {
                context.Report(DiagnosticDescriptors.InvalidToolName, NamedArgumentLocation(attribute, "Name", cancellationToken) ?? identifier, toolName, method.Name);
            }

            string? description = attribute?.GetNamedArgument("Description")?.Value as string;
            if (string.IsNullOrEmpty(description))
            {
                description = DescriptionReader.ForType(method, cancellationToken);
            }

            bool strict = attribute?.GetNamedArgument("Strict")?.Value is true;
            string toolIdentifier = UniqueIdentifier(type, method, toolName);
            string argumentsTypeName = toolIdentifier + "Arguments";
            CheckMemberConflict(context, type, argumentsTypeName, identifier);

            string argumentsFullName = declaration.FullyQualifiedName + "." + argumentsTypeName;
            context.AddLocation(argumentsFullName, string.Empty, identifier);

            var properties = new List<PropertySpec>();
            var constructorParameters = new List<ConstructorParameterSpec>();
            var parameters = new List<ToolParameterSpec>();
            // Names the arguments class or its generated partial type already use ("State": the partial's
            // constructor takes a 'state' parameter) get a "Value" suffix.
            var reserved = new HashSet<string>(ToolNames.ArgumentsMembers, StringComparer.Ordinal) { argumentsTypeName, "Node", "State" };
            var usedNames = new HashSet<string>(reserved, StringComparer.Ordinal);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                LocationInfo? location = LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? identifier;
                string declared = parameter.Type.ToDisplayString(SymbolExtensions.FullyQualifiedWithNullability);
                string name = SymbolExtensions.EscapeIdentifier(parameter.Name);
                if (parameter.RefKind != RefKind.None)
                {
                    context.Report(DiagnosticDescriptors.ByReferenceToolParameter, location, parameter.Name, method.Name, RefKindText(parameter.RefKind));
                }

                if (parameter.Type.GetFullMetadataName() == ToolNames.CancellationToken)
                {
                    parameters.Add(new ToolParameterSpec(name, string.Empty, declared, IsCancellationToken: true, DefaultValue: null));
                    continue;
                }

                int before = context.Diagnostics.Count;
                TypeRefSpec? mapped = TypeRefMapper.Map(context, parameter.Type, new MemberSite(parameter.Name, method.Name, location));
                Reword(context, before, location, DiagnosticDescriptors.UnsupportedToolParameterType, parameter.Name, method.Name);
                if (mapped is null)
                {
                    continue;
                }

                string? fallback = parameter.IsOptional ? ToolDefaultValues.Render(parameter, declared) : null;
                if (fallback is not null && strict && !mapped.IsNullable)
                {
                    // Strict mode requires every property: an optional parameter becomes a nullable union, and null means "use the default".
                    mapped = mapped with { IsNullable = true };
                }

                string propertyName = ToolNames.PropertyName(parameter.Name);
                propertyName = SymbolExtensions.EscapeIdentifier(Unique(reserved.Contains(propertyName) ? propertyName + "Value" : propertyName, usedNames));
                string? parameterDescription = DescriptionReader.FromAttribute(parameter)
                    ?? DescriptionReader.FromXml(method, "param", parameter.Name, cancellationToken);
                if (mapped.Kind == TypeRefKind.Uri)
                {
                    parameterDescription = Descriptions.Append(parameterDescription, "A URI.");
                }

                // DataAnnotations on the parameter ([Range], [MinLength], [RegularExpression]…) as schema keywords.
                PropertyConstraints constraints = DataAnnotationsReader.Read(context, parameter, mapped, ref parameterDescription, new MemberSite(parameter.Name, method.Name, location));
                context.AddLocation(argumentsFullName, StreamingName(propertyName), location);
                properties.Add(new PropertySpec(
                    propertyName,
                    parameter.Name,
                    HasExplicitJsonName: false,
                    parameterDescription,
                    mapped,
                    constraints,
                    SetterKind.None,
                    IsRequired: false,
                    ConstructorParameterIndex: constructorParameters.Count));
                constructorParameters.Add(new ConstructorParameterSpec(name, propertyName, declared, fallback is not null, fallback));
                parameters.Add(new ToolParameterSpec(name, propertyName, declared, IsCancellationToken: false, fallback));
            }

            List<ObjectTypeSpec> reachable = ParseReachable(context, identifier, method.Name);

            var argumentsDeclaration = new TypeDeclarationSpec(
                declaration.Namespace,
                declaration.ContainingTypes.Concat(new[] { new ContainingTypeSpec(declaration.Keyword, declaration.Name, declaration.IsPartial) }).ToEquatableArray(),
                argumentsTypeName,
                argumentsFullName,
                "class",
                "public",
                IsPartial: false,
                IsAbstract: false,
                IsReadOnly: false,
                IsValueType: false,
                declaration.IsEffectivelyPublic);
            var construction = new ConstructionSpec(
                constructorParameters.Count == 0 ? ConstructionKind.ParameterlessConstructor : ConstructionKind.ParameterizedConstructor,
                constructorParameters.ToEquatableArray(),
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                SetsRequiredMembers: false);
            var arguments = new ObjectTypeSpec(
                toolIdentifier + "-arguments",
                argumentsDeclaration,
                description,
                NamingPolicy.Default,
                properties.ToEquatableArray(),
                construction,
                Polymorphism: null,
                IsRoot: true,
                UseDefinition: false);
            reachable.Insert(0, arguments);

            var resultContext = new ParseContext(compilation, cancellationToken);
            ToolReturnSpec? result = ParseReturn(resultContext, method, syntax, identifier);
            List<ObjectTypeSpec> resultTypes = ParseReachable(resultContext, identifier, method.Name);
            foreach (DiagnosticInfo diagnostic in resultContext.Diagnostics)
            {
                // Result types are only written, never constructed, and carry no schema keywords.
                if (diagnostic.Descriptor != DiagnosticDescriptors.NoUsableConstructor &&
                    diagnostic.Descriptor != DiagnosticDescriptors.ConstructorParameterWithoutProperty &&
                    diagnostic.Descriptor != DiagnosticDescriptors.IgnoredDataAnnotation)
                {
                    context.Diagnostics.Add(diagnostic);
                }
            }

            if (result is null)
            {
                return Result(declaration, null, context, identifier);
            }

            var tool = new ToolSpec(
                SymbolExtensions.EscapeIdentifier(method.Name),
                toolName,
                description,
                strict,
                method.IsStatic,
                toolIdentifier,
                parameters.ToEquatableArray(),
                result,
                new StructuredTypeSpec(toolName, description, NamingPolicy.Default, reachable.ToEquatableArray(), HasErrors: false),
                resultTypes.ToEquatableArray());
            return Result(declaration, tool, context, identifier);
        }

        private static ParsedTool Result(TypeDeclarationSpec? declaration, ToolSpec? tool, ParseContext context, LocationInfo? identifier) =>
            new ParsedTool(declaration, tool, context.Diagnostics.ToEquatableArray(), context.Locations.ToEquatableArray(), identifier);

        /// <summary>Parses every object type registered in <paramref name="context"/> (with the same guards as a structured-output root).</summary>
        private static List<ObjectTypeSpec> ParseReachable(ParseContext context, LocationInfo? identifier, string methodName)
        {
            var types = new List<ObjectTypeSpec>();
            while (context.TryDequeue(out ParseContext.PendingType pending))
            {
                if (types.Count == Parser.MaxObjectTypes)
                {
                    context.Report(DiagnosticDescriptors.SchemaLimitExceeded, identifier, methodName, "the number of distinct object types", "more than " + Parser.MaxObjectTypes, Parser.MaxObjectTypes);
                    break;
                }

                if (pending.Distance > Parser.MaxDiscoveryDistance)
                {
                    context.Report(DiagnosticDescriptors.SchemaLimitExceeded, identifier, methodName, "the object nesting depth", "more than " + Parser.MaxDiscoveryDistance, Schema.SchemaLimits.MaxDepth);
                    break;
                }

                context.CurrentDistance = pending.Distance;
                types.Add(ObjectTypeParser.Parse(context, pending, isRoot: false, NamingPolicy.Default));
            }

            return types;
        }

        private static ToolReturnSpec? ParseReturn(ParseContext context, IMethodSymbol method, MethodDeclarationSyntax syntax, LocationInfo? identifier)
        {
            LocationInfo? location = LocationInfo.From(syntax.ReturnType) ?? identifier;
            string display = method.ReturnType.ToMessageString();
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                context.Report(DiagnosticDescriptors.UnsupportedToolReturnType, location, method.Name, display, "ref returns are not supported; return the value");
                return null;
            }

            if (method.ReturnsVoid)
            {
                return new ToolReturnSpec(ToolReturnKind.Void, ToolAwaitKind.None, null);
            }

            ITypeSymbol type = method.ReturnType;
            ToolAwaitKind await = ToolAwaitKind.None;
            if (type is INamedTypeSymbol named)
            {
                switch (named.GetFullMetadataName())
                {
                    case "System.Threading.Tasks.Task":
                        return new ToolReturnSpec(ToolReturnKind.Void, ToolAwaitKind.Task, null);
                    case "System.Threading.Tasks.ValueTask":
                        return new ToolReturnSpec(ToolReturnKind.Void, ToolAwaitKind.ValueTask, null);
                    case "System.Threading.Tasks.Task`1":
                        await = ToolAwaitKind.Task;
                        type = named.TypeArguments[0];
                        break;
                    case "System.Threading.Tasks.ValueTask`1":
                        await = ToolAwaitKind.ValueTask;
                        type = named.TypeArguments[0];
                        break;
                }
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return new ToolReturnSpec(ToolReturnKind.String, await, null);
            }

            int before = context.Diagnostics.Count;
            TypeRefSpec? mapped = TypeRefMapper.Map(context, type, new MemberSite("return value", method.Name, location));
            for (int i = before; i < context.Diagnostics.Count; i++)
            {
                DiagnosticInfo diagnostic = context.Diagnostics[i];
                if (IsMappingError(diagnostic) && diagnostic.Location == location)
                {
                    context.Diagnostics[i] = DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedToolReturnType, location, method.Name, display, diagnostic.MessageArgs[3]);
                }
            }

            // Null: reported above, or an error type the compiler already reports.
            return mapped is null ? null : new ToolReturnSpec(ToolReturnKind.Json, await, mapped);
        }

        /// <summary>SGEN002/SGEN003 about a parameter itself become the tool diagnostic that names the parameter.</summary>
        private static void Reword(ParseContext context, int from, LocationInfo? location, DiagnosticDescriptor descriptor, string parameterName, string methodName)
        {
            for (int i = from; i < context.Diagnostics.Count; i++)
            {
                DiagnosticInfo diagnostic = context.Diagnostics[i];
                if (IsMappingError(diagnostic) && diagnostic.Location == location)
                {
                    context.Diagnostics[i] = DiagnosticInfo.Create(descriptor, location, parameterName, methodName, diagnostic.MessageArgs[2], diagnostic.MessageArgs[3]);
                }
            }
        }

        private static bool IsMappingError(DiagnosticInfo diagnostic) =>
            (diagnostic.Descriptor == DiagnosticDescriptors.UnsupportedMemberType || diagnostic.Descriptor == DiagnosticDescriptors.NotExpressibleInStrictMode) &&
            diagnostic.MessageArgs.Count >= 4;

        private static bool CheckGenerics(ParseContext context, IMethodSymbol method, LocationInfo? identifier)
        {
            if (method.IsGenericMethod)
            {
                context.Report(DiagnosticDescriptors.GenericTool, identifier, method.Name, method.Name);
                return false;
            }

            for (INamedTypeSymbol? current = method.ContainingType; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    context.Report(DiagnosticDescriptors.GenericTool, identifier, current.Name, method.Name);
                    return false;
                }
            }

            return true;
        }

        /// <summary>Class-level checks (repeated for each tool of the class; the duplicates are dropped when grouping).</summary>
        private static void CheckClass(ParseContext context, INamedTypeSymbol type, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
        {
            var classSyntax = syntax.Parent as TypeDeclarationSyntax;
            LocationInfo? classLocation = classSyntax is null ? LocationInfo.From(type.Locations.FirstOrDefault()) : LocationInfo.From(classSyntax.Identifier);
            if (type.TypeKind != TypeKind.Class || classSyntax is null || !classSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.Report(DiagnosticDescriptors.ToolClassMustBePartial, classLocation, type.Name, "a partial class", type.Name);
            }

            for (SyntaxNode? parent = classSyntax?.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.Report(DiagnosticDescriptors.ToolClassMustBePartial, LocationInfo.From(container.Identifier), container.Identifier.ValueText, "declared partial", type.Name);
                }
            }

            string? inaccessible = AccessibilityCheck.GetInaccessibleReason(context.Compilation, type);
            if (inaccessible is not null)
            {
                context.Report(DiagnosticDescriptors.InaccessibleType, classLocation, type.Name, inaccessible);
            }

            bool hasInstanceTools = type.GetMembers().OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.HasAttribute(ToolNames.ToolAttribute));
            foreach (string member in new[] { ToolNames.ToolsJson, ToolNames.ToolDefinitions, hasInstanceTools ? ToolNames.AsToolSet : ToolNames.CreateToolSet })
            {
                CheckMemberConflict(context, type, member, classLocation);
            }
        }

        private static void CheckMemberConflict(ParseContext context, INamedTypeSymbol type, string member, LocationInfo? fallback)
        {
            ISymbol? existing = type.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared);
            if (existing is not null)
            {
                context.Report(DiagnosticDescriptors.GeneratedMemberConflict, LocationInfo.From(existing.Locations.FirstOrDefault()) ?? fallback, type.Name, member);
            }
        }

        /// <summary>
        /// The identifier fragment of a tool (PascalCase of its name), unique among the tools of the class:
        /// later tools (in source order) whose fragment is taken get a number.
        /// </summary>
        private static string UniqueIdentifier(INamedTypeSymbol type, IMethodSymbol method, string toolName)
        {
            var tools = type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.HasAttribute(ToolNames.ToolAttribute))
                .Select(m => (Method: m, Location: m.Locations.FirstOrDefault()))
                .OrderBy(m => m.Location?.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(m => m.Location?.SourceSpan.Start ?? 0)
                .ToList();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (candidate, _) in tools)
            {
                string name = SymbolEqualityComparer.Default.Equals(candidate, method)
                    ? toolName
                    : candidate.FindAttribute(ToolNames.ToolAttribute)?.GetNamedArgument("Name")?.Value as string ?? ToolNames.DefaultToolName(candidate.Name);
                string fragment = Unique(ToolNames.Identifier(name), used);
                if (SymbolEqualityComparer.Default.Equals(candidate, method))
                {
                    return fragment;
                }
            }

            return ToolNames.Identifier(toolName);
        }

        private static string Unique(string name, HashSet<string> used)
        {
            string candidate = name;
            for (int i = 2; !used.Add(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static string StreamingName(string identifier) => identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

        private static string RefKindText(RefKind kind) => kind switch
        {
            RefKind.Ref => "ref",
            RefKind.Out => "out",
            RefKind.In => "in",
            _ => "ref readonly",
        };

        private static LocationInfo? NamedArgumentLocation(AttributeData? attribute, string name, CancellationToken cancellationToken)
        {
            if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax || syntax.ArgumentList is null)
            {
                return null;
            }

            AttributeArgumentSyntax? argument = syntax.ArgumentList.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            return argument is null ? null : LocationInfo.From(argument.Expression);
        }
    }
}
