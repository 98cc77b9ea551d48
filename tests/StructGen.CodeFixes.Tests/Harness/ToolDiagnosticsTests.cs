using System.Threading.Tasks;
using Xunit;
using static StructGen.CodeFixes.Tests.Harness.GeneratorDiagnosticTest;

namespace StructGen.CodeFixes.Tests.Harness
{
    /// <summary>
    /// Every diagnostic of [Tool] classes on the standard harness: the exact span (markup), the severity,
    /// the exact message and no other diagnostic; for errors, nothing generated for the class.
    /// </summary>
    public class ToolDiagnosticsTests
    {
        [Fact]
        public Task SGEN016_spans_the_tool_class_that_is_not_partial_once() =>
            InDemo(
                "public class {|#0:Clock|}\n{\n    [Tool] public string Now() => \"noon\";\n    [Tool] public string Zone() => \"UTC\";\n}",
                Error("SGEN016", "'Clock' must be a partial class because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Clock'")).RunAsync();

        [Fact]
        public Task SGEN016_containing_type_not_partial() =>
            InDemo(
                "public class {|#0:Outer|} { public partial class Inner { [Tool] public string Ping() => \"pong\"; } }",
                Error("SGEN016", "'Outer' must be declared partial because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Inner'")).RunAsync();

        [Fact]
        public Task SGEN016_tools_in_a_struct() =>
            InDemo(
                "public partial struct {|#0:Calc|} { [Tool] public static int Add(int a, int b) => a + b; }",
                Error("SGEN016", "'Calc' must be a partial class because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Calc'")).RunAsync();

        [Fact]
        public Task SGEN017_spans_the_tool_parameter_whose_type_cannot_be_mapped() =>
            InDemo(
                "public partial class Jobs { [Tool] public string Run(string name, Action {|#0:callback|}) => name; }",
                Error("SGEN017", "Parameter 'callback' of tool method 'Run' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data")).RunAsync();

        [Fact]
        public Task SGEN017_object_and_dictionary_parameters() =>
            InDemo(
                "public partial class Bag { [Tool] public string Put(object {|#0:item|}, Dictionary<string, int> {|#1:counts|}) => \"\"; }",
                Error("SGEN017", "Parameter 'item' of tool method 'Put' has type 'object', which StructGen cannot map to a JSON Schema: use a concrete record type instead of 'object'", 0),
                Error("SGEN017", "Parameter 'counts' of tool method 'Put' has type 'Dictionary<string, int>', which StructGen cannot map to a JSON Schema: use a list of key/value records instead, e.g. 'IReadOnlyList<Entry>' with 'public record Entry(string Key, string Value);'", 1)).RunAsync();

        [Fact]
        public Task SGEN002_inside_a_record_parameter_still_names_the_property() =>
            InDemo(
                "public record Job(string Name, Action {|#0:Callback|});\npublic partial class Jobs { [Tool] public string Run(Job job) => job.Name; }",
                Error("SGEN002", "Property 'Callback' of 'Job' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data")).RunAsync();

        [Fact]
        public Task SGEN018_spans_the_unsupported_return_type() =>
            InDemo(
                "public partial class Jobs { [Tool] public {|#0:object|} Run(string name) => name; }",
                Error("SGEN018", "Tool method 'Run' returns 'object', which StructGen cannot turn into a tool result: use a concrete record type instead of 'object'")).RunAsync();

        [Fact]
        public Task SGEN018_unsupported_awaited_return_type() =>
            InDemo(
                "public partial class Jobs { [Tool] public {|#0:System.Threading.Tasks.Task<Action>|} Run(string name) => throw null!; }",
                Error("SGEN018", "Tool method 'Run' returns 'Task<Action>', which StructGen cannot turn into a tool result: pointers and delegates are not data")).RunAsync();

        [Fact]
        public Task SGEN019_duplicate_tool_names_in_one_class() =>
            InDemo(
                "public partial class Weather\n{\n    [Tool] public string Forecast(string city) => city;\n    [Tool(Name = \"forecast\")] public string {|#0:Outlook|}(string city) => city;\n}",
                Error("SGEN019", "'Forecast' and 'Outlook' of 'Weather' both define the tool 'forecast'; tool names must be unique, set [Tool(Name = \"...\")] on one of them")).RunAsync();

        [Fact]
        public Task SGEN020_generic_method() =>
            InDemo(
                "public partial class Echoes { [Tool] public string {|#0:Echo|}<T>(string text) => text; }",
                Error("SGEN020", "'Echo' is generic, so the schema of tool method 'Echo' is not known at compile time; [Tool] methods must be non-generic and declared in non-generic classes")).RunAsync();

        [Fact]
        public Task SGEN020_generic_class() =>
            InDemo(
                "public partial class Box<T> { [Tool] public string {|#0:Echo|}(string text) => text; }",
                Error("SGEN020", "'Box' is generic, so the schema of tool method 'Echo' is not known at compile time; [Tool] methods must be non-generic and declared in non-generic classes")).RunAsync();

        [Fact]
        public Task SGEN021_by_reference_parameter() =>
            InDemo(
                "public partial class Counter { [Tool] public void Next(string name, out int {|#0:value|}) { value = 1; } }",
                Error("SGEN021", "Parameter 'value' of tool method 'Next' is declared 'out'; tool arguments arrive as JSON, so use a by-value parameter")).RunAsync();

        [Fact]
        public Task SGEN022_spans_the_invalid_tool_name() =>
            InDemo(
                "public partial class Weather { [Tool(Name = {|#0:\"get weather\"|})] public string Forecast(string city) => city; }",
                Error("SGEN022", "The tool name 'get weather' of 'Forecast' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [Tool(Name = \"...\")]")).RunAsync();

        [Fact]
        public Task SGEN023_colliding_argument_types_of_two_classes_span_the_second_method()
        {
            // Books keeps its tools (checked by StructGen.Generator.Tests); the harness is told only that
            // some sources are generated, since their text belongs to the snapshot tests.
            GeneratorDiagnosticTest test = InDemo(
                "public partial class Books { [Tool] public string Search(string q) => q; }\npublic partial class Films { [Tool] public string {|#0:Search|}(string q) => q; }",
                Error("SGEN023", "Tool 'search' of 'Films' and tool 'search' of 'Books' would both generate the partial arguments type 'Demo.SearchArgumentsPartial'; give one of them another name with [Tool(Name = \"...\")] or move one class to another namespace"));
            test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
            return test.RunAsync();
        }

        [Fact]
        public Task SGEN015_member_named_like_a_generated_member() =>
            InDemo(
                "public partial class Clock\n{\n    public static string {|#0:ToolsJson|} = \"\";\n    [Tool] public string Now() => \"noon\";\n}",
                Error("SGEN015", "'Clock' already declares a member named 'ToolsJson', which StructGen generates; rename or remove it")).RunAsync();

        [Fact]
        public Task SGEN015_member_named_like_the_generated_factory() =>
            InDemo(
                "public partial class Clock\n{\n    public object {|#0:AsToolSet|}() => null!;\n    [Tool] public string Now() => \"noon\";\n}",
                Error("SGEN015", "'Clock' already declares a member named 'AsToolSet', which StructGen generates; rename or remove it")).RunAsync();

        [Fact]
        public Task SGEN015_type_named_like_the_generated_arguments_class() =>
            InDemo(
                "public partial class Clock\n{\n    public class {|#0:NowArguments|} { }\n    [Tool] public string Now() => \"noon\";\n}",
                Error("SGEN015", "'Clock' already declares a member named 'NowArguments', which StructGen generates; rename or remove it")).RunAsync();

        [Fact]
        public Task SGEN010_private_tool_class() =>
            InDemo(
                "public partial class Outer { private partial class {|#0:Hidden|} { [Tool] public string Ping() => \"pong\"; } }",
                Error("SGEN010", "The type 'Hidden' is private, so generated code cannot use it; make it internal or public")).RunAsync();

        [Fact]
        public Task SGEN009_recursion_in_a_parameter_record() =>
            InDemo(
                "public record Link(string Name, Link {|#0:Next|});\npublic partial class Chains { [Tool] public string Walk(Link start) => start.Name; }",
                Error("SGEN009", "Property 'Next' of 'Link' makes 'Link' contain itself through non-nullable members (Link.Next → Link), so no finite value exists; make the property nullable or a collection")).RunAsync();

        [Fact]
        public Task SGEN008_two_parameters_with_the_same_json_name() =>
            InDemo(
                "public partial class Weather { [Tool] public string Forecast(string cityName, string {|#0:city_name|}) => cityName; }",
                Error("SGEN008", "'CityName' and 'City_name' of 'ForecastArguments' both map to the JSON name 'city_name'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])")).RunAsync();
    }
}
