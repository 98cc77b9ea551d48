using System.Linq;
using System.Text.Json;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    public class BookTests
    {
        private const string CassettePath = "cassettes/openai-o4-mini/complex_object_streaming.yaml";

        [Fact]
        public void Every_generated_Book_file_matches_its_snapshot_and_compiles_cleanly()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Book).AssertClean();
            Assert.Equal(
                new[] { "Demo.Author.Partial.g.cs", "Demo.Book.Partial.g.cs", "Demo.Book.Schema.g.cs", "Demo.Book.StructuredOutput.g.cs" },
                run.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            foreach (var (hint, text) in run.Sources)
            {
                Snapshot.Verify(text, "BookTests." + hint.Substring(0, hint.Length - ".cs".Length));
            }
        }

        [Fact]
        public void Book_response_format_equals_the_recorded_session()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Book).AssertClean();
            string responseFormat = run.ReadStaticString("Demo.Book", "ResponseFormatJson");

            using JsonDocument recorded = JsonDocument.Parse(RepositoryFiles.FirstRequestBody(CassettePath));
            JsonAssert.Equal(recorded.RootElement.GetProperty("response_format").GetRawText(), responseFormat);
        }

        [Fact]
        public void Book_json_schema_is_the_schema_inside_response_format()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Book).AssertClean();
            string schema = run.ReadStaticString("Demo.Book", "JsonSchema");
            string responseFormat = run.ReadStaticString("Demo.Book", "ResponseFormatJson");
            using JsonDocument format = JsonDocument.Parse(responseFormat);

            JsonAssert.Equal(format.RootElement.GetProperty("json_schema").GetProperty("schema").GetRawText(), schema);
            Assert.Equal("Book", run.ReadStaticString("Demo.Book", "SchemaName"));
            StrictSchemaValidator.AssertValid(schema, "Book");
        }

        [Fact]
        public void Book_schema_keeps_declaration_order_and_compact_form()
        {
            GeneratorRun run = GeneratorHarness.Run(Sources.Book).AssertClean();
            string schema = run.ReadStaticString("Demo.Book", "JsonSchema");

            Assert.StartsWith("{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\",\"description\":\"The book title\"},\"author\":{", schema);
            Assert.EndsWith("\"required\":[\"title\",\"author\",\"genres\",\"published_year\"],\"additionalProperties\":false}", schema);
            Assert.DoesNotContain(" ", schema.Replace("Author's name", string.Empty).Replace("Author's nationality", string.Empty).Replace("The book title", string.Empty).Replace("List of genres", string.Empty).Replace("Year the book was published", string.Empty));
        }
    }
}
