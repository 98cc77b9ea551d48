using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    // Inside the namespace: the runtime's StructGen.SchemaDialect would otherwise win the lookup.
    using StructGen.Generator.Schema;

    /// <summary>
    /// [Tool] parameters schemas per dialect: each passes its dialect's validator, and SGEN024 is reported
    /// as for [StructuredOutput] types, for the declared dialects (Anthropic for strict tools only).
    /// </summary>
    public class ToolDialectTests
    {
        private const string Bounded = """
            public partial class SeatTools
            {
                [Tool(Strict = true)]
                public string Reserve(
                    [System.ComponentModel.DataAnnotations.Range(1, 9)] int /*!*/seats,
                    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Z]{3}$")] string code,
                    string? note = null) => code;
            }
            """;

        private static Dictionary<string, string> Targets(string dialects) =>
            new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = dialects };

        private static (GeneratorRun Run, MarkedSource Source) Run(string body, string dialects)
        {
            var source = new MarkedSource(body);
            return (GeneratorHarness.Run(TestCompiler.Create(source.Text), globalOptions: Targets(dialects)).AssertNoCrash(), source);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Every_dialect_of_a_tool_passes_its_validator_and_is_what_the_definition_carries(bool strict)
        {
            string body = strict ? Bounded : Bounded.Replace("[Tool(Strict = true)]", "[Tool]");
            var (run, _) = Run(body, "OpenAI");
            Assert.Empty(run.Diagnostics);
            string tools = run.Source("Demo.SeatTools.Tools.g.cs");
            var spec = run.GeneratorResult.TrackedSteps[TrackingNames.ToolClasses]
                .SelectMany(step => step.Outputs)
                .Select(output => (StructGen.Generator.Tools.ToolClassSpec)output.Value)
                .Single().Tools.Single().Arguments;

            string openAI = SchemaJsonBuilder.BuildSchema(spec, strict);
            string anthropic = strict ? SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.Anthropic) : openAI;
            string gemini = SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.Gemini);
            DialectSchemaValidator.AssertValid(SchemaDialect.Gemini, gemini);
            if (strict)
            {
                StrictSchemaValidator.AssertValid(openAI, "reserve");
                DialectSchemaValidator.AssertValid(SchemaDialect.Anthropic, anthropic);
                Assert.Contains("anthropicParametersJsonSchema: " + Escaping(anthropic) + ",", tools);
            }
            else
            {
                // A non-strict tool is plain JSON Schema to Anthropic: the bounds stay, enforced by nobody but us.
                Assert.Contains("\"minimum\":1", anthropic);
                Assert.Contains("anthropicParametersJsonSchema: null,", tools);
            }

            Assert.Contains("geminiParametersJsonSchema: " + Escaping(gemini) + ")", tools);
            Assert.Equal(openAI, run.ReadStaticString("Demo.SeatTools+ReserveArguments", "JsonSchema"));
        }

        [Fact]
        public void SGEN024_a_bound_a_strict_tool_sends_to_Anthropic_names_the_parameter()
        {
            var (run, source) = Run(Bounded, "Anthropic");
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN024", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Equal(
                "Property 'Seats' of 'ReserveArguments': Anthropic structured outputs rejects 'minimum', 'maximum', so its schema states the constraint in the description instead and the provider does not enforce it",
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            Assert.Equal((TestCompiler.FilePath(0), source.Line, source.Column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
            Assert.Contains("Demo.SeatTools.Tools.g.cs", run.Sources.Keys);
        }

        [Fact]
        public void SGEN024_is_not_reported_to_Anthropic_for_a_non_strict_tool_and_is_for_Gemini()
        {
            string body = Bounded.Replace("[Tool(Strict = true)]", "[Tool]")
                .Replace("/*!*/seats", "seats")
                .Replace("string code", "string /*!*/code");
            var (anthropic, _) = Run(body, "Anthropic");
            Assert.Empty(anthropic.Diagnostics);

            var (gemini, source) = Run(body, "Anthropic;Gemini");
            Diagnostic diagnostic = Assert.Single(gemini.Diagnostics);
            Assert.Equal("SGEN024", diagnostic.Id);
            Assert.Equal(
                "Property 'Code' of 'ReserveArguments': Gemini responseJsonSchema rejects 'pattern', so its schema states the constraint in the description instead and the provider does not enforce it",
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(source.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        }

        private static string Escaping(string schema) => StructGen.Generator.Infrastructure.Escaping.CSharpVerbatimString(schema);
    }
}
