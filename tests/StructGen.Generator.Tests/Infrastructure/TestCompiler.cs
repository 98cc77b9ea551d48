using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>Compiles test sources against the running framework's own assemblies plus the StructGen
    /// runtime (no reference-assembly packages needed).</summary>
    internal static class TestCompiler
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                    || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll")
                .ToList();
            paths.Add(typeof(global::StructGen.StructuredOutputAttribute).Assembly.Location);
            return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        });

        public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

        public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
            new CSharpParseOptions(version, DocumentationMode.Diagnose);

        /// <summary>Sources are named <c>/src/File0.cs</c>, <c>/src/File1.cs</c>, … in order.</summary>
        public static CSharpCompilation Create(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, NullableContextOptions nullable = NullableContextOptions.Enable)
        {
            CSharpParseOptions parseOptions = ParseOptions(version);
            var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: FilePath(i))).ToList();
            return CSharpCompilation.Create(
                "TestAssembly",
                trees,
                References,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: nullable,
                    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));
        }

        public static CSharpCompilation Create(params string[] sources) => Create((IEnumerable<string>)sources);

        public static string FilePath(int index) => "/src/File" + index + ".cs";
    }
}
