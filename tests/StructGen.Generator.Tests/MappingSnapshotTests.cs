using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>Every mapping row: generated code compiles cleanly, every schema passes the strict-rule
    /// validator, and every generated file matches its snapshot.</summary>
    public class MappingSnapshotTests
    {
        public static IEnumerable<object[]> Rows => MappingRows.All.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Rows))]
        public void Row_compiles_is_strict_and_matches_snapshots(string row)
        {
            // DataAnnotations bounds are dropped for Anthropic and Gemini: SGEN024 says so (DialectSchemaTests checks it exactly).
            SchemaRun run = SchemaRun.Generate(MappingRows.All[row]).AssertCleanAndStrict(row == nameof(MappingRows.DataAnnotations) ? new[] { "SGEN024" } : new string[0]);
            Assert.NotEmpty(run.Run.Sources);
            foreach (var (hint, text) in run.Run.Sources.OrderBy(s => s.Key, System.StringComparer.Ordinal))
            {
                Snapshot.Verify(text, "Mapping." + row + "." + hint.Substring(0, hint.Length - ".cs".Length));
            }
        }
    }
}
