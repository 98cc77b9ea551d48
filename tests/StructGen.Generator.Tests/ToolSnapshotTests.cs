using System.Linq;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    public class ToolSnapshotTests
    {
        [Fact]
        public void Weather_tool_files_match_their_snapshots_and_compile_cleanly()
        {
            GeneratorRun run = GeneratorHarness.Run(ToolSources.Weather).AssertClean();
            Assert.Equal(
                new[] { "Demo.WeatherTools.Tools.g.cs", "Demo.WeatherTools.WeatherArguments.Partial.g.cs" },
                run.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            foreach (var (hint, text) in run.Sources)
            {
                Snapshot.Verify(text, "ToolTests." + hint.Substring(0, hint.Length - ".cs".Length));
            }
        }

        [Fact]
        public void Kitchen_sink_tool_files_match_their_snapshots_and_compile_cleanly()
        {
            GeneratorRun run = GeneratorHarness.Run(ToolSources.KitchenSink).AssertClean();
            foreach (var (hint, text) in run.Sources)
            {
                Snapshot.Verify(text, "ToolTests.KitchenSink." + hint.Substring(0, hint.Length - ".cs".Length));
            }
        }
    }
}
