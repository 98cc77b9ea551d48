using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StructGen.Generator;
using Xunit;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// The SGEN001 code fix end to end on the standard harness: the generator reports SGEN001 at the marked
    /// spans, the fix turns the source into the expected one, the fixed source has no diagnostics left,
    /// and fix all (batch) reaches the same result in one pass.
    /// </summary>
    public class MakePartialCodeFixHarnessTests
    {
        /// <summary>No analyzer of ours: SGEN001 comes from the generator, which the harness runs too.</summary>
        private sealed class Test : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, MakePartialCodeFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = HarnessReferences.None;
                HarnessReferences.Apply(TestState);
                HarnessReferences.Apply(FixedState);
                HarnessReferences.Apply(BatchFixedState);
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            }

            protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(StructGenGenerator) };

            protected override ParseOptions CreateParseOptions() =>
                ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
        }

        private static DiagnosticResult Sgen001(int markup, string type, string annotated) =>
            new DiagnosticResult("SGEN001", DiagnosticSeverity.Error)
                .WithLocation(markup)
                .WithMessage($"'{type}' must be declared partial because StructGen adds generated members to '{annotated}'");

        [Fact]
        public async Task Makes_the_record_and_its_containing_class_partial()
        {
            var test = new Test
            {
                TestCode = """
                    using StructGen;
                    namespace Demo
                    {
                        public static class {|#0:Outer|}
                        {
                            [StructuredOutput]
                            public sealed record {|#1:Book|}(string Title);
                        }
                    }
                    """,
                FixedCode = """
                    using StructGen;
                    namespace Demo
                    {
                        public static partial class Outer
                        {
                            [StructuredOutput]
                            public sealed partial record Book(string Title);
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Sgen001(0, "Outer", "Book"));
            test.ExpectedDiagnostics.Add(Sgen001(1, "Book", "Book"));
            // Either diagnostic's fix makes the whole chain partial, so one pass clears both.
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            await test.RunAsync();
        }

        [Fact]
        public async Task Fix_all_makes_every_annotated_type_partial_and_keeps_trivia()
        {
            var test = new Test
            {
                TestCode = """
                    using StructGen;
                    namespace Demo
                    {
                        /// <summary>A book.</summary>
                        [StructuredOutput]
                        record {|#0:Book|}(string Title);

                        [StructuredOutput]
                        public record {|#1:Author|}(string Name);
                    }
                    """,
                FixedCode = """
                    using StructGen;
                    namespace Demo
                    {
                        /// <summary>A book.</summary>
                        [StructuredOutput]
                        partial record Book(string Title);

                        [StructuredOutput]
                        public partial record Author(string Name);
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Sgen001(0, "Book", "Book"));
            test.ExpectedDiagnostics.Add(Sgen001(1, "Author", "Author"));
            await test.RunAsync();
        }
    }
}
