using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// <c>--w4-profile N [runs] [baseline.dll]</c>: the W4 unrelated edit (<see cref="W4UnrelatedEdit"/>) at N types,
    /// repeated <c>runs</c> times per generator in rotating order (so a busy machine disturbs all of them alike),
    /// in one process. Prints each generator's median edit, its cost over the do-nothing generator, and the part
    /// of it spent in our transform (the <c>StructGen.StructuredOutputTypes</c> step's elapsed time, from a
    /// separate driver with step tracking), bytes allocated and the mean GC pause per edit (a collection runs during
    /// whichever edit crosses the allocation budget, so pauses fall on the cases in proportion to what they allocate,
    /// not exactly to each case's own garbage; so the median edit without its GC pauses is printed too). With a second generator dll (e.g. a copy of the generator before a
    /// change), both run side by side, so a before/after ratio comes from the same minutes of the same machine.
    /// <c>--w4-profile N runs ours</c> (or <c>floor</c>, or <c>reads</c> for the schema-reads probe) loops that generator's edit only (to run under <c>dotnet-trace</c>).
    /// </summary>
    public static class W4Profile
    {
        public const string Switch = "--w4-profile";

        public static int Run(string[] args)
        {
            int types = int.Parse(args[1], CultureInfo.InvariantCulture);
            int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
            string? extra = args.Length > 3 ? args[3] : null;
            var state = W4State.Get(types);

            if (extra is "ours" or "floor" or "reads")
            {
                // For a sampling profiler: nothing but one generator's warm edit, over and over.
                var warm = extra switch
                {
                    "ours" => state.OursWarm,
                    "floor" => state.FloorWarm,
                    _ => W4State.Driver(new SchemaReadsGenerator().AsSourceGenerator()).RunGenerators(state.Compilation),
                };
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < runs; i++) warm.RunGenerators(state.Edited());
                Console.WriteLine(extra + ": " + Ms(watch.Elapsed.TotalMilliseconds / runs) + " ms per edit (mean of " + runs + ")");
                return 0;
            }

            var cases = new List<(string Name, GeneratorDriver Warm, GeneratorDriver Tracked, List<double> Times, List<double> Transform, List<double> Bytes, List<double> Gcs, List<double> Pauses, List<double> Unpaused)>();
            void Add(string name, ISourceGenerator generator) => cases.Add((
                name,
                W4State.Driver(generator).RunGenerators(state.Compilation),
                W4State.Driver(generator, track: true).RunGenerators(state.Compilation),
                new List<double>(),
                new List<double>(),
                new List<double>(),
                new List<double>(),
                new List<double>(),
                new List<double>()));
            Add("do-nothing", new DoNothingGenerator().AsSourceGenerator());
            Add("floor", state.Floor);
            Add("schema reads", new SchemaReadsGenerator().AsSourceGenerator());
            Add("StructGen", state.Ours);
            if (extra is not null) Add("StructGen (" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(extra))) + ")", LoadIsolated(extra));

            for (int warmup = 0; warmup < 3; warmup++)
            {
                foreach (var c in cases) c.Warm.RunGenerators(state.Edited());
            }

            for (int r = 0; r < runs; r++)
            {
                for (int k = 0; k < cases.Count; k++)
                {
                    var c = cases[(k + r) % cases.Count];
                    var edited = state.Edited();
                    long bytes = GC.GetAllocatedBytesForCurrentThread();
                    int gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
                    int gen2 = GC.CollectionCount(2);
                    TimeSpan paused = GC.GetTotalPauseDuration();
                    var watch = Stopwatch.StartNew();
                    c.Warm.RunGenerators(edited);
                    c.Times.Add(watch.Elapsed.TotalMilliseconds);
                    c.Pauses.Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                    c.Unpaused.Add(c.Times[c.Times.Count - 1] - c.Pauses[c.Pauses.Count - 1]);
                    c.Bytes.Add(GC.GetAllocatedBytesForCurrentThread() - bytes);
                    c.Gcs.Add(GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcs + 1000 * (GC.CollectionCount(2) - gen2));

                    var tracked = c.Tracked.RunGenerators(state.Edited()).GetRunResult().Results.Single();
                    if (tracked.TrackedSteps.TryGetValue(TrackingNamesStructuredOutputTypes, out var steps))
                    {
                        c.Transform.Add(steps.Sum(s => s.ElapsedTime.TotalMilliseconds));
                    }
                }
            }

            double nothing = Median(cases[0].Times);
            double floor = Median(cases[1].Times) - nothing;
            Console.WriteLine("W4 unrelated edit, " + types + " types, " + runs + " runs each (medians, ms):");
            Console.WriteLine("  case                    edit   over do-nothing   ÷ floor   transform step   MB/edit   GCs/edit (gen2)   GC pause ms/edit (mean)   edit without GC pauses (over do-nothing)");
            foreach (var c in cases)
            {
                double median = Median(c.Times);
                double over = median - nothing;
                Console.WriteLine("  " + c.Name.PadRight(22) + Ms(median).PadLeft(8) + Ms(over).PadLeft(18) +
                    (floor > 0 ? (over / floor).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-").PadLeft(10) +
                    (c.Transform.Count > 0 ? Ms(Median(c.Transform)) : "-").PadLeft(17) +
                    (Median(c.Bytes) / 1e6).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(10) +
                    (c.Gcs.Average(g => g % 1000).ToString("0.0", CultureInfo.InvariantCulture) + " (" + c.Gcs.Average(g => Math.Floor(g / 1000)).ToString("0.0", CultureInfo.InvariantCulture) + ")").PadLeft(18) +
                    Ms(c.Pauses.Average()).PadLeft(26) +
                    Ms(Median(c.Unpaused) - Median(cases[0].Unpaused)).PadLeft(42));
            }

            if (cases.Count == 5)
            {
                double after = Median(cases[3].Times) - nothing;
                double before = Median(cases[4].Times) - nothing;
                Console.WriteLine("  StructGen over do-nothing, this build ÷ " + cases[4].Name + ": " + (after / before).ToString("0.00", CultureInfo.InvariantCulture) + "x");
                double afterUnpaused = Median(cases[3].Unpaused) - Median(cases[0].Unpaused);
                double beforeUnpaused = Median(cases[4].Unpaused) - Median(cases[0].Unpaused);
                Console.WriteLine("  the same without GC pauses (which fall on whichever case crosses the budget): " + (afterUnpaused / beforeUnpaused).ToString("0.00", CultureInfo.InvariantCulture) + "x");
            }

            return 0;
        }

        private const string TrackingNamesStructuredOutputTypes = "StructGen.StructuredOutputTypes";

        private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        /// <summary>A second copy of the generator (same assembly name) in a load context of its own; Roslyn comes from the default context.</summary>
        private static ISourceGenerator LoadIsolated(string path) =>
            new AnalyzerFileReference(Path.GetFullPath(path), new IsolatedLoader()).GetGenerators(LanguageNames.CSharp).Single();

        private sealed class IsolatedLoader : IAnalyzerAssemblyLoader
        {
            private readonly AssemblyLoadContext _context = new AssemblyLoadContext("w4-baseline");

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);
        }
    }

    /// <summary>
    /// The symbol reads our schema needs and the floor does not make, with no model and no output: the floor's
    /// walk plus, for every reachable object type, its members, property attributes, constructors and their
    /// parameters' attributes and all interfaces, and for every enum its members' constant values and attributes.
    /// The least any generator that builds our schema from symbols pays per edit (probe only, not a benchmark case).
    /// </summary>
    public sealed class SchemaReadsGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var types = context.SyntaxProvider.ForAttributeWithMetadataName(
                "StructGen.StructuredOutputAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, _) =>
                {
                    int hash = 0;
                    var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
                    var pending = new Queue<INamedTypeSymbol>();
                    pending.Enqueue((INamedTypeSymbol)ctx.TargetSymbol);
                    while (pending.Count > 0)
                    {
                        var type = pending.Dequeue();
                        if (!seen.Add(type)) continue;
                        hash += type.AllInterfaces.Length + type.GetAttributes().Length;
                        foreach (var constructor in type.InstanceConstructors)
                        {
                            foreach (var parameter in constructor.Parameters) hash += parameter.GetAttributes().Length;
                        }

                        foreach (var member in type.GetMembers())
                        {
                            if (member is not IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property) continue;
                            hash += property.GetAttributes().Length;
                            var propertyType = property.Type;
                            while (true)
                            {
                                if (propertyType is IArrayTypeSymbol array) propertyType = array.ElementType;
                                else if (propertyType is INamedTypeSymbol { IsGenericType: true } generic && generic.ContainingNamespace.ToDisplayString().StartsWith("System", StringComparison.Ordinal)) propertyType = generic.TypeArguments[0];
                                else break;
                            }

                            if (propertyType is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType && seen.Add(enumType))
                            {
                                foreach (var field in enumType.GetMembers().OfType<IFieldSymbol>())
                                {
                                    if (field.HasConstantValue) hash += field.GetAttributes().Length;
                                }
                            }
                            else if (propertyType is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && named.Locations.Any(l => l.IsInSource))
                            {
                                pending.Enqueue(named);
                            }
                        }
                    }

                    return hash;
                });
            context.RegisterSourceOutput(types, static (_, _) => { });
        }
    }
}
