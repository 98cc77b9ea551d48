using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>Runs <see cref="StructGenGenerator"/> through <see cref="CSharpGeneratorDriver"/> with step
    /// tracking on.</summary>
    internal static class GeneratorHarness
    {
        public static GeneratorDriver CreateDriver(IDictionary<string, string>? globalOptions = null, LanguageVersion version = LanguageVersion.Latest) =>
            CSharpGeneratorDriver.Create(
                new[] { new StructGenGenerator().AsSourceGenerator() },
                parseOptions: TestCompiler.ParseOptions(version),
                optionsProvider: globalOptions is null ? null : new TestOptionsProvider(globalOptions),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null, IDictionary<string, string>? globalOptions = null)
        {
            driver ??= CreateDriver(globalOptions, ((CSharpParseOptions)compilation.SyntaxTrees.First().Options).LanguageVersion);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            return new GeneratorRun(driver, compilation, output, driver.GetRunResult());
        }

        public static GeneratorRun Run(params string[] sources) => Run(TestCompiler.Create(sources));
    }

    /// <summary>The outcome of one generator run.</summary>
    internal sealed class GeneratorRun
    {
        public GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, GeneratorDriverRunResult result)
        {
            Driver = driver;
            Input = input;
            Output = output;
            Result = result;
        }

        public GeneratorDriver Driver { get; }

        public Compilation Input { get; }

        public Compilation Output { get; }

        public GeneratorDriverRunResult Result { get; }

        public GeneratorRunResult GeneratorResult => Result.Results.Single();

        public ImmutableArray<Diagnostic> Diagnostics => GeneratorResult.Diagnostics;

        /// <summary>Generated sources by hint name.</summary>
        public IReadOnlyDictionary<string, string> Sources =>
            GeneratorResult.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        public string Source(string hintName) =>
            Sources.TryGetValue(hintName, out string? text)
                ? text
                : throw new Xunit.Sdk.XunitException("No generated source '" + hintName + "'. Generated: " + string.Join(", ", Sources.Keys) + Environment.NewLine + DescribeDiagnostics());

        /// <summary>The generator threw nothing and reported no internal error.</summary>
        public GeneratorRun AssertNoCrash()
        {
            Assert.Null(GeneratorResult.Exception);
            Assert.DoesNotContain(Diagnostics, d => d.Id == "SGEN999");
            Assert.DoesNotContain(Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
            return this;
        }

        /// <summary>No generator diagnostics (but the <paramref name="expectedIds"/>), and the output
        /// compilation (user code + generated code) has no warnings or errors.</summary>
        public GeneratorRun AssertClean(params string[] expectedIds)
        {
            AssertNoCrash();
            Assert.True(Diagnostics.All(d => expectedIds.Contains(d.Id)), "Generator diagnostics:" + Environment.NewLine + DescribeDiagnostics());
            var problems = CompilationProblems(Output).ToList();
            Assert.True(problems.Count == 0, "Compilation problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
            return this;
        }

        /// <summary>Errors anywhere, and warnings (including missing XML docs) in generated code; user code
        /// may omit XML docs.</summary>
        public static IEnumerable<Diagnostic> CompilationProblems(Compilation compilation) =>
            compilation.GetDiagnostics().Where(d =>
                d.Severity == DiagnosticSeverity.Error ||
                (d.Severity == DiagnosticSeverity.Warning && (d.Id != "CS1591" || IsGenerated(d))));

        public static IEnumerable<Diagnostic> GeneratedCodeProblems(Compilation compilation) =>
            compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && IsGenerated(d));

        private static bool IsGenerated(Diagnostic d) => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

        public string DescribeDiagnostics() => string.Join(Environment.NewLine, Diagnostics.Select(d => d.ToString()));

        /// <summary>Emits the output compilation, loads it into a collectible context, and reads a static
        /// string property or constant of <paramref name="typeName"/>.</summary>
        public string ReadStaticString(string typeName, string memberName)
        {
            using var stream = new MemoryStream();
            var emit = Output.Emit(stream);
            Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
            stream.Position = 0;
            var context = new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true);
            try
            {
                Assembly assembly = context.LoadFromStream(stream);
                Type type = assembly.GetType(typeName, throwOnError: true)!;
                const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
                object? value = type.GetProperty(memberName, flags)?.GetValue(null) ?? type.GetField(memberName, flags)?.GetValue(null);
                return Assert.IsType<string>(value);
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
