using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The generated [StreamRequires] gate (SGEN027 itself is tested on the standard harness in StructGen.CodeFixes.Tests).</summary>
    public class StreamRequiresGateTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body)
        {
            var source = new MarkedSource(body);
            return (GeneratorHarness.Run(TestCompiler.Create(source.Text)).AssertNoCrash(), source);
        }

        [Fact]
        public void A_gate_declared_first_or_after_atomic_kinds_only_is_not_reported_and_generates_the_gate()
        {
            var (run, _) = Run("[StreamRequires(nameof(Title))] public record Chapter(int Number, [property: StreamAtomic] string Code, string Title, string Body);\n[StructuredOutput] public partial record Book(System.Collections.Generic.List<Chapter> Chapters);");
            Assert.Empty(run.Diagnostics);
            string partial = run.Source("Demo.Chapter.Partial.g.cs");
            Assert.Contains("WithholdUntilGate();", partial);
            Assert.Contains("Gate(new global::StructGen.Streaming.Generated.StringNode(this, \"title\"", partial);
            run.AssertClean();
        }
    }
}
