using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Every [Tool] diagnostic: exact id, location (line/column of the marker) and message.</summary>
    public class ToolDiagnosticsTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body)
        {
            var source = new MarkedSource(body);
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source.Text)).AssertNoCrash();
            return (run, source);
        }

        private static Diagnostic Single(string body, string id, string message, bool expectNoOutput = true)
        {
            var (run, source) = Run(body);
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            AssertAtMarker(diagnostic, source);
            Assert.Equal("https://github.com/structgen/structgen/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri);
            if (expectNoOutput)
            {
                Assert.Empty(run.Sources); // Nothing is generated for a tool class with errors.
            }

            return diagnostic;
        }

        private static void AssertAtMarker(Diagnostic diagnostic, MarkedSource source)
        {
            Assert.True(diagnostic.Location.IsInSource, "diagnostic must point into a syntax tree");
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            Assert.Equal((TestCompiler.FilePath(0), source.Line, source.Column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        }

        [Fact]
        public void SGEN016_class_not_partial_is_reported_once_on_its_identifier() =>
            Single(
                "public class /*!*/Clock\n{\n    [Tool] public string Now() => \"noon\";\n    [Tool] public string Zone() => \"UTC\";\n}",
                "SGEN016",
                "'Clock' must be a partial class because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Clock'");

        [Fact]
        public void SGEN016_containing_type_not_partial() =>
            Single(
                "public class /*!*/Outer { public partial class Inner { [Tool] public string Ping() => \"pong\"; } }",
                "SGEN016",
                "'Outer' must be declared partial because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Inner'");

        [Fact]
        public void SGEN016_tools_in_a_struct() =>
            Single(
                "public partial struct /*!*/Calc { [Tool] public static int Add(int a, int b) => a + b; }",
                "SGEN016",
                "'Calc' must be a partial class because StructGen adds tool members (ToolsJson, ToolDefinitions and a ToolSet factory) to 'Calc'");

        [Fact]
        public void SGEN017_unsupported_parameter_type_names_the_parameter() =>
            Single(
                "public partial class Jobs { [Tool] public string Run(string name, Action /*!*/callback) => name; }",
                "SGEN017",
                "Parameter 'callback' of tool method 'Run' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data");

        [Fact]
        public void SGEN017_object_and_dictionary_parameters()
        {
            var (run, _) = Run("public partial class Bag { [Tool] public string Put(object item, Dictionary<string, int> counts) => \"\"; }");
            Assert.Equal(new[] { "SGEN017", "SGEN017" }, run.Diagnostics.Select(d => d.Id));
            Assert.Equal("Parameter 'item' of tool method 'Put' has type 'object', which StructGen cannot map to a JSON Schema: use a concrete record type instead of 'object'", run.Diagnostics[0].GetMessage());
            Assert.StartsWith("Parameter 'counts' of tool method 'Put' has type 'Dictionary<string, int>', which StructGen cannot map to a JSON Schema: use a list of key/value records instead", run.Diagnostics[1].GetMessage());
            Assert.Empty(run.Sources);
        }

        [Fact]
        public void SGEN002_inside_a_record_parameter_still_names_the_property() =>
            Single(
                "public record Job(string Name, Action /*!*/Callback);\npublic partial class Jobs { [Tool] public string Run(Job job) => job.Name; }",
                "SGEN002",
                "Property 'Callback' of 'Job' has type 'Action', which StructGen cannot map to a JSON Schema: pointers and delegates are not data");

        [Fact]
        public void SGEN018_unsupported_return_type() =>
            Single(
                "public partial class Jobs { [Tool] public /*!*/object Run(string name) => name; }",
                "SGEN018",
                "Tool method 'Run' returns 'object', which StructGen cannot turn into a tool result: use a concrete record type instead of 'object'");

        [Fact]
        public void SGEN018_unsupported_awaited_return_type() =>
            Single(
                "public partial class Jobs { [Tool] public /*!*/System.Threading.Tasks.Task<Action> Run(string name) => throw null!; }",
                "SGEN018",
                "Tool method 'Run' returns 'Task<Action>', which StructGen cannot turn into a tool result: pointers and delegates are not data");

        [Fact]
        public void SGEN019_duplicate_tool_names_in_one_class() =>
            Single(
                "public partial class Weather\n{\n    [Tool] public string Forecast(string city) => city;\n    [Tool(Name = \"forecast\")] public string /*!*/Outlook(string city) => city;\n}",
                "SGEN019",
                "'Forecast' and 'Outlook' of 'Weather' both define the tool 'forecast'; tool names must be unique, set [Tool(Name = \"...\")] on one of them");

        [Fact]
        public void SGEN020_generic_method() =>
            Single(
                "public partial class Echoes { [Tool] public string /*!*/Echo<T>(string text) => text; }",
                "SGEN020",
                "'Echo' is generic, so the schema of tool method 'Echo' is not known at compile time; [Tool] methods must be non-generic and declared in non-generic classes");

        [Fact]
        public void SGEN020_generic_class() =>
            Single(
                "public partial class Box<T> { [Tool] public string /*!*/Echo(string text) => text; }",
                "SGEN020",
                "'Box' is generic, so the schema of tool method 'Echo' is not known at compile time; [Tool] methods must be non-generic and declared in non-generic classes");

        [Fact]
        public void SGEN021_by_reference_parameter() =>
            Single(
                "public partial class Counter { [Tool] public void Next(string name, out int /*!*/value) { value = 1; } }",
                "SGEN021",
                "Parameter 'value' of tool method 'Next' is declared 'out'; tool arguments arrive as JSON, so use a by-value parameter");

        [Fact]
        public void SGEN022_invalid_tool_name_points_at_the_name() =>
            Single(
                "public partial class Weather { [Tool(Name = /*!*/\"get weather\")] public string Forecast(string city) => city; }",
                "SGEN022",
                "The tool name 'get weather' of 'Forecast' is invalid: it must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'; set [Tool(Name = \"...\")]");

        [Fact]
        public void SGEN023_colliding_argument_types_of_two_classes()
        {
            var (run, source) = Run("public partial class Books { [Tool] public string Search(string q) => q; }\npublic partial class Films { [Tool] public string /*!*/Search(string q) => q; }");
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN023", diagnostic.Id);
            Assert.Equal(
                "Tool 'search' of 'Films' and tool 'search' of 'Books' would both generate the partial arguments type 'Demo.SearchArgumentsPartial'; give one of them another name with [Tool(Name = \"...\")] or move one class to another namespace",
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            AssertAtMarker(diagnostic, source);
            Assert.Contains("Demo.Books.Tools.g.cs", run.Sources.Keys);
            Assert.DoesNotContain("Demo.Films.Tools.g.cs", run.Sources.Keys);
        }

        [Fact]
        public void SGEN015_member_named_like_a_generated_member() =>
            Single(
                "public partial class Clock\n{\n    public static string /*!*/ToolsJson = \"\";\n    [Tool] public string Now() => \"noon\";\n}",
                "SGEN015",
                "'Clock' already declares a member named 'ToolsJson', which StructGen generates; rename or remove it");

        [Fact]
        public void SGEN015_member_named_like_the_generated_factory() =>
            Single(
                "public partial class Clock\n{\n    public object /*!*/AsToolSet() => null!;\n    [Tool] public string Now() => \"noon\";\n}",
                "SGEN015",
                "'Clock' already declares a member named 'AsToolSet', which StructGen generates; rename or remove it");

        [Fact]
        public void SGEN015_type_named_like_the_generated_arguments_class() =>
            Single(
                "public partial class Clock\n{\n    public class /*!*/NowArguments { }\n    [Tool] public string Now() => \"noon\";\n}",
                "SGEN015",
                "'Clock' already declares a member named 'NowArguments', which StructGen generates; rename or remove it");

        [Fact]
        public void SGEN010_private_tool_class() =>
            Single(
                "public partial class Outer { private partial class /*!*/Hidden { [Tool] public string Ping() => \"pong\"; } }",
                "SGEN010",
                "The type 'Hidden' is private, so generated code cannot use it; make it internal or public");

        [Fact]
        public void SGEN009_recursion_in_a_parameter_record() =>
            Single(
                "public record Link(string Name, Link /*!*/Next);\npublic partial class Chains { [Tool] public string Walk(Link start) => start.Name; }",
                "SGEN009",
                "Property 'Next' of 'Link' makes 'Link' contain itself through non-nullable members (Link.Next → Link), so no finite value exists; make the property nullable or a collection");

        [Fact]
        public void SGEN008_two_parameters_with_the_same_json_name() =>
            Single(
                "public partial class Weather { [Tool] public string Forecast(string cityName, string /*!*/city_name) => cityName; }",
                "SGEN008",
                "'CityName' and 'City_name' of 'ForecastArguments' both map to the JSON name 'city_name'; rename one or give it an explicit name ([JsonPropertyName] or, for enum members, [JsonStringEnumMemberName])");

        [Fact]
        public void Errors_in_one_tool_leave_the_whole_class_ungenerated_and_other_classes_untouched()
        {
            var (run, _) = Run("public partial class Good { [Tool] public string Ping() => \"pong\"; }\npublic partial class Bad { [Tool] public string Ok() => \"\"; [Tool] public string Run(Action callback) => \"\"; }");
            Assert.Equal("SGEN017", Assert.Single(run.Diagnostics).Id);
            Assert.Contains("Demo.Good.Tools.g.cs", run.Sources.Keys);
            Assert.DoesNotContain(run.Sources.Keys, k => k.StartsWith("Demo.Bad.", System.StringComparison.Ordinal));
        }
    }
}
