using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W4: the generator. 10/100/1,000 <c>[StructuredOutput]</c> types (10 members each: strings,
    /// ints, an enum, a list of strings, a list of nested records, a nested record, bool, double), one
    /// file each, in one compilation. Cold: a new driver over a fresh compilation (the same parsed
    /// trees, the framework references already loaded). Edit: an unrelated method body changes and a
    /// warm driver runs again.
    /// </summary>
    [MemoryDiagnoser]
    [WarmupCount(1)]
    [IterationCount(3)]
    [InvocationCount(1, 1)] // One generator run per iteration: the 1,000-type runs take seconds.
    [EvaluateOverhead(false)]
    public class W4Generator
    {
        private W4State _state = null!;

        [Params(10, 100, 1_000)]
        public int Types { get; set; }

        [GlobalSetup]
        public void Setup() => _state = W4State.Get(Types);

        /// <summary>Ours, cold: a new driver on a fresh compilation.</summary>
        [Benchmark]
        public GeneratorDriver StructGen_Cold() => _state.Cold(_state.Ours);

        /// <summary>The System.Text.Json source generator (from the SDK's ref pack), <c>[JsonSerializable]</c> for the same root types, cold.</summary>
        [Benchmark(Baseline = true)]
        public GeneratorDriver Stj_Cold() => _state.Cold(_state.Stj);

        /// <summary>
        /// The floor of any attribute-driven generator: <c>ForAttributeWithMetadataName</c> on the same
        /// attribute with a transform that only walks the type's properties, and no output. What Roslyn
        /// itself costs (finding the types, binding them) before a generator does any work.
        /// </summary>
        [Benchmark]
        public GeneratorDriver Floor_Cold() => _state.Cold(_state.Floor);

        /// <summary>Ours, warm driver, after an edit of a method body in a file without annotated types.</summary>
        [Benchmark]
        public GeneratorDriver StructGen_UnrelatedEdit() => _state.OursWarm.RunGenerators(_state.Edited());

        /// <summary>The System.Text.Json generator, warm driver, same edit.</summary>
        [Benchmark]
        public GeneratorDriver Stj_UnrelatedEdit() => _state.StjWarm.RunGenerators(_state.Edited());

        /// <summary>The floor generator, warm driver, same edit.</summary>
        [Benchmark]
        public GeneratorDriver Floor_UnrelatedEdit() => _state.FloorWarm.RunGenerators(_state.Edited());
    }

    /// <summary>
    /// The least an attribute-driven incremental generator can do: find the <c>[StructuredOutput]</c>
    /// types with <c>ForAttributeWithMetadataName</c> and read their properties' types (the binding any
    /// schema generator needs). Roslyn re-runs such a transform for every annotated type whenever the
    /// compilation changes, so this is also the floor of an unrelated edit.
    /// </summary>
    public sealed class FloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var types = context.SyntaxProvider.ForAttributeWithMetadataName(
                "StructGen.StructuredOutputAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, _) =>
                {
                    var type = (INamedTypeSymbol)ctx.TargetSymbol;
                    var sb = new StringBuilder(type.Name);
                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol property) sb.Append(',').Append(property.Name).Append(':').Append(property.Type.ToDisplayString());
                    }

                    return sb.ToString();
                });
            context.RegisterSourceOutput(types, static (_, _) => { });
        }
    }

    /// <summary>
    /// W4's inputs for one size, built once per process (every benchmark case of that size shares
    /// them): parsed trees, a reference-bound empty compilation, and warm drivers.
    /// </summary>
    public sealed class W4State
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, W4State> Cache = new System.Collections.Concurrent.ConcurrentDictionary<int, W4State>();

        private readonly CSharpCompilation _empty;
        private readonly SyntaxTree[] _trees;
        private readonly SyntaxTree _unrelated;
        private readonly SyntaxTree _unrelatedEdited;

        private W4State(int types)
        {
            Ours = GeneratorWorkload.LoadStructGenGenerator();
            Stj = GeneratorWorkload.LoadStjGenerator();
            Floor = new FloorGenerator().AsSourceGenerator();
            _trees = GeneratorWorkload.Sources(types).Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)).ToArray();
            _unrelated = _trees.Single(t => t.FilePath.EndsWith("Unrelated.cs", StringComparison.Ordinal));
            _unrelatedEdited = CSharpSyntaxTree.ParseText(
                _unrelated.GetText().ToString().Replace("return a + b;", "return a + b + 1;", StringComparison.Ordinal), ParseOptions, path: _unrelated.FilePath);
            _empty = CSharpCompilation.Create(
                "GeneratorBench",
                Array.Empty<SyntaxTree>(),
                GeneratorWorkload.References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            _ = _empty.GetTypeByMetadataName("System.Object"); // Bind the references once: every run shares them, as in a build server or IDE.
            Compilation = _empty.AddSyntaxTrees(_trees);
            OursWarm = Check("StructGen", Driver(Ours).RunGenerators(Compilation), types);
            StjWarm = Check("System.Text.Json", Driver(Stj).RunGenerators(Compilation), 1);
            FloorWarm = Driver(Floor).RunGenerators(Compilation);
            if (types <= 10) GeneratorWorkload.AssertCompiles(Compilation, Ours, Stj, ParseOptions);
        }

        public static W4State Get(int types) => Cache.GetOrAdd(types, static n => new W4State(n));

        public ISourceGenerator Ours { get; }

        public ISourceGenerator Stj { get; }

        public ISourceGenerator Floor { get; }

        public GeneratorDriver FloorWarm { get; }

        public CSharpCompilation Compilation { get; }

        public GeneratorDriver OursWarm { get; }

        public GeneratorDriver StjWarm { get; }

        public static GeneratorDriver Driver(ISourceGenerator generator, bool track = false) =>
            CSharpGeneratorDriver.Create(new[] { generator }, parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

        /// <summary>A new driver over a fresh compilation of the same trees (new semantic state, shared reference symbols).</summary>
        public GeneratorDriver Cold(ISourceGenerator generator) => Driver(generator).RunGenerators(_empty.AddSyntaxTrees(_trees));

        /// <summary>The warm compilation with one method body changed in a file without annotated types (a new compilation each call).</summary>
        public CSharpCompilation Edited() => Compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited);

        private static GeneratorDriver Check(string name, GeneratorDriver driver, int minimumFiles)
        {
            var result = driver.GetRunResult().Results.Single();
            if (result.Exception is not null) throw new InvalidOperationException(name + " generator threw.", result.Exception);
            var errors = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (errors.Count > 0) throw new InvalidOperationException(name + " generator reported: " + string.Join("; ", errors.Take(5)));
            if (result.GeneratedSources.Length < minimumFiles) throw new InvalidOperationException(name + " generated only " + result.GeneratedSources.Length + " files.");
            Console.WriteLine("// " + name + ": " + result.GeneratedSources.Length + " files, " + result.GeneratedSources.Sum(s => (long)s.SourceText.Length) + " chars");
            return driver;
        }

        /// <summary>
        /// <c>--w4-steps N</c>: runs our generator with step tracking, makes the unrelated edit, and prints
        /// how each named step's outputs were produced (Cached/Unchanged/Modified/New) and how long it took.
        /// </summary>
        public static int PrintSteps(int types)
        {
            var state = Get(types);
            foreach (var (name, generator) in new[] { ("StructGen", state.Ours), ("System.Text.Json", state.Stj), ("Floor (FAWMN + property walk)", state.Floor) })
            {
                var warm = Driver(generator, track: true).RunGenerators(state.Compilation);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var edited = warm.RunGenerators(state.Edited());
                watch.Stop();
                Console.WriteLine(name + ": unrelated edit took " + watch.Elapsed.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " ms");
                foreach (var step in edited.GetRunResult().Results.Single().TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    var reasons = step.Value.SelectMany(r => r.Outputs).GroupBy(o => o.Reason).Select(g => g.Key + "=" + g.Count());
                    var elapsed = step.Value.Aggregate(TimeSpan.Zero, (t, r) => t + r.ElapsedTime);
                    Console.WriteLine("  " + step.Key + ": " + string.Join(", ", reasons) + " (" + elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms)");
                }
            }

            return 0;
        }
    }

    /// <summary>Sources, references and the SDK's System.Text.Json generator for W4.</summary>
    public static class GeneratorWorkload
    {
        public static IReadOnlyList<(string Path, string Text)> Sources(int types)
        {
            var list = new List<(string, string)>();
            for (int i = 0; i < types; i++) list.Add(("Models/Model" + i + ".cs", Model(i)));

            var context = new StringBuilder();
            context.AppendLine("using System.Text.Json.Serialization;");
            context.AppendLine("namespace Bench.Models");
            context.AppendLine("{");
            context.AppendLine("    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]");
            for (int i = 0; i < types; i++) context.AppendLine("    [JsonSerializable(typeof(Model" + i + "))]");
            context.AppendLine("    internal partial class BenchJsonContext : JsonSerializerContext");
            context.AppendLine("    {");
            context.AppendLine("    }");
            context.AppendLine("}");
            list.Add(("BenchJsonContext.cs", context.ToString()));

            list.Add(("Unrelated.cs", """
                namespace Bench.Other
                {
                    public static class Calculator
                    {
                        public static int Add(int a, int b)
                        {
                            return a + b;
                        }
                    }
                }
                """));
            return list;
        }

        private static string Model(int i) => $$"""
            using System.Collections.Generic;
            using System.ComponentModel;
            using StructGen;

            namespace Bench.Models
            {
                public enum Status{{i}}
                {
                    Draft,
                    Active,
                    Archived,
                }

                public partial record Address{{i}}(
                    [property: Description("Street and number")] string Street,
                    string City,
                    int PostalCode);

                [StructuredOutput(Description = "Model number {{i}}")]
                public partial record Model{{i}}(
                    [property: Description("The display name")] string Name,
                    string Title,
                    int Count,
                    long Total,
                    [property: Description("Lifecycle state")] Status{{i}} Status,
                    IReadOnlyList<string> Tags,
                    IReadOnlyList<Address{{i}}> Addresses,
                    Address{{i}} Home,
                    bool Active,
                    double Score);
            }
            """;

        /// <summary>The running framework's assemblies (from the trusted platform assemblies) and the StructGen runtime.</summary>
        public static IReadOnlyList<MetadataReference> References()
        {
            string runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
            var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var framework = tpa.Where(p => Path.GetFullPath(p).StartsWith(Path.GetFullPath(runtimeDir), StringComparison.Ordinal));
            return framework
                .Append(typeof(StructuredOutputAttribute).Assembly.Location)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
        }

        /// <summary>Loads our generator from the copy the build put beside the benchmarks (the same dll the build ran).</summary>
        public static ISourceGenerator LoadStructGenGenerator()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "analyzers", "StructGen.Generator.dll");
            if (!File.Exists(path)) throw new FileNotFoundException("Build the benchmarks first: the build copies the generator to " + path);
            return new AnalyzerFileReference(path, new Loader()).GetGenerators(LanguageNames.CSharp).Single();
        }

        /// <summary>
        /// Loads <c>System.Text.Json.SourceGeneration.dll</c> from the SDK's <c>Microsoft.NETCore.App.Ref</c>
        /// pack matching the running runtime (or the newest one), the same generator a build uses.
        /// </summary>
        public static ISourceGenerator LoadStjGenerator()
        {
            string packs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar)))!)!, "packs", "Microsoft.NETCore.App.Ref");
            var candidates = Directory.Exists(packs)
                ? Directory.GetFiles(packs, "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories)
                    .Where(p => !p.Contains(Path.DirectorySeparatorChar + "vb" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    .OrderByDescending(p => p.Contains(Environment.Version.ToString(3), StringComparison.Ordinal))
                    .ThenByDescending(p => p, StringComparer.Ordinal)
                    .ToList()
                : new List<string>();
            if (candidates.Count == 0) throw new FileNotFoundException("System.Text.Json.SourceGeneration.dll not found under " + packs);
            var reference = new AnalyzerFileReference(candidates[0], new Loader());
            var generators = reference.GetGenerators(LanguageNames.CSharp);
            if (generators.IsDefaultOrEmpty) throw new InvalidOperationException("No generator in " + candidates[0]);
            Console.WriteLine("// System.Text.Json generator: " + candidates[0]);
            return generators.Single();
        }

        /// <summary>For N ≤ 10, both generators' output must compile without errors (a sanity check of the workload).</summary>
        public static void AssertCompiles(CSharpCompilation compilation, ISourceGenerator ours, ISourceGenerator stj, CSharpParseOptions parseOptions)
        {
            CSharpGeneratorDriver.Create(new[] { ours, stj }, parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException("Generated code does not compile: " + string.Join(Environment.NewLine, errors.Take(10)));
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
