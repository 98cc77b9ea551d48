using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// What the standard harness compiles test sources against: the running framework's own assemblies plus
    /// the StructGen runtime. The harness's packaged reference assemblies would be fetched from NuGet while
    /// the tests run; these need nothing beyond the build.
    /// </summary>
    internal static class HarnessReferences
    {
        /// <summary>No reference-assembly package: every reference comes from <see cref="Assemblies"/>.</summary>
        public static readonly ReferenceAssemblies None = new ReferenceAssemblies("net10.0");

        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAssemblies = new(() =>
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                    || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll")
                .ToList();
            paths.Add(typeof(global::StructGen.StructuredOutputAttribute).Assembly.Location);
            return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        });

        /// <summary>The framework's System.* assemblies and StructGen.dll.</summary>
        public static ImmutableArray<MetadataReference> Assemblies => LazyAssemblies.Value;

        /// <summary>Points <paramref name="state"/> at <see cref="Assemblies"/>.</summary>
        public static void Apply(SolutionState state) => state.AdditionalReferences.AddRange(Assemblies);
    }
}
