using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Every diagnostic: exact id, location (line/column of the marker) and message.</summary>
    public class DiagnosticsTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body, IDictionary<string, string>? options = null)
        {
            var source = new MarkedSource(body);
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source.Text), globalOptions: options).AssertNoCrash();
            return (run, source);
        }

        private static Diagnostic Single(string body, string id, string message, IDictionary<string, string>? options = null)
        {
            var (run, source) = Run(body, options);
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            Assert.True(diagnostic.Location.IsInSource, "diagnostic must point into a syntax tree");
            Assert.Equal((TestCompiler.FilePath(0), source.Line, source.Column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
            Assert.Equal("https://github.com/structgen/structgen/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri);
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                Assert.Empty(run.Sources); // Nothing is generated for a type with errors.
            }

            return diagnostic;
        }

        [Fact]
        public void SGEN001_type_not_partial_is_reported_on_the_identifier_and_skipped() =>
            Single(
                "[StructuredOutput] public record /*!*/Book(string Title);",
                "SGEN001",
                "'Book' must be declared partial because StructGen adds generated members to 'Book'");

        [Fact]
        public void SGEN001_containing_type_not_partial() =>
            Single(
                "public class /*!*/Outer { [StructuredOutput] public partial record Inner(string Title); }",
                "SGEN001",
                "'Outer' must be declared partial because StructGen adds generated members to 'Inner'");

        [Fact]
        public void SGEN002_unsupported_member_type_names_the_member() =>
            Single(
                "[StructuredOutput] public partial record Job(string Name, Action /*!*/Callback);",
                "SGEN002",
                "Property 'Callback' of 'Job' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data");

        [Fact]
        public void SGEN002_abstract_type_without_derived_types() =>
            Single(
                "public abstract record Animal(string Name);\n[StructuredOutput] public partial record Zoo(Animal /*!*/Star);",
                "SGEN002",
                "Property 'Star' of 'Zoo' has type 'Animal', which StructGen cannot map to a JSON Schema: abstract types and interfaces need [JsonDerivedType] for each concrete type");

        [Fact]
        public void SGEN003_dictionary_suggests_key_value_records() =>
            Single(
                "[StructuredOutput] public partial record Scores(Dictionary<string, int> /*!*/ByPlayer);",
                "SGEN003",
                "Property 'ByPlayer' of 'Scores' has type 'Dictionary<string, int>', which strict mode cannot express because every property name must be known in advance; use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'");

        [Fact]
        public void SGEN003_object_and_json_element()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Bag(object Extra, System.Text.Json.JsonElement Raw, IReadOnlyList<IDictionary<string, string>> Rows);");
            Assert.Equal(new[] { "SGEN003", "SGEN003", "SGEN003" }, run.Diagnostics.Select(d => d.Id));
            Assert.Contains("'Extra' of 'Bag' has type 'object'", run.Diagnostics[0].GetMessage());
            Assert.Contains("'Raw' of 'Bag' has type 'JsonElement'", run.Diagnostics[1].GetMessage());
            Assert.Contains("'Rows' of 'Bag' has type 'IDictionary<string, string>'", run.Diagnostics[2].GetMessage());
        }

        [Fact]
        public void SGEN004_generic_root() =>
            Single(
                "[StructuredOutput] public partial record /*!*/Box<T>(T Value);",
                "SGEN004",
                "'Box' is generic, so its schema is not known at compile time; put [StructuredOutput] on a non-generic type that uses a closed form of it as a property");

        [Fact]
        public void SGEN005_polymorphic_root() =>
            Single(
                "[StructuredOutput, JsonDerivedType(typeof(Circle), \"circle\")] public abstract partial record /*!*/Shape;\npublic record Circle(double Radius) : Shape;",
                "SGEN005",
                "'Shape' is polymorphic, but the root of a response_format schema must be a single object; wrap it, e.g. 'public partial record ShapeResponse(Shape Value);', and mark the wrapper [StructuredOutput]");

        [Fact]
        public void SGEN006_nesting_depth_limit_reports_measured_and_limit()
        {
            var body = new StringBuilder("[StructuredOutput] public partial record /*!*/L0(L1 Next);\n");
            for (int i = 1; i < 11; i++)
            {
                body.Append("public record L").Append(i).Append("(L").Append(i + 1).Append(" Next);\n");
            }

            body.Append("public record L11(string End);");
            Single(body.ToString(), "SGEN006", "The schema of 'L0' exceeds a structured-outputs limit: the object nesting depth is 12, the limit is 10");
        }

        [Fact]
        public void SGEN006_enum_value_limit()
        {
            string members = string.Join(", ", Enumerable.Range(0, 1001).Select(i => "V" + i));
            Single(
                "public enum Big { " + members + " }\n[StructuredOutput] public partial record /*!*/Pick(Big Value);",
                "SGEN006",
                "The schema of 'Pick' exceeds a structured-outputs limit: the total number of enum values is 1,001, the limit is 1,000");
        }

        [Fact]
        public void SGEN006_property_limit()
        {
            var body = new StringBuilder("[StructuredOutput] public partial record /*!*/Wide(");
            body.Append(string.Join(", ", Enumerable.Range(0, 51).Select(i => "Part" + i + " P" + i))).Append(");\n");
            for (int i = 0; i < 51; i++)
            {
                body.Append("public record Part").Append(i).Append('(').Append(string.Join(", ", Enumerable.Range(0, 99).Select(j => "int F" + j))).Append(");\n");
            }

            Single(body.ToString(), "SGEN006", "The schema of 'Wide' exceeds a structured-outputs limit: the total number of object properties is 5,100, the limit is 5,000");
        }

        [Fact]
        public void SGEN007_invalid_schema_name_points_at_the_argument()
        {
            var (run, source) = Run("[StructuredOutput(Name = /*!*/\"bad name\")] public partial record Book(string Title);");
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN007", diagnostic.Id);
            Assert.Equal(
                "The schema name 'bad name' of 'Book' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [StructuredOutput(Name = \"...\")]",
                diagnostic.GetMessage());
            Assert.Equal((source.Line, source.Column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        }

        [Fact]
        public void SGEN007_default_name_from_a_unicode_type_name() =>
            Single(
                "[StructuredOutput] public partial record /*!*/Café(string Name);",
                "SGEN007",
                "The schema name 'Café' of 'Café' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [StructuredOutput(Name = \"...\")]");

        [Fact]
        public void SGEN008_json_name_collision_after_the_naming_policy() =>
            Single(
                "[StructuredOutput] public partial record Person(string FirstName, string /*!*/First_Name);",
                "SGEN008",
                "'FirstName' and 'First_Name' of 'Person' both map to the JSON name 'first_name'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])");

        [Fact]
        public void SGEN008_enum_value_collision() =>
            Single(
                "public enum Mode { FastMode, /*!*/Fast_Mode }\n[StructuredOutput] public partial record Run(Mode Mode);",
                "SGEN008",
                "'FastMode' and 'Fast_Mode' of 'Mode' both map to the JSON name 'fast_mode'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])");

        [Fact]
        public void SGEN009_non_nullable_self_recursion() =>
            Single(
                "[StructuredOutput] public partial record Node(string Name, Node /*!*/Next);",
                "SGEN009",
                "Property 'Next' of 'Node' makes 'Node' contain itself through non-nullable members (Node.Next → Node), so no finite value exists; make the property nullable or a collection");

        [Fact]
        public void SGEN009_non_nullable_mutual_recursion() =>
            Single(
                "[StructuredOutput] public partial record Doc(Chicken Start);\npublic record Chicken(Egg Egg);\npublic record Egg(Chicken /*!*/Chicken);",
                "SGEN009",
                "Property 'Chicken' of 'Egg' makes 'Chicken' contain itself through non-nullable members (Chicken.Egg → Egg.Chicken → Chicken), so no finite value exists; make the property nullable or a collection");

        [Fact]
        public void SGEN010_private_member_type() =>
            Single(
                "public partial class Outer\n{\n    [StructuredOutput] public partial record Report(Hidden /*!*/Secret);\n    private record Hidden(string A);\n}",
                "SGEN010",
                "The type 'Hidden' is private, so generated code cannot use it; make it internal or public");

        [Fact]
        public void SGEN010_private_root() =>
            Single(
                "public partial class Outer\n{\n    [StructuredOutput] private partial record /*!*/Report(string A);\n}",
                "SGEN010",
                "The type 'Report' is private, so generated code cannot use it; make it internal or public");

        [Fact]
        public void SGEN010_file_local_root() =>
            Single(
                "[StructuredOutput] file partial record /*!*/Report(string A);",
                "SGEN010",
                "The type 'Report' is file-local, so generated code cannot use it; make it internal or public");

        [Fact]
        public void SGEN011_ambiguous_constructors() =>
            Single(
                "[StructuredOutput] public partial class /*!*/Pair\n{\n    public Pair(int a) { A = a; }\n    public Pair(int a, int b) { A = a; B = b; }\n    public int A { get; }\n    public int B { get; }\n}",
                "SGEN011",
                "'Pair' has no constructor StructGen can use: it has 2 public constructors with parameters; mark the one to use with [JsonConstructor]");

        [Fact]
        public void SGEN012_constructor_parameter_without_property() =>
            Single(
                "[StructuredOutput] public partial class Item\n{\n    public Item(string name, int /*!*/size) { Name = name; }\n    public string Name { get; }\n}",
                "SGEN012",
                "Parameter 'size' of the constructor of 'Item' does not match a public property with the same name and type, so StructGen cannot fill it");

        [Fact]
        public void SGEN013_unknown_msbuild_naming_policy()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Book(string Title);", new Dictionary<string, string> { ["build_property.StructGenNamingPolicy"] = "Pascal" });
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(("SGEN013", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
            Assert.Equal(
                "The MSBuild property StructGenNamingPolicy has the unknown value 'Pascal'; expected one of SnakeCaseLower, CamelCase, AsDeclared, KebabCaseLower, SnakeCaseUpper; snake_case is used instead",
                diagnostic.GetMessage());
            Assert.Contains("\"title\"", run.Source("Demo.Book.Schema.g.cs"));
        }

        [Fact]
        public void SGEN014_data_annotation_on_the_wrong_type_is_a_warning_and_generation_continues()
        {
            Diagnostic diagnostic = Single(
                "[StructuredOutput] public partial record Book([property: System.ComponentModel.DataAnnotations.Range(1, 5)] string /*!*/Title);",
                "SGEN014",
                "[Range] on property 'Title' of 'Book' is ignored: it applies to numeric properties only");
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        }

        /// <summary>SGEN024 is reported for the dialects the project declares only (StructGenSchemaDialects).</summary>
        private static Dictionary<string, string> Targets(string dialects) =>
            new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = dialects };

        [Fact]
        public void SGEN024_a_bound_Anthropic_rejects_is_an_info_naming_member_dialect_and_keywords()
        {
            Diagnostic diagnostic = Single(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int /*!*/Stars);",
                "SGEN024",
                "Property 'Stars' of 'Review': Anthropic structured outputs rejects 'minimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it",
                Targets("Anthropic"));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("OpenAI")]
        [InlineData("OpenAI;OpenAINonStrict")]
        [InlineData("Gemini")]
        public void SGEN024_is_not_reported_for_a_bound_Anthropic_rejects_when_the_project_does_not_declare_Anthropic(string? dialects)
        {
            var (run, _) = Run(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Stars);",
                dialects is null ? null : Targets(dialects));
            Assert.Empty(run.Diagnostics);
            // The Anthropic schema is still generated (with the bound in words) for clients that send to Anthropic anyway.
            Assert.Contains("anthropicJsonSchema: @\"", run.Source("Demo.Review.StructuredOutput.g.cs"));
        }

        [Fact]
        public void SGEN024_a_pattern_Gemini_rejects_is_an_info()
        {
            Diagnostic diagnostic = Single(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.RegularExpression(\"^[a-z]+$\")] string /*!*/Code);",
                "SGEN024",
                "Property 'Code' of 'Review': Gemini responseJsonSchema rejects 'pattern', so its schema states the constraint in the description instead and the provider does not enforce it",
                Targets("gemini"));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Theory]
        [InlineData("Anthropic;Gemini")]
        [InlineData(" OpenAI , Anthropic ; Gemini ;")]
        public void SGEN024_an_exclusive_bound_is_reported_for_each_declared_dialect_on_the_member(string dialects)
        {
            var (run, source) = Run("[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(0.5, 1.5, MinimumIsExclusive = true)] double /*!*/Ratio);", Targets(dialects));
            Assert.Equal(
                new[]
                {
                    "Property 'Ratio' of 'Review': Anthropic structured outputs rejects 'exclusiveMinimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it",
                    "Property 'Ratio' of 'Review': Gemini responseJsonSchema rejects 'exclusiveMinimum', so its schema states the constraint in the description instead and the provider does not enforce it",
                },
                run.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal));
            Assert.All(run.Diagnostics, d => Assert.Equal(source.Line, d.Location.GetLineSpan().StartLinePosition.Line + 1));
            Assert.NotEmpty(run.Sources); // Info only: everything is generated.
        }

        [Fact]
        public void SGEN024_a_single_item_minimum_is_accepted_by_Anthropic_and_not_reported()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.MinLength(1)] System.Collections.Generic.List<string> Tags);", Targets("Anthropic"));
            Assert.Empty(run.Diagnostics);
        }

        [Fact]
        public void SGEN026_unknown_msbuild_schema_dialect_names_the_value_and_the_valid_ones_and_keeps_the_valid_entries()
        {
            var (run, source) = Run(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int /*!*/Stars);",
                Targets("Claude;Anthropic"));
            Diagnostic unknown = Assert.Single(run.Diagnostics, d => d.Id == "SGEN026");
            Assert.Equal(DiagnosticSeverity.Warning, unknown.Severity);
            Assert.Equal(Location.None, unknown.Location);
            Assert.Equal(
                "The MSBuild property StructGenSchemaDialects contains 'Claude', which is not a known dialect; expected a ';'-separated list of OpenAI, OpenAINonStrict, Anthropic, Gemini; the unknown entries are ignored and OpenAI strict is checked when no entry is valid",
                unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("https://github.com/structgen/structgen/blob/main/docs/diagnostics.md#sgen026", unknown.Descriptor.HelpLinkUri);
            Diagnostic dropped = Assert.Single(run.Diagnostics, d => d.Id == "SGEN024");
            Assert.Equal(source.Line, dropped.Location.GetLineSpan().StartLinePosition.Line + 1);
        }

        [Fact]
        public void SGEN026_only_unknown_schema_dialects_fall_back_to_OpenAI_strict()
        {
            var (run, _) = Run(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Stars);",
                Targets("Claude, Bard"));
            Diagnostic unknown = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN026", unknown.Id);
            Assert.StartsWith("The MSBuild property StructGenSchemaDialects contains 'Claude', 'Bard', which", unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("\"stars\"", run.Source("Demo.Review.Schema.g.cs"));
        }

        [Fact]
        public void SGEN025_an_atomic_contract_on_a_value_that_is_always_atomic_is_a_warning()
        {
            Diagnostic diagnostic = Single(
                "[StructuredOutput] public partial record Review([property: StreamAtomic] int /*!*/Stars);",
                "SGEN025",
                "[StreamAtomic] on property 'Stars' of 'Review' has no effect: values of type 'int' already appear only once complete; remove the attribute");
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        }

        [Fact]
        public void StreamAtomic_on_a_string_is_honoured_by_the_generated_node_and_snapshot()
        {
            var (run, _) = Run("[StructuredOutput] public partial record Review([property: StreamAtomic] string Title);");
            Assert.Empty(run.Diagnostics);
            string partial = run.Source("Demo.Review.Partial.g.cs");
            Assert.Contains("_title ??= Atomic(", partial);
            Assert.Contains("(StateOf(_title) == global::StructGen.Streaming.FieldState.Complete ? _title!.Snapshot() : null)", partial);
        }

        [Fact]
        public void SGEN015_member_named_like_a_generated_member() =>
            Single(
                "[StructuredOutput] public partial record Book(string Title)\n{\n    public static string /*!*/JsonSchema => \"{}\";\n}",
                "SGEN015",
                "'Book' already declares a member named 'JsonSchema', which StructGen generates; rename or remove it");

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
