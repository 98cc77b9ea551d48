using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>
    /// What diagnostics do to generation (fallbacks, what is still emitted, suppression, internal errors)
    /// and the descriptors themselves. Each diagnostic's exact span and message are checked on the standard
    /// harness: tests/StructGen.CodeFixes.Tests/Harness (every SGEN id has a test there).
    /// </summary>
    public class DiagnosticsTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body, IDictionary<string, string>? options = null)
        {
            var source = new MarkedSource(body);
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source.Text), globalOptions: options).AssertNoCrash();
            return (run, source);
        }

        [Fact]
        public void SGEN013_an_unknown_naming_policy_falls_back_to_snake_case()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Book(string Title);", new Dictionary<string, string> { ["build_property.StructGenNamingPolicy"] = "Pascal" });
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(("SGEN013", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
            Assert.Contains("\"title\"", run.Source("Demo.Book.Schema.g.cs"));
        }

        /// <summary>SGEN024 is reported for the dialects the project declares only (StructGenSchemaDialects).</summary>
        private static Dictionary<string, string> Targets(string dialects) =>
            new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = dialects };

        [Theory]
        [InlineData(null)]
        [InlineData("OpenAI")]
        [InlineData("OpenAI;OpenAINonStrict")]
        [InlineData("Gemini")]
        public void SGEN024_a_dialect_the_project_does_not_declare_still_gets_its_schema(string? dialects)
        {
            var (run, _) = Run(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Stars);",
                dialects is null ? null : Targets(dialects));
            Assert.Empty(run.Diagnostics);
            // The Anthropic schema is still generated (with the bound in words) for clients that send to Anthropic anyway.
            Assert.Contains("anthropicJsonSchema: @\"", run.Source("Demo.Review.StructuredOutput.g.cs"));
        }

        /// <summary>
        /// The generator splits the property on ';' and ','. (Through a real build, the value arrives via a
        /// global .editorconfig whose parser cuts it at the first ';': the harness tests use commas.)
        /// </summary>
        [Theory]
        [InlineData("Anthropic;Gemini")]
        [InlineData(" OpenAI , Anthropic ; Gemini ;")]
        public void SGEN024_dialect_lists_are_split_on_semicolons_and_commas(string dialects)
        {
            var (run, source) = Run("[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(0.5, 1.5, MinimumIsExclusive = true)] double /*!*/Ratio);", Targets(dialects));
            Assert.Equal(
                new[] { "Property 'Ratio' of 'Review': Anthropic structured outputs rejects", "Property 'Ratio' of 'Review': Gemini responseJsonSchema rejects" },
                run.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Select(m => m.Substring(0, m.IndexOf(" rejects", System.StringComparison.Ordinal) + 8)).OrderBy(m => m, System.StringComparer.Ordinal));
            Assert.All(run.Diagnostics, d => Assert.Equal(source.Line, d.Location.GetLineSpan().StartLinePosition.Line + 1));
            Assert.NotEmpty(run.Sources); // Info only: everything is generated.
        }

        [Fact]
        public void SGEN026_only_unknown_schema_dialects_fall_back_to_OpenAI_strict()
        {
            var (run, _) = Run(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Stars);",
                Targets("Claude, Bard"));
            Assert.Equal("SGEN026", Assert.Single(run.Diagnostics).Id);
            Assert.Contains("\"stars\"", run.Source("Demo.Review.Schema.g.cs"));
        }

        [Fact]
        public void StreamAtomic_on_a_string_is_honoured_by_the_generated_node_and_snapshot()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Review([property: StreamAtomic] string Title);");
            Assert.Empty(run.Diagnostics);
            string partial = run.Source("Demo.Review.Partial.g.cs");
            Assert.Contains("_title ??= Atomic(", partial);
            Assert.Contains("(StateOf(_title) == global::StructGen.Streaming.FieldState.Complete ? _title!.View() : default)", partial);
        }

        [Fact]
        public void Pragma_suppresses_generator_diagnostics_because_locations_are_real()
        {
            var source = new MarkedSource("""
                #pragma warning disable SGEN014, SGEN002
                [StructuredOutput] public partial record Book([property: System.ComponentModel.DataAnnotations.Range(1, 5)] string Title);
                [StructuredOutput] public partial record Job(Action Callback);
                #pragma warning restore SGEN014, SGEN002
                """);
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source.Text)).AssertNoCrash();
            Assert.All(run.Diagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));
        }

        [Fact]
        public void SGEN999_internal_errors_are_reported_not_thrown()
        {
            // A spec whose property points at a type key that does not exist makes the schema writer fail.
            var broken = new TypeRefSpec(TypeRefKind.Object, "global::X", "global::X", false, false, NumericType.None, CollectionKind.None, null, "Missing", null);
            var declaration = new TypeDeclarationSpec("Demo", EquatableArray<ContainingTypeSpec>.Empty, "Book", "global::Demo.Book", "record", "public", true, false, false, false, true);
            var construction = new ConstructionSpec(ConstructionKind.ParameterlessConstructor, default, default, default, false);
            var property = new PropertySpec("X", "X", false, null, broken, PropertyConstraints.None, SetterKind.Set, false, -1);
            var root = new ObjectTypeSpec("Book", declaration, null, NamingPolicy.Default, new[] { property }.ToEquatableArray(), construction, null, true, false);
            var spec = new StructuredTypeSpec("Book", null, NamingPolicy.Default, new[] { root }.ToEquatableArray(), false);
            var parsed = new ParsedRoot(spec, EquatableArray<DiagnosticInfo>.Empty, EquatableArray<MemberLocation>.Empty);

            ResolvedRoot resolved = SpecResolver.Resolve((parsed, GeneratorDefaults.None), default);

            Assert.Null(resolved.Spec);
            DiagnosticInfo info = Assert.Single(resolved.Diagnostics);
            Assert.Equal("SGEN999", info.Descriptor.Id);
            Assert.StartsWith("StructGen failed while processing 'Book': KeyNotFoundException:", info.ToDiagnostic(null).GetMessage());
        }

        [Fact]
        public void Every_descriptor_has_a_unique_id_title_help_link_and_docs_entry()
        {
            var descriptors = typeof(DiagnosticDescriptors)
                .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToList();
            string docs = RepositoryFiles.Read("docs/diagnostics.md");
            Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                Assert.Matches("^SGEN[0-9]{3}$", descriptor.Id);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
                Assert.Equal("StructGen", descriptor.Category);
                Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
                Assert.Contains("## " + descriptor.Id, docs);
            }
        }
    }
}
