using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>
    /// What [Tool] diagnostics do to generation: which classes are still generated. Each diagnostic's exact
    /// span and message are checked on the standard harness (tests/StructGen.CodeFixes.Tests/Harness).
    /// </summary>
    public class ToolDiagnosticsTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body)
        {
            var source = new MarkedSource(body);
            GeneratorRun run = GeneratorHarness.Run(TestCompiler.Create(source.Text)).AssertNoCrash();
            return (run, source);
        }

        [Fact]
        public void SGEN023_the_first_class_keeps_its_tools_and_the_second_is_not_generated()
        {
            var (run, source) = Run("public partial class Books { [Tool] public string Search(string q) => q; }\npublic partial class Films { [Tool] public string /*!*/Search(string q) => q; }");
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN023", diagnostic.Id);
            Assert.Equal(source.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
            Assert.Contains("Demo.Books.Tools.g.cs", run.Sources.Keys);
            Assert.DoesNotContain("Demo.Films.Tools.g.cs", run.Sources.Keys);
        }

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
