using System.Linq;
using System.Text.Json;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Generated tool code compiles without warnings for unusual but valid declarations.</summary>
    public class ToolCompileTests
    {
        private const string EdgeCases = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using StructGen;

            public partial class GlobalTools
            {
                [Tool] public static string Ping() => "pong";
            }

            namespace Demo.Deep
            {
                [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
                [JsonDerivedType(typeof(Circle), "circle")]
                [JsonDerivedType(typeof(Square), "square")]
                public abstract record Shape;
                public sealed record Circle(double Radius) : Shape;
                public sealed record Square(double Side) : Shape;

                public record Stamp(DateTime At, DateTimeOffset Offset, Guid Id, TimeSpan Took, Uri Link, TimeOnly Time, char Initial, decimal Price, long Big, byte Small);

                [StructuredOutput]
                public partial record Report(string Title)
                {
                    [Tool(Description = "A tool on a structured-output record")]
                    public string Describe(string format) => Title + format;
                }

                public partial class Outer
                {
                    internal partial class Inner
                    {
                        [Tool] public Task<Shape?> PickAsync(int sides, bool filled = true) => Task.FromResult<Shape?>(sides == 0 ? new Circle(1) : new Square(2));

                        [Tool] public Stamp Stamp(Stamp input) => input;

                        [Tool] public HashSet<string> Unique(params string[] values) => new HashSet<string>(values);

                        [Tool(Name = "search")] public string Search(string query) => query;

                        [Tool(Name = "search_limited")] public string Search(string query, int limit) => query + limit;

                        [Tool] public string Keywords(string @class, int node, string state, string structuredOutput, Guid? maybe = null, DateTime when = default, string? note = "n\"q") => @class;

                        [Tool(Strict = true)] public async ValueTask ResetAsync(CancellationToken first, CancellationToken second) => await Task.Delay(0, first);
                    }
                }

                public static partial class Utilities
                {
                    /// <summary>Adds.</summary>
                    [Tool] public static int Add(int a, int b = 2) => a + b;
                }
            }
            """;

        [Fact]
        public void Unusual_tool_declarations_generate_clean_code()
        {
            GeneratorRun run = GeneratorHarness.Run(EdgeCases).AssertClean();
            Assert.Contains("GlobalTools.Tools.g.cs", run.Sources.Keys);
            Assert.Contains("Demo.Deep.Outer.Inner.Tools.g.cs", run.Sources.Keys);
            Assert.Contains("Demo.Deep.Report.Tools.g.cs", run.Sources.Keys);
            Assert.Contains("Demo.Deep.Utilities.Tools.g.cs", run.Sources.Keys);

            using JsonDocument tools = JsonDocument.Parse(run.ReadStaticString("Demo.Deep.Outer+Inner", "ToolsJson"));
            Assert.Equal(
                new[] { "pick", "stamp", "unique", "search", "search_limited", "keywords", "reset" },
                tools.RootElement.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
            JsonElement keywords = tools.RootElement[5].GetProperty("function").GetProperty("parameters");
            Assert.Equal(
                new[] { "class", "node", "state", "structured_output", "maybe", "when", "note" },
                keywords.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.Equal("[\"class\",\"node\",\"state\",\"structured_output\"]", keywords.GetProperty("required").GetRawText());
            StrictSchemaValidator.AssertValid(tools.RootElement[6].GetProperty("function").GetProperty("parameters").GetRawText(), "reset");
            Assert.Contains("public static global::StructGen.Tools.ToolSet CreateToolSet()", run.Sources["Demo.Deep.Utilities.Tools.g.cs"]);
            Assert.Contains("public global::StructGen.Tools.ToolSet AsToolSet()", run.Sources["Demo.Deep.Outer.Inner.Tools.g.cs"]);
        }
    }
}
