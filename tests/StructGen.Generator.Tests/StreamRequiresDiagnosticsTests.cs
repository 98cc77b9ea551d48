using System.Linq;
using Microsoft.CodeAnalysis;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>SGEN027: a [StreamRequires] contract that can never be met (exact id, location, message), and the generated gate.</summary>
    public class StreamRequiresDiagnosticsTests
    {
        private static (GeneratorRun Run, MarkedSource Source) Run(string body)
        {
            var source = new MarkedSource(body);
            return (GeneratorHarness.Run(TestCompiler.Create(source.Text)).AssertNoCrash(), source);
        }

        private static void AssertSingle(string body, string message)
        {
            var (run, source) = Run(body);
            Diagnostic diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("SGEN027", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            Assert.Equal((TestCompiler.FilePath(0), source.Line, source.Column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
            Assert.Equal("https://github.com/structgen/structgen/blob/main/docs/diagnostics.md#sgen027", diagnostic.Descriptor.HelpLinkUri);
            Assert.Contains("Demo.Chapter.Partial.g.cs", run.Sources.Keys); // A warning: generation goes on.
        }

        [Fact]
        public void SGEN027_a_member_that_can_grow_declared_before_the_gate_is_reported_on_the_attribute() =>
            AssertSingle(
                "[/*!*/StreamRequires(nameof(Title))] public record Chapter(int Number, string Body, string Title);\n[StructuredOutput] public partial record Book(System.Collections.Generic.List<Chapter> Chapters);",
                "[StreamRequires(\"Title\")] on 'Chapter' can never be met: in strict mode keys arrive in declaration order, so 'Body' (declared before 'Title') is complete before 'Title' starts and is never shown while it streams; declare 'Title' before the members it gates");

        [Fact]
        public void SGEN027_a_name_that_is_no_schema_member_is_reported_and_the_contract_ignored()
        {
            AssertSingle(
                "[/*!*/StreamRequires(\"Titel\")] public record Chapter(string Title, string Body);\n[StructuredOutput] public partial record Book(Chapter First);",
                "[StreamRequires(\"Titel\")] on 'Chapter' can never be met: 'Titel' is not a schema member of 'Chapter', so it never arrives; the contract is ignored (name the member with nameof)");
            var (run, _) = Run("[StreamRequires(\"Titel\")] public record Chapter(string Title, string Body);\n[StructuredOutput] public partial record Book(Chapter First);");
            Assert.DoesNotContain("WithholdUntilGate", run.Source("Demo.Chapter.Partial.g.cs"));
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
