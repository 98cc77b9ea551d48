using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StructGen.Generator;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// Runs StructGen's generator under the standard harness and compares its diagnostics with the expected
    /// ones: id, exact span (markup <c>{|#0:...|}</c>), severity and exact message. Generated sources are
    /// checked by the snapshot tests in StructGen.Generator.Tests, so this test does not repeat them.
    /// </summary>
    internal sealed class GeneratorDiagnosticTest : CSharpSourceGeneratorTest<StructGenGenerator, DefaultVerifier>
    {
        public const string Usings = "using System;\nusing System.Collections.Generic;\nusing StructGen;\n";

        public GeneratorDiagnosticTest(string source, params DiagnosticResult[] expected)
        {
            ReferenceAssemblies = HarnessReferences.None;
            HarnessReferences.Apply(TestState);
            TestState.Sources.Add(source);
            TestState.ExpectedDiagnostics.AddRange(expected);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
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
    }
}
