using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Emitting.Streaming;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;
using StructGen.Generator.Schema;

namespace StructGen.Generator.Tools
{
    /// <summary>
    /// The pure steps after parsing: per tool, the same resolution a structured-output root gets
    /// (naming policy, name collisions, <c>$defs</c>, recursion, and the service limits for strict
    /// tools); then, over every tool of the compilation, grouping per class (duplicate names,
    /// colliding argument types). Specs only, never throws.
    /// </summary>
    internal static class ToolResolver
    {
        public static ResolvedTool Resolve((ParsedTool Parsed, GeneratorDefaults Defaults) input, CancellationToken cancellationToken)
        {
            ParsedTool parsed = input.Parsed;
            if (parsed.Tool is not ToolSpec tool)
            {
                return new ResolvedTool(parsed.ClassDeclaration, null, parsed.Diagnostics, parsed.MethodLocation);
            }

            try
            {
                var locations = new LocationLookup(parsed.Locations);
                var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
                NamingPolicy policy = input.Defaults.EffectivePolicy;

                List<ObjectTypeSpec> types = tool.Arguments.Types
                    .Select(t => NameApplier.Apply(t, t.IsRoot || t.NamingPolicy == NamingPolicy.Default ? policy : t.NamingPolicy))
                    .ToList();
                NameCollisionChecker.Check(types, locations, diagnostics);
                types = DefinitionPlanner.Plan(types);
                RecursionChecker.Check(types, locations, diagnostics);

                // Anthropic's limits bind strict tools only (compiled into a grammar); a non-strict tool takes any JSON Schema.
                DialectChecker.Check(types, input.Defaults.Dialects, locations, diagnostics, checkAnthropic: tool.Strict);

                StructuredTypeSpec arguments = tool.Arguments with { NamingPolicy = policy, Types = types.ToEquatableArray() };
                if (tool.Strict && !parsed.Diagnostics.Any(d => d.IsError))
                {
                    SchemaLimits.Check(arguments, parsed.MethodLocation, diagnostics);
                }

                arguments = arguments with { HasErrors = diagnostics.Any(d => d.IsError) };
                EquatableArray<ObjectTypeSpec> resultTypes = tool.ResultTypes
                    .Select(t => NameApplier.Apply(t, t.NamingPolicy == NamingPolicy.Default ? policy : t.NamingPolicy))
                    .ToEquatableArray();
                return new ResolvedTool(
                    parsed.ClassDeclaration,
                    tool with { Arguments = arguments, ResultTypes = resultTypes },
                    diagnostics.ToEquatableArray(),
                    parsed.MethodLocation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiagnosticInfo failure = DiagnosticInfo.InternalError(parsed.MethodLocation, tool.MethodName, ex);
                return new ResolvedTool(parsed.ClassDeclaration, null, parsed.Diagnostics.Concat(new[] { failure }).ToEquatableArray(), parsed.MethodLocation);
            }
        }

        /// <summary>Groups the tools of the compilation per class (sorted by class name, tools in source order).</summary>
        public static ToolGroups Group(ImmutableArray<ResolvedTool> tools, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var seen = new HashSet<DiagnosticInfo>();
            try
            {
                foreach (ResolvedTool tool in tools)
                {
                    foreach (DiagnosticInfo diagnostic in tool.Diagnostics)
                    {
                        // Class-level problems are found once per tool of the class: report them once.
                        if (seen.Add(diagnostic))
                        {
                            diagnostics.Add(diagnostic);
                        }
                    }
                }

                var classes = new List<ToolClassSpec>();
                var partialNames = new Dictionary<string, (ToolSpec Tool, TypeDeclarationSpec Class)>(StringComparer.Ordinal);
                IEnumerable<IGrouping<string, ResolvedTool>> groups = tools
                    .Where(t => t.ClassDeclaration is not null)
                    .GroupBy(t => t.ClassDeclaration!.FullyQualifiedName)
                    .OrderBy(g => g.Key, StringComparer.Ordinal);
                foreach (IGrouping<string, ResolvedTool> group in groups)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    List<ResolvedTool> members = group
                        .OrderBy(t => t.MethodLocation?.FilePath ?? string.Empty, StringComparer.Ordinal)
                        .ThenBy(t => t.MethodLocation?.Span.Start ?? 0)
                        .ToList();
                    TypeDeclarationSpec declaration = members[0].ClassDeclaration!;
                    bool hasErrors = members.Any(t => t.Tool is null || t.Diagnostics.Any(d => d.IsError));

                    var names = new Dictionary<string, ToolSpec>(StringComparer.Ordinal);
                    foreach (ResolvedTool member in members)
                    {
                        if (member.Tool is not ToolSpec tool)
                        {
                            continue;
                        }

                        if (names.TryGetValue(tool.ToolName, out ToolSpec? first))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.DuplicateToolName,
                                member.MethodLocation,
                                StreamingShapes.Unescape(first.MethodName),
                                StreamingShapes.Unescape(tool.MethodName),
                                StreamingShapes.Unescape(declaration.Name),
                                tool.ToolName));
                            hasErrors = true;
                        }
                        else
                        {
                            names.Add(tool.ToolName, tool);
                        }
                    }

                    if (!hasErrors)
                    {
                        foreach (ResolvedTool member in members)
                        {
                            string partial = StreamingShapes.PartialTypeFullName(member.Tool!.Arguments.Root);
                            if (partialNames.TryGetValue(partial, out var other))
                            {
                                diagnostics.Add(DiagnosticInfo.Create(
                                    DiagnosticDescriptors.ToolArgumentsTypeCollision,
                                    member.MethodLocation,
                                    member.Tool.ToolName,
                                    StreamingShapes.Unescape(declaration.Name),
                                    other.Tool.ToolName,
                                    StreamingShapes.Unescape(other.Class.Name),
                                    partial.Replace("global::", string.Empty)));
                                hasErrors = true;
                            }
                        }

                        if (!hasErrors)
                        {
                            foreach (ResolvedTool member in members)
                            {
                                partialNames[StreamingShapes.PartialTypeFullName(member.Tool!.Arguments.Root)] = (member.Tool, declaration);
                            }
                        }
                    }

                    classes.Add(new ToolClassSpec(
                        declaration,
                        members.Where(t => t.Tool is not null).Select(t => t.Tool!).ToEquatableArray(),
                        hasErrors));
                }

                return new ToolGroups(classes.ToEquatableArray(), diagnostics.ToEquatableArray());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                diagnostics.Add(DiagnosticInfo.InternalError(null, "[Tool] methods", ex));
                return new ToolGroups(EquatableArray<ToolClassSpec>.Empty, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>The partial types of a class's argument types (and the types their parameters reach).</summary>
        public static ImmutableArray<PartialTypeModel> PartialTypes(ToolClassSpec spec, CancellationToken cancellationToken)
        {
            var models = ImmutableArray.CreateBuilder<PartialTypeModel>();
            if (spec.HasErrors)
            {
                return models.ToImmutable();
            }

            foreach (ToolSpec tool in spec.Tools)
            {
                models.AddRange(PartialTypeModel.FromSpec(tool.Arguments, cancellationToken));
            }

            return models.ToImmutable();
        }
    }
}
