using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Emitting;
using StructGen.Generator.Emitting.Streaming;
using StructGen.Generator.Model;
using StructGen.Generator.Parsing;
using StructGen.Generator.Resolution;
using StructGen.Generator.Tools;

namespace StructGen.Generator
{
    /// <summary>
    /// Wires the pipeline only: <c>[StructuredOutput]</c> types → <see cref="Parser"/> → (with the
    /// compilation-wide defaults) <see cref="SpecResolver"/> → specs for the emitters, diagnostics on
    /// their own channel; <c>[Tool]</c> methods → <see cref="ToolParser"/> → <see cref="ToolResolver"/>
    /// → one tools file per class, their argument types sharing the partial-type output.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class StructGenGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValueProvider<BuildPropertyDefaults> buildDefaults = context.AnalyzerConfigOptionsProvider
                .Select(DefaultsReader.FromOptions)
                .WithTrackingName(TrackingNames.BuildPropertyDefaults);

            IncrementalValueProvider<DialectTargetsSetting> dialectTargets = context.AnalyzerConfigOptionsProvider
                .Select(DialectTargetsReader.FromOptions)
                .WithTrackingName(TrackingNames.DialectTargets);

            IncrementalValueProvider<GeneratorDefaults> defaults = context.CompilationProvider
                .Select(DefaultsReader.FromCompilation)
                .WithTrackingName(TrackingNames.AssemblyDefaults)
                .Combine(buildDefaults)
                .Combine(dialectTargets)
                .Select(static (pair, _) => new GeneratorDefaults(pair.Left.Left, pair.Left.Right.Policy, pair.Right.Targets))
                .WithTrackingName(TrackingNames.Defaults);

            IncrementalValuesProvider<ResolvedRoot> resolved = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.StructuredOutputAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    Parser.Parse)
                .WithTrackingName(TrackingNames.StructuredOutputTypes)
                .Combine(defaults)
                .Select(SpecResolver.Resolve)
                .WithTrackingName(TrackingNames.Resolved);

            IncrementalValuesProvider<StructuredTypeSpec> specs = resolved
                .Select(static (r, _) => r.Spec)
                .Where(static s => s is not null)
                .Select(static (s, _) => s!)
                .WithTrackingName(TrackingNames.Specs);

            IncrementalValuesProvider<DiagnosticInfo> diagnostics = resolved
                .SelectMany(static (r, _) => r.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);

            // Diagnostics are re-anchored in the current compilation's trees so #pragma and squiggles work.
            context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
                spc.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

            context.RegisterSourceOutput(buildDefaults, static (spc, value) =>
            {
                if (value.InvalidValue is not null)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidNamingPolicyProperty, Location.None, value.InvalidValue, DefaultsReader.ValidValues));
                }
            });

            context.RegisterSourceOutput(dialectTargets, static (spc, value) =>
            {
                if (value.InvalidEntries is not null)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidSchemaDialectsProperty, Location.None, value.InvalidEntries, DialectTargetsReader.ValidValues));
                }
            });

            context.RegisterSourceOutput(specs, SchemaEmitter.Emit);
            context.RegisterSourceOutput(specs, StructuredOutputEmitter.Emit);

            // [Tool] methods → ToolParser → (with the defaults) ToolResolver → grouped per class.
            IncrementalValuesProvider<ResolvedTool> tools = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ToolNames.ToolAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    ToolParser.Parse)
                .WithTrackingName(TrackingNames.ToolMethods)
                .Combine(defaults)
                .Select(ToolResolver.Resolve)
                .WithTrackingName(TrackingNames.ResolvedTools);

            IncrementalValueProvider<ToolGroups> toolGroups = tools
                .Collect()
                .Select(ToolResolver.Group)
                .WithTrackingName(TrackingNames.ToolGroups);

            IncrementalValuesProvider<ToolClassSpec> toolClasses = toolGroups
                .SelectMany(static (g, _) => g.Classes)
                .WithTrackingName(TrackingNames.ToolClasses);

            IncrementalValuesProvider<DiagnosticInfo> toolDiagnostics = toolGroups
                .SelectMany(static (g, _) => g.Diagnostics)
                .WithTrackingName(TrackingNames.ToolDiagnostics);

            context.RegisterSourceOutput(toolDiagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
                spc.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
            context.RegisterSourceOutput(toolClasses, ToolsEmitter.Emit);

            IncrementalValuesProvider<PartialTypeModel> toolPartialTypes = toolClasses
                .SelectMany(ToolResolver.PartialTypes)
                .WithTrackingName(TrackingNames.ToolPartialTypes);

            // One partial type per C# type, however many roots (and tools) reach it: split each root's spec
            // into self-contained per-type models, then keep the first model of each type.
            IncrementalValuesProvider<PartialTypeModel> partialTypes = specs
                .Where(static s => !s.HasErrors)
                .SelectMany(PartialTypeModel.FromSpec)
                .WithTrackingName(TrackingNames.PartialTypes)
                .Collect()
                .Combine(toolPartialTypes.Collect())
                .SelectMany(static (pair, ct) => PartialTypeModel.Distinct(pair.Left.AddRange(pair.Right), ct))
                .WithTrackingName(TrackingNames.DistinctPartialTypes);
            context.RegisterSourceOutput(partialTypes, PartialTypeEmitter.Emit);
        }
    }
}
