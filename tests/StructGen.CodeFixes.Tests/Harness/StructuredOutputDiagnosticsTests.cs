using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using static StructGen.CodeFixes.Tests.Harness.GeneratorDiagnosticTest;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// Every diagnostic of [StructuredOutput] types on the standard harness: the exact span (markup), the
    /// severity, the exact message and no other diagnostic; for errors, nothing generated.
    /// </summary>
    public class StructuredOutputDiagnosticsTests
    {
        private const string AnnotationsRange = "[property: System.ComponentModel.DataAnnotations.Range(1, 5)]";

        [Fact]
        public Task SGEN001_spans_the_identifier_of_the_type_that_is_not_partial() =>
            InDemo(
                "[StructuredOutput] public record {|#0:Book|}(string Title);",
                Error("SGEN001", "'Book' must be declared partial because StructGen adds generated members to 'Book'")).RunAsync();

        [Fact]
        public Task SGEN001_spans_the_containing_type_that_is_not_partial() =>
            InDemo(
                "public class {|#0:Outer|} { [StructuredOutput] public partial record Inner(string Title); }",
                Error("SGEN001", "'Outer' must be declared partial because StructGen adds generated members to 'Inner'")).RunAsync();

        [Fact]
        public Task SGEN002_spans_the_member_whose_type_cannot_be_mapped() =>
            InDemo(
                "[StructuredOutput] public partial record Job(string Name, Action {|#0:Callback|});",
                Error("SGEN002", "Property 'Callback' of 'Job' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data")).RunAsync();

        [Fact]
        public Task SGEN002_abstract_type_without_derived_types() =>
            InDemo(
                "public abstract record Animal(string Name);\n[StructuredOutput] public partial record Zoo(Animal {|#0:Star|});",
                Error("SGEN002", "Property 'Star' of 'Zoo' has type 'Animal', which StructGen cannot map to a JSON Schema: abstract types and interfaces need [JsonDerivedType] for each concrete type")).RunAsync();

        [Fact]
        public Task SGEN003_spans_the_dictionary_member() =>
            InDemo(
                "[StructuredOutput] public partial record Scores(Dictionary<string, int> {|#0:ByPlayer|});",
                Error("SGEN003", "Property 'ByPlayer' of 'Scores' has type 'Dictionary<string, int>', which strict mode cannot express because every property name must be known in advance; use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'")).RunAsync();

        [Fact]
        public Task SGEN003_object_json_element_and_a_dictionary_inside_a_list_each_span_their_member() =>
            InDemo(
                "[StructuredOutput] public partial record Bag(object {|#0:Extra|}, System.Text.Json.JsonElement {|#1:Raw|}, IReadOnlyList<IDictionary<string, string>> {|#2:Rows|});",
                Error("SGEN003", "Property 'Extra' of 'Bag' has type 'object', which strict mode cannot express because every property name must be known in advance; use a concrete record type instead of 'object'", 0),
                Error("SGEN003", "Property 'Raw' of 'Bag' has type 'JsonElement', which strict mode cannot express because every property name must be known in advance; free-form JSON has no fixed property names; use a concrete record type or use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'", 1),
                Error("SGEN003", "Property 'Rows' of 'Bag' has type 'IDictionary<string, string>', which strict mode cannot express because every property name must be known in advance; use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'", 2)).RunAsync();

        [Fact]
        public Task SGEN004_spans_the_generic_root() =>
            InDemo(
                "[StructuredOutput] public partial record {|#0:Box|}<T>(T Value);",
                Error("SGEN004", "'Box' is generic, so its schema is not known at compile time; put [StructuredOutput] on a non-generic type that uses a closed form of it as a property")).RunAsync();

        [Fact]
        public Task SGEN005_spans_the_polymorphic_root() =>
            InDemo(
                "[StructuredOutput, JsonDerivedType(typeof(Circle), \"circle\")] public abstract partial record {|#0:Shape|};\npublic record Circle(double Radius) : Shape;",
                Error("SGEN005", "'Shape' is polymorphic, but the root of a response_format schema must be a single object; wrap it, e.g. 'public partial record ShapeResponse(Shape Value);', and mark the wrapper [StructuredOutput]")).RunAsync();

        [Fact]
        public Task SGEN006_nesting_depth_limit_reports_measured_and_limit()
        {
            var body = new StringBuilder("[StructuredOutput] public partial record {|#0:L0|}(L1 Next);\n");
            for (int i = 1; i < 11; i++)
            {
                body.Append("public record L").Append(i).Append("(L").Append(i + 1).Append(" Next);\n");
            }

            body.Append("public record L11(string End);");
            return InDemo(body.ToString(), Error("SGEN006", "The schema of 'L0' exceeds a structured-outputs limit: the object nesting depth is 12, the limit is 10")).RunAsync();
        }

        [Fact]
        public Task SGEN006_enum_value_limit()
        {
            string members = string.Join(", ", Enumerable.Range(0, 1001).Select(i => "V" + i));
            return InDemo(
                "public enum Big { " + members + " }\n[StructuredOutput] public partial record {|#0:Pick|}(Big Value);",
                Error("SGEN006", "The schema of 'Pick' exceeds a structured-outputs limit: the total number of enum values is 1,001, the limit is 1,000")).RunAsync();
        }

        [Fact]
        public Task SGEN006_property_limit()
        {
            var body = new StringBuilder("[StructuredOutput] public partial record {|#0:Wide|}(");
            body.Append(string.Join(", ", Enumerable.Range(0, 51).Select(i => "Part" + i + " P" + i))).Append(");\n");
            for (int i = 0; i < 51; i++)
            {
                body.Append("public record Part").Append(i).Append('(').Append(string.Join(", ", Enumerable.Range(0, 99).Select(j => "int F" + j))).Append(");\n");
            }

            return InDemo(body.ToString(), Error("SGEN006", "The schema of 'Wide' exceeds a structured-outputs limit: the total number of object properties is 5,100, the limit is 5,000")).RunAsync();
        }

        [Fact]
        public Task SGEN007_spans_the_invalid_name_argument() =>
            InDemo(
                "[StructuredOutput(Name = {|#0:\"bad name\"|})] public partial record Book(string Title);",
                Error("SGEN007", "The schema name 'bad name' of 'Book' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [StructuredOutput(Name = \"...\")]")).RunAsync();

        [Fact]
        public Task SGEN007_default_name_from_a_unicode_type_name() =>
            InDemo(
                "[StructuredOutput] public partial record {|#0:Café|}(string Name);",
                Error("SGEN007", "The schema name 'Café' of 'Café' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [StructuredOutput(Name = \"...\")]")).RunAsync();

        [Fact]
        public Task SGEN008_json_name_collision_after_the_naming_policy() =>
            InDemo(
                "[StructuredOutput] public partial record Person(string FirstName, string {|#0:First_Name|});",
                Error("SGEN008", "'FirstName' and 'First_Name' of 'Person' both map to the JSON name 'first_name'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])")).RunAsync();

        [Fact]
        public Task SGEN008_enum_value_collision() =>
            InDemo(
                "public enum Mode { FastMode, {|#0:Fast_Mode|} }\n[StructuredOutput] public partial record Run(Mode Mode);",
                Error("SGEN008", "'FastMode' and 'Fast_Mode' of 'Mode' both map to the JSON name 'fast_mode'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])")).RunAsync();

        [Fact]
        public Task SGEN009_non_nullable_self_recursion() =>
            InDemo(
                "[StructuredOutput] public partial record Node(string Name, Node {|#0:Next|});",
                Error("SGEN009", "Property 'Next' of 'Node' makes 'Node' contain itself through non-nullable members (Node.Next → Node), so no finite value exists; make the property nullable or a collection")).RunAsync();

        [Fact]
        public Task SGEN009_non_nullable_mutual_recursion() =>
            InDemo(
                "[StructuredOutput] public partial record Doc(Chicken Start);\npublic record Chicken(Egg Egg);\npublic record Egg(Chicken {|#0:Chicken|});",
                Error("SGEN009", "Property 'Chicken' of 'Egg' makes 'Chicken' contain itself through non-nullable members (Chicken.Egg → Egg.Chicken → Chicken), so no finite value exists; make the property nullable or a collection")).RunAsync();

        [Fact]
        public Task SGEN010_private_member_type() =>
            InDemo(
                "public partial class Outer\n{\n    [StructuredOutput] public partial record {|#1:Report|}(Hidden {|#0:Secret|});\n    private record Hidden(string A);\n}",
                // The compiler's own errors for the same mistake (a public record exposing a private type).
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0051").WithLocation(1).WithArguments("Demo.Outer.Report.Deconstruct(out Demo.Outer.Hidden)", "Demo.Outer.Hidden"),
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0051").WithLocation(1).WithArguments("Demo.Outer.Report.Report(Demo.Outer.Hidden)", "Demo.Outer.Hidden"),
                Error("SGEN010", "The type 'Hidden' is private, so generated code cannot use it; make it internal or public")).RunAsync();

        [Fact]
        public Task SGEN010_private_root() =>
            InDemo(
                "public partial class Outer\n{\n    [StructuredOutput] private partial record {|#0:Report|}(string A);\n}",
                Error("SGEN010", "The type 'Report' is private, so generated code cannot use it; make it internal or public")).RunAsync();

        [Fact]
        public Task SGEN010_file_local_root() =>
            InDemo(
                "[StructuredOutput] file partial record {|#0:Report|}(string A);",
                Error("SGEN010", "The type 'Report' is file-local, so generated code cannot use it; make it internal or public")).RunAsync();

        [Fact]
        public Task SGEN011_ambiguous_constructors() =>
            InDemo(
                "[StructuredOutput] public partial class {|#0:Pair|}\n{\n    public Pair(int a) { A = a; }\n    public Pair(int a, int b) { A = a; B = b; }\n    public int A { get; }\n    public int B { get; }\n}",
                Error("SGEN011", "'Pair' has no constructor StructGen can use: it has 2 public constructors with parameters; mark the one to use with [JsonConstructor]")).RunAsync();

        [Fact]
        public Task SGEN012_constructor_parameter_without_property() =>
            InDemo(
                "[StructuredOutput] public partial class Item\n{\n    public Item(string name, int {|#0:size|}) { Name = name; }\n    public string Name { get; }\n}",
                Error("SGEN012", "Parameter 'size' of the constructor of 'Item' does not match a public property with the same name and type, so StructGen cannot fill it")).RunAsync();

        [Fact]
        public Task SGEN013_unknown_msbuild_naming_policy_is_a_project_warning() =>
            InDemo(
                "[StructuredOutput] public partial record Book(string Title);",
                ProjectWarning("SGEN013", "The MSBuild property StructGenNamingPolicy has the unknown value 'Pascal'; expected one of SnakeCaseLower, CamelCase, AsDeclared, KebabCaseLower, SnakeCaseUpper; snake_case is used instead"))
                .WithMSBuildProperty("StructGenNamingPolicy", "Pascal").RunAsync();

        [Fact]
        public Task SGEN014_is_a_warning_and_the_generated_code_compiles_cleanly() =>
            // The harness also fails on any compiler diagnostic, so this proves the generated members compile.
            InDemo(
                "[StructuredOutput] public partial record Book(" + AnnotationsRange + " string {|#0:Title|});",
                Warning("SGEN014", "[Range] on property 'Title' of 'Book' is ignored: it applies to numeric properties only")).RunAsync();

        [Fact]
        public Task SGEN015_member_named_like_a_generated_member() =>
            InDemo(
                "[StructuredOutput] public partial record Book(string Title)\n{\n    public static string {|#0:JsonSchema|} => \"{}\";\n}",
                Error("SGEN015", "'Book' already declares a member named 'JsonSchema', which StructGen generates; rename or remove it")).RunAsync();

        [Fact]
        public Task SGEN024_a_bound_Anthropic_rejects_is_an_info_naming_member_dialect_and_keywords() =>
            InDemo(
                "[StructuredOutput] public partial record Review(" + AnnotationsRange + " int {|#0:Stars|});",
                Info("SGEN024", "Property 'Stars' of 'Review': Anthropic structured outputs rejects 'minimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it"))
                .WithMSBuildProperty("StructGenSchemaDialects", "Anthropic").RunAsync();

        [Theory]
        [InlineData(null)]
        [InlineData("OpenAI")]
        [InlineData("OpenAI,OpenAINonStrict")]
        [InlineData("Gemini")]
        public Task SGEN024_is_not_reported_for_a_bound_Anthropic_rejects_when_the_project_does_not_declare_Anthropic(string? dialects)
        {
            GeneratorDiagnosticTest test = InDemo("[StructuredOutput] public partial record Review(" + AnnotationsRange + " int Stars);");
            return (dialects is null ? test : test.WithMSBuildProperty("StructGenSchemaDialects", dialects)).RunAsync();
        }

        [Fact]
        public Task SGEN024_a_pattern_Gemini_rejects_is_an_info() =>
            InDemo(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.RegularExpression(\"^[a-z]+$\")] string {|#0:Code|});",
                Info("SGEN024", "Property 'Code' of 'Review': Gemini responseJsonSchema rejects 'pattern', so its schema states the constraint in the description instead and the provider does not enforce it"))
                .WithMSBuildProperty("StructGenSchemaDialects", "gemini").RunAsync();

        // Lists are comma-separated here: a build hands MSBuild properties to the generator through a
        // global .editorconfig, whose parser (Roslyn's, the SDK's own included) cuts a value at its first
        // ';' or '#' as a comment, so "Anthropic;Gemini" arrives as "Anthropic".
        [Theory]
        [InlineData("Anthropic,Gemini")]
        [InlineData(" OpenAI , Anthropic , Gemini ,")]
        public Task SGEN024_an_exclusive_bound_is_reported_for_each_declared_dialect_on_the_member(string dialects) =>
            InDemo(
                "[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.Range(0.5, 1.5, MinimumIsExclusive = true)] double {|#0:Ratio|});",
                Info("SGEN024", "Property 'Ratio' of 'Review': Anthropic structured outputs rejects 'exclusiveMinimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it"),
                Info("SGEN024", "Property 'Ratio' of 'Review': Gemini responseJsonSchema rejects 'exclusiveMinimum', so its schema states the constraint in the description instead and the provider does not enforce it"))
                .WithMSBuildProperty("StructGenSchemaDialects", dialects).RunAsync();

        [Fact]
        public Task SGEN024_a_single_item_minimum_is_accepted_by_Anthropic_and_not_reported() =>
            InDemo("[StructuredOutput] public partial record Review([property: System.ComponentModel.DataAnnotations.MinLength(1)] System.Collections.Generic.List<string> Tags);")
                .WithMSBuildProperty("StructGenSchemaDialects", "Anthropic").RunAsync();

        [Fact]
        public Task SGEN025_an_atomic_contract_on_a_value_that_is_always_atomic_is_a_warning() =>
            InDemo(
                "[StructuredOutput] public partial record Review([property: StreamAtomic] int {|#0:Stars|});",
                Warning("SGEN025", "[StreamAtomic] on property 'Stars' of 'Review' has no effect: values of type 'int' already appear only once complete; remove the attribute")).RunAsync();

        [Fact]
        public Task SGEN026_unknown_msbuild_schema_dialect_names_the_value_and_the_valid_ones_and_keeps_the_valid_entries() =>
            InDemo(
                "[StructuredOutput] public partial record Review(" + AnnotationsRange + " int {|#0:Stars|});",
                ProjectWarning("SGEN026", "The MSBuild property StructGenSchemaDialects contains 'Claude', which is not a known dialect; expected a ';'-separated list of OpenAI, OpenAINonStrict, Anthropic, Gemini; the unknown entries are ignored and OpenAI strict is checked when no entry is valid"),
                Info("SGEN024", "Property 'Stars' of 'Review': Anthropic structured outputs rejects 'minimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it"))
                .WithMSBuildProperty("StructGenSchemaDialects", "Claude, Anthropic").RunAsync();

        [Fact]
        public Task SGEN026_only_unknown_schema_dialects_are_named_together() =>
            InDemo(
                "[StructuredOutput] public partial record Review(" + AnnotationsRange + " int Stars);",
                ProjectWarning("SGEN026", "The MSBuild property StructGenSchemaDialects contains 'Claude', 'Bard', which is not a known dialect; expected a ';'-separated list of OpenAI, OpenAINonStrict, Anthropic, Gemini; the unknown entries are ignored and OpenAI strict is checked when no entry is valid"))
                .WithMSBuildProperty("StructGenSchemaDialects", "Claude, Bard").RunAsync();

        [Fact]
        public Task SGEN027_a_member_that_can_grow_declared_before_the_gate_is_reported_on_the_attribute() =>
            InDemo(
                "[{|#0:StreamRequires(nameof(Title))|}] public record Chapter(int Number, string Body, string Title);\n" +
                "[StructuredOutput] public partial record Book(System.Collections.Generic.List<Chapter> Chapters);",
                Warning("SGEN027", "[StreamRequires(\"Title\")] on 'Chapter' can never be met: in strict mode keys arrive in declaration order, so 'Body' (declared before 'Title') is complete before 'Title' starts and is never shown while it streams; declare 'Title' before the members it gates")).RunAsync();

        [Fact]
        public Task SGEN027_a_name_that_is_no_schema_member_is_reported_and_the_contract_ignored() =>
            InDemo(
                "[{|#0:StreamRequires(\"Titel\")|}] public record Chapter(string Title, string Body);\n" +
                "[StructuredOutput] public partial record Book(Chapter First);",
                Warning("SGEN027", "[StreamRequires(\"Titel\")] on 'Chapter' can never be met: 'Titel' is not a schema member of 'Chapter', so it never arrives; the contract is ignored (name the member with nameof)")).RunAsync();
    }
}
