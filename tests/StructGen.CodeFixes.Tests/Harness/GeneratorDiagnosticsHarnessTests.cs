using System.Threading.Tasks;
using Xunit;
using static StructGen.CodeFixes.Tests.Harness.GeneratorDiagnosticTest;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// A representative subset of the generator's diagnostics on the standard harness: the exact span of
    /// each (markup), its severity and its exact message, and no other diagnostic from the compiler or the
    /// generator. Every SGEN id also keeps its own test in StructGen.Generator.Tests.
    /// </summary>
    public class GeneratorDiagnosticsHarnessTests
    {
        [Fact]
        public Task SGEN001_spans_the_identifier_of_the_type_that_is_not_partial() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    [StructuredOutput] public record {|#0:Book|}(string Title);\n}\n",
                Error("SGEN001", "'Book' must be declared partial because StructGen adds generated members to 'Book'")).RunAsync();

        [Fact]
        public Task SGEN001_spans_the_containing_type_that_is_not_partial() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    public class {|#0:Outer|} { [StructuredOutput] public partial record Inner(string Title); }\n}\n",
                Error("SGEN001", "'Outer' must be declared partial because StructGen adds generated members to 'Inner'")).RunAsync();

        [Fact]
        public Task SGEN002_spans_the_member_whose_type_cannot_be_mapped() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    [StructuredOutput] public partial record Job(string Name, Action {|#0:Callback|});\n}\n",
                Error("SGEN002", "Property 'Callback' of 'Job' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data")).RunAsync();

        [Fact]
        public Task SGEN003_spans_the_dictionary_member() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    [StructuredOutput] public partial record Scores(Dictionary<string, int> {|#0:ByPlayer|});\n}\n",
                Error("SGEN003", "Property 'ByPlayer' of 'Scores' has type 'Dictionary<string, int>', which strict mode cannot express because every property name must be known in advance; use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'")).RunAsync();

        [Fact]
        public Task SGEN014_is_a_warning_and_the_generated_code_compiles_cleanly() =>
            // The harness also fails on any compiler diagnostic, so this proves the generated members compile.
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    [StructuredOutput] public partial record Book([property: System.ComponentModel.DataAnnotations.Range(1, 5)] string {|#0:Title|});\n}\n",
                Warning("SGEN014", "[Range] on property 'Title' of 'Book' is ignored: it applies to numeric properties only")).RunAsync();

        [Fact]
        public Task SGEN016_spans_the_tool_class_that_is_not_partial_once() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    public class {|#0:Clock|}\n    {\n        [Tool] public string Now() => \"noon\";\n        [Tool] public string Zone() => \"UTC\";\n    }\n}\n",
                Error("SGEN016", "'Clock' must be a partial class because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Clock'")).RunAsync();

        [Fact]
        public Task SGEN017_spans_the_tool_parameter_whose_type_cannot_be_mapped() =>
            new GeneratorDiagnosticTest(
                Usings + "namespace Demo\n{\n    public partial class Jobs { [Tool] public string Run(string name, Action {|#0:callback|}) => name; }\n}\n",
                Error("SGEN017", "Parameter 'callback' of tool method 'Run' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data")).RunAsync();
    }
}
