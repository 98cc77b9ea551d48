using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The generator never throws, and what it generates compiles, over inputs designed to break it.</summary>
    public class HostileCorpusTests
    {
        private const string U = Sources.Usings;

        /// <summary>Name → (full source, diagnostic ids expected from the generator; null = compile errors
        /// in the input, only "no crash" is asserted).</summary>
        public static readonly Dictionary<string, (string Source, string[]? Ids)> Corpus = new()
        {
            ["GenericRoot"] = (U + "namespace Demo { [StructuredOutput] public partial record Box<T>(T Value); }", new[] { "SGEN004" }),
            ["GenericContainer"] = (U + "namespace Demo { public partial class Outer<T> { [StructuredOutput] public partial record Inner(string A); } }", new[] { "SGEN004" }),
            ["ClosedGenericMember"] = (U + "namespace Demo { public record Page<T>(List<T> Items, int Total); public record Row(string Name); [StructuredOutput] public partial record Result(Page<Row> Rows, Page<string> Names); }", new string[0]),
            ["RunawayGenericExpansion"] = (U + "namespace Demo { public record Chain<T>(T Value, Chain<List<T>>? Next); [StructuredOutput] public partial record Start(Chain<int> First); }", new[] { "SGEN006" }),
            ["DeeplyNestedContainers"] = (U + "namespace Demo { public partial class A { public partial struct B { internal partial record C { public partial class D { [StructuredOutput] public partial record E(string Leaf); } } } } }", new string[0]),
            ["GlobalNamespace"] = (U + "[StructuredOutput] public partial record GlobalThing(string A, GlobalChild Child); public record GlobalChild(int B);", new string[0]),
            ["PrivateNested"] = (U + "namespace Demo { public partial class Outer { [StructuredOutput] private partial record Hidden(string A); } }", new[] { "SGEN010" }),
            ["FileLocal"] = (U + "namespace Demo { [StructuredOutput] file partial record Local(string A); }", new[] { "SGEN010" }),
            ["KeywordNames"] = (U + "namespace @public.@class { [StructuredOutput] public partial record @class(string @event, int @int, @enum @switch); public enum @enum { @default, @case } }", new string[0]),
            ["UnicodeIdentifiers"] = (U + "namespace Démo { [StructuredOutput(Name = \"buecher\")] public partial record Bücher(string Títle, int 数量, Catégorie Catégorie); public enum Catégorie { Roman, Poésie } }", new string[0]),
            ["PrimaryConstructorPlusProperties"] = (U + "namespace Demo { [StructuredOutput] public partial record Mixed(string A) { public int B { get; init; } public string C { get; set; } = \"\"; public int D => 1; public static int E { get; set; } public int this[int i] => i; } }", new string[0]),
            ["Inheritance"] = (U + "namespace Demo { public record Base(string A); [StructuredOutput] public partial record Derived(string A, int B) : Base(A); }", new string[0]),
            ["SyntaxErrors"] = (U + "namespace Demo { [StructuredOutput] public partial record Broken(string A, int B { }", null),
            ["UnknownTypes"] = (U + "namespace Demo { [StructuredOutput] public partial record Broken(string A, Missing B, List<AlsoMissing> C); }", null),
            ["WrongAttributeArguments"] = (U + "namespace Demo { [StructuredOutput(Description = 42, Name = null)] public partial record Odd(string A); }", null),
            ["SplitPartialDeclarations"] = (U + "namespace Demo { [StructuredOutput] public partial record Split(string A); public partial record Split { public int B { get; init; } } }", new string[0]),
            ["EmptyRecord"] = (U + "namespace Demo { [StructuredOutput] public partial record Nothing; }", new string[0]),
            ["ReadonlyStructRoot"] = (U + "namespace Demo { [StructuredOutput] public readonly partial struct Point { public Point(int x, int y) { X = x; Y = y; } public int X { get; } public int Y { get; } } }", new string[0]),
            ["SelfRecursion"] = (U + "namespace Demo { [StructuredOutput] public partial record Node(string Name, Node? Next, List<Node> Children); }", new string[0]),
            ["MutualRecursion"] = (U + "namespace Demo { [StructuredOutput] public partial record A(B? B, List<A> Siblings); public record B(A A, C? C); public record C(B B); }", new string[0]),
            ["NonTerminatingRecursion"] = (U + "namespace Demo { [StructuredOutput] public partial record A(B B); public record B(A A); }", new[] { "SGEN009" }),
            ["EnumAliases"] = (U + "namespace Demo { public enum E { A = 1, B = 1, C } [StructuredOutput] public partial record R(E Value); }", new string[0]),
            ["FlagsEnum"] = (U + "namespace Demo { [Flags] public enum F { A = 1, B = 2 } [StructuredOutput] public partial record R(F Value); }", new[] { "SGEN002" }),
            ["EmptyEnum"] = (U + "namespace Demo { public enum E { } [StructuredOutput] public partial record R(E Value); }", new[] { "SGEN002" }),
            ["RequiredAndSetsRequiredMembers"] = (U + "namespace Demo { [StructuredOutput] public partial class R { [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public R() { Name = \"\"; } public required string Name { get; set; } } }", new string[0]),
            ["StaticContainer"] = (U + "namespace Demo { public static partial class Holder { [StructuredOutput] public partial record Inner(string A); } }", new string[0]),
            ["TuplesAndPointers"] = (U + "namespace Demo { [StructuredOutput] public partial record R((int, string) Pair, IntPtr Handle, object Anything, dynamic Whatever); }", new[] { "SGEN002", "SGEN002", "SGEN003", "SGEN003" }),
            ["MultiDimensionalArray"] = (U + "namespace Demo { [StructuredOutput] public partial record R(int[,] Grid, int[][] Jagged); }", new[] { "SGEN002" }),
            ["InterfaceMember"] = (U + "namespace Demo { public interface IShape { double Area { get; } } [StructuredOutput] public partial record R(IShape Shape); }", new[] { "SGEN002" }),
            ["CustomCollection"] = (U + "namespace Demo { public class Bag : List<int> { } [StructuredOutput] public partial record R(Bag Items); }", new[] { "SGEN002" }),
            ["SameNameDifferentNamespaces"] = (U + "namespace A { public record Item(string X); } namespace B { public record Item(int Y); } namespace Demo { [StructuredOutput] public partial record R(A.Item First, B.Item Second, A.Item Again); }", new string[0]),
            ["NullableDisabledContext"] = (U + "#nullable disable\nnamespace Demo { [StructuredOutput] public partial record R(string Text, List<string> Items); }", new string[0]),
            ["MemberNamedLikeAnotherMembersState"] = (U + "namespace Demo { [StructuredOutput] public partial record R(string Name, int NameState, string State, Inner Node); public record Inner(string Snapshot, int Version, string NodeState); }", new string[0]),
            ["PolymorphicWithSelfAndInts"] = (U + "namespace Demo { [JsonDerivedType(typeof(Expr), 0)] [JsonDerivedType(typeof(Add), 1)] public record Expr(int Value); public record Add(Expr Left, Expr Right) : Expr(0); [StructuredOutput] public partial record Calc(Expr Root); }", new string[0]),
        };

        public static IEnumerable<object[]> Cases => Corpus.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Cases))]
        public void Generator_survives_and_generated_code_compiles(string name)
        {
            var (source, ids) = Corpus[name];
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source)).AssertNoCrash();

            if (ids is null)
            {
                Assert.DoesNotContain(GeneratorRun.GeneratedCodeProblems(run.Output), d => d.Severity == DiagnosticSeverity.Error);
                return;
            }

            Assert.Equal(ids.OrderBy(i => i), run.Diagnostics.Select(d => d.Id).OrderBy(i => i));
            if (ids.Length == 0)
            {
                run.AssertClean();
                foreach (var (hint, text) in run.Sources.Where(s => s.Key.EndsWith(".Schema.g.cs", System.StringComparison.Ordinal)))
                {
                    StrictSchemaValidator.AssertValid(SchemaRun.ReadLiteral(text, "JsonSchema"), SchemaRun.ReadLiteral(text, "SchemaName"));
                }
            }
            else
            {
                Assert.Empty(GeneratorRun.GeneratedCodeProblems(run.Output));
            }
        }

        [Fact]
        public void Two_hundred_properties()
        {
            string properties = string.Join(", ", Enumerable.Range(0, 200).Select(i => "int Value" + i));
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(U + "namespace Demo { [StructuredOutput] public partial record Wide(" + properties + "); }")).AssertClean();
            string schema = SchemaRun.ReadLiteral(run.Source("Demo.Wide.Schema.g.cs"), "JsonSchema");
            using JsonDocument document = JsonDocument.Parse(schema);
            Assert.Equal(200, document.RootElement.GetProperty("properties").EnumerateObject().Count());
            Assert.Equal("value199", document.RootElement.GetProperty("required")[199].GetString());
        }

        [Fact]
        public void Keyword_and_unicode_names_round_trip()
        {
            GeneratorRun keywords = GeneratorHarness.Run(TestCompiler.Create(Corpus["KeywordNames"].Source)).AssertClean();
            string schema = keywords.ReadStaticString("public.class.class", "JsonSchema");
            JsonAssert.Equal("""{"type":"object","properties":{"event":{"type":"string"},"int":{"type":"integer"},"switch":{"type":"string","enum":["default","case"]}},"required":["event","int","switch"],"additionalProperties":false}""", schema);

            GeneratorRun unicode = GeneratorHarness.Run(TestCompiler.Create(Corpus["UnicodeIdentifiers"].Source)).AssertClean();
            Assert.Contains("Démo.Bücher.Schema.g.cs", unicode.Sources.Keys);
            JsonAssert.Equal(
                """{"type":"object","properties":{"títle":{"type":"string"},"数量":{"type":"integer"},"catégorie":{"type":"string","enum":["roman","poésie"]}},"required":["títle","数量","catégorie"],"additionalProperties":false}""",
                unicode.ReadStaticString("Démo.Bücher", "JsonSchema"));
        }

        [Fact]
        public void Inheritance_lists_base_members_first_and_global_namespace_gets_a_plain_hint()
        {
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(Corpus["Inheritance"].Source)).AssertClean();
            Assert.Contains("\"required\":[\"a\",\"b\"]", SchemaRun.ReadLiteral(run.Source("Demo.Derived.Schema.g.cs"), "JsonSchema"));

            GeneratorRun global = GeneratorHarness.Run(TestCompiler.Create(Corpus["GlobalNamespace"].Source)).AssertClean();
            Assert.StartsWith("// <auto-generated/>\n// Generated by StructGen.Generator", global.Source("GlobalThing.Schema.g.cs"));
            Assert.Contains("\n#nullable enable\n\npartial record GlobalThing\n{", global.Source("GlobalThing.Schema.g.cs"));
            Assert.Contains("GlobalThingPartial", global.Source("GlobalThing.Partial.g.cs"));
        }

        public static IEnumerable<object[]> NastyTexts => new[]
        {
            new object[] { "He said \"hi\" and left" },
            new object[] { "back\\slash and \\n not a newline" },
            new object[] { "line one\nline two\r\nline three\ttabbed" },
            new object[] { "closes a comment */ and opens /* one" },
            new object[] { "raw \"\"\" triple quotes \"\"\"\" and more" },
            new object[] { "Ünïcödé – “quotes” — 日本語 — emoji 😀 — done" },
            new object[] { "separators \u2028 and \u2029 and NEL \u0085 and control \u0001\u001f" },
            new object[] { "braces {0} {{ }} and <xml> & ampersand" },
            new object[] { "@\"verbatim\"\" look-alike" },
        };

        [Theory]
        [MemberData(nameof(NastyTexts))]
        public void Descriptions_with_hostile_text_compile_and_round_trip_exactly(string text)
        {
            string literal = SymbolDisplay.FormatLiteral(text, quote: true);
            string source = U + "namespace Demo { [StructuredOutput(Description = " + literal + ")] public partial record Quote([property: Description(" + literal + ")] string Text, Level Level); public enum Level { [Description(" + literal + ")] Low } }";
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source)).AssertClean();

            using JsonDocument schema = JsonDocument.Parse(run.ReadStaticString("Demo.Quote", "JsonSchema"));
            Assert.Equal(text, schema.RootElement.GetProperty("properties").GetProperty("text").GetProperty("description").GetString());
            Assert.Equal("- low: " + text, schema.RootElement.GetProperty("properties").GetProperty("level").GetProperty("description").GetString());

            using JsonDocument format = JsonDocument.Parse(run.ReadStaticString("Demo.Quote", "ResponseFormatJson"));
            Assert.Equal(text, format.RootElement.GetProperty("json_schema").GetProperty("description").GetString());
        }

        [Theory]
        [InlineData(LanguageVersion.CSharp8)]
        [InlineData(LanguageVersion.CSharp9)]
        public void Generated_code_compiles_with_old_language_versions(LanguageVersion version)
        {
            string source = U + "namespace Demo { [StructuredOutput(Description = \"Old \\\"style\\\"\\n\")] public partial class Legacy { [Description(\"Quote \\\" here\")] public string Name { get; set; } = \"\"; public List<int> Values { get; set; } = new List<int>(); } }";
            CSharpCompilation compilation = TestCompiler.Create(new[] { source }, version);
            GeneratorRun run = GeneratorHarness.Run(compilation).AssertClean();
            Assert.Contains("Demo.Legacy.Schema.g.cs", run.Sources.Keys);
        }
    }
}
