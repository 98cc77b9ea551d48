using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StructGen.Generator;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// Runs StructGen's generator under the standard harness and compares its diagnostics with the expected
    /// ones: id, exact span (markup <c>{|#0:...|}</c>), severity and exact message, and no other diagnostic
    /// from the compiler or the generator. When a test expects an error, the harness also checks that
    /// nothing is generated (an erroneous type or tool class gets no members); otherwise the generated
    /// sources are compiled (any compiler diagnostic fails the test) and their text is left to the
    /// snapshot tests in StructGen.Generator.Tests.
    /// </summary>
    internal sealed class GeneratorDiagnosticTest : CSharpSourceGeneratorTest<StructGenGenerator, DefaultVerifier>
    {
        public const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.ComponentModel;\nusing System.Text.Json.Serialization;\nusing StructGen;\n";

        private readonly List<string> _msbuildProperties = new();

        public GeneratorDiagnosticTest(string source, params DiagnosticResult[] expected)
        {
            ReferenceAssemblies = HarnessReferences.None;
            HarnessReferences.Apply(TestState);
            TestState.Sources.Add(source);
            TestState.ExpectedDiagnostics.AddRange(expected);
            if (!expected.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            }
        }

        /// <summary>A test of <paramref name="body"/> placed in <c>namespace Demo</c> after <see cref="Usings"/>.</summary>
        public static GeneratorDiagnosticTest InDemo(string body, params DiagnosticResult[] expected) =>
            new(Usings + "namespace Demo\n{\n" + body + "\n}\n", expected);

        /// <summary>Sets an MSBuild property the generator reads (<c>build_property.&lt;name&gt;</c> in a global config).</summary>
        public GeneratorDiagnosticTest WithMSBuildProperty(string name, string value)
        {
            _msbuildProperties.Add("build_property." + name + " = " + value);
            TestState.AnalyzerConfigFiles.Clear();
            TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + string.Join("\n", _msbuildProperties) + "\n"));
            return this;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        /// <summary>An error from the generator, expected at markup location <paramref name="markup"/>.</summary>
        public static DiagnosticResult Error(string id, string message, int markup = 0) =>
            new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(markup).WithMessage(message);

        /// <summary>A warning from the generator, expected at markup location <paramref name="markup"/>.</summary>
        public static DiagnosticResult Warning(string id, string message, int markup = 0) =>
            new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);

        /// <summary>An info from the generator, expected at markup location <paramref name="markup"/>.</summary>
        public static DiagnosticResult Info(string id, string message, int markup = 0) =>
            new DiagnosticResult(id, DiagnosticSeverity.Info).WithLocation(markup).WithMessage(message);

        /// <summary>A warning about the project rather than a place in its source (e.g. an MSBuild property).</summary>
        public static DiagnosticResult ProjectWarning(string id, string message) =>
            new DiagnosticResult(id, DiagnosticSeverity.Warning).WithMessage(message);
    }
}
