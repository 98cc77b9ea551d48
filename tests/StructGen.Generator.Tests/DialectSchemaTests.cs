using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    // Inside the namespace: the runtime's StructGen.SchemaDialect would otherwise win the lookup.
    using StructGen.Generator.Schema;

    /// <summary>
    /// Every mapping row in the Anthropic and Gemini dialects passes that dialect's validator, and the
    /// generated descriptor carries exactly the dialect text the builder produces.
    /// </summary>
    public class DialectSchemaTests
    {
        public static IEnumerable<object[]> Rows =>
            from row in MappingRows.All.Keys
            from dialect in new[] { nameof(SchemaDialect.Anthropic), nameof(SchemaDialect.Gemini) }
            select new object[] { row, dialect };

        [Theory]
        [MemberData(nameof(Rows))]
        public void Row_is_valid_in_the_dialect_and_is_what_the_descriptor_carries(string row, string dialectName)
        {
            var dialect = (SchemaDialect)System.Enum.Parse(typeof(SchemaDialect), dialectName);
            SchemaRun run = SchemaRun.Generate(MappingRows.All[row]).AssertCleanAndStrict(row == nameof(MappingRows.DataAnnotations) ? new[] { "SGEN024" } : new string[0]);
            foreach (var spec in run.Specs)
            {
                string schema = SchemaJsonBuilder.BuildSchema(spec, dialect);
                DialectSchemaValidator.AssertValid(dialect, schema);
                string basis = SchemaJsonBuilder.BuildSchema(spec, dialect == SchemaDialect.Anthropic ? SchemaDialect.OpenAIStrict : SchemaDialect.Natural);
                string descriptor = run.Run.Sources.Single(s => s.Key.EndsWith("." + spec.Root.Declaration.Name.TrimStart('@') + ".StructuredOutput.g.cs")).Value;
                string argument = (dialect == SchemaDialect.Anthropic ? "anthropicJsonSchema: " : "geminiJsonSchema: ") + (schema == basis ? "null" : Escaping.CSharpVerbatimString(schema)) + ",";
                Assert.Contains(argument, descriptor);
            }
        }

        [Fact]
        public void The_dialect_validators_reject_what_they_are_there_to_catch()
        {
            // The validator itself must fail on the keywords it is there to catch.
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => DialectSchemaValidator.AssertValid(SchemaDialect.Anthropic, """{"type":"object","properties":{"a":{"type":"integer","minimum":1}},"required":["a"],"additionalProperties":false}"""));
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => DialectSchemaValidator.AssertValid(SchemaDialect.Anthropic, """{"type":"object","properties":{"a":{"type":["string","null"]}},"required":["a"],"additionalProperties":false}"""));
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => DialectSchemaValidator.AssertValid(SchemaDialect.Gemini, """{"type":"object","properties":{"a":{"type":"string","pattern":"x"}}}"""));
        }
    }
}
