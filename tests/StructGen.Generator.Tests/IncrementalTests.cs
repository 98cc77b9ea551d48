using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StructGen.Generator.Model;
using StructGen.Generator.Tests.Infrastructure;
using Xunit;

namespace StructGen.Generator.Tests
{
    /// <summary>The pipeline caches: unchanged input → every named step Cached/Unchanged; one edited type
    /// → only that type's outputs are regenerated.</summary>
    public class IncrementalTests
    {
        private static readonly string BookFile = Sources.Book;

        private static readonly string NoteFile = Sources.Usings + """
            namespace Demo
            {
                [StructuredOutput]
                public partial record Note(string Text, int Stars);
            }
            """;

        private const string UnrelatedFile = """
            namespace Demo
            {
                public static class Helper
                {
                    public static int Twice(int x) => x * 2;
                }
            }
            """;

        private static readonly IncrementalStepRunReason[] Quiet = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

        [Fact]
        public void Second_run_leaves_every_named_step_cached()
        {
            CSharpCompilation compilation = TestCompiler.Create(BookFile, NoteFile, UnrelatedFile);
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();
            GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver);

            AssertQuiet(second.GeneratorResult, expectSteps: true);
            Assert.All(second.GeneratorResult.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
        }

        [Fact]
        public void Unrelated_edit_leaves_every_named_step_cached_or_unchanged()
        {
            CSharpCompilation compilation = TestCompiler.Create(BookFile, NoteFile, UnrelatedFile);
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            CSharpCompilation edited = Replace(compilation, 2, UnrelatedFile.Replace("x * 2", "x + x") + "\nnamespace Demo { public class Extra { public int Value { get; set; } } }\n");
            GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

            AssertQuiet(second.GeneratorResult, expectSteps: true);
            Assert.All(second.GeneratorResult.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
        }

        [Fact]
        public void Adding_a_file_leaves_every_named_step_cached_or_unchanged()
        {
            CSharpCompilation compilation = TestCompiler.Create(BookFile, NoteFile);
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedFile, TestCompiler.ParseOptions(), path: "/src/Added.cs"));
            GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

            AssertQuiet(second.GeneratorResult, expectSteps: true);
        }

        [Fact]
        public void Editing_one_type_regenerates_only_that_types_outputs()
        {
            CSharpCompilation compilation = TestCompiler.Create(BookFile, NoteFile, UnrelatedFile);
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            CSharpCompilation edited = Replace(compilation, 1, NoteFile.Replace("int Stars", "int Stars, string Author"));
            GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertClean();

            var specs = second.GeneratorResult.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs)
                .ToDictionary(o => ((StructuredTypeSpec)o.Value).SchemaName, o => o.Reason);
            Assert.Contains(specs["Book"], Quiet);
            Assert.Equal(IncrementalStepRunReason.Modified, specs["Note"]);

            // Every output of a root (schema, descriptor + client methods) and of each partial type.
            var outputs = second.GeneratorResult.TrackedOutputSteps["SourceOutput"]
                .Select(step => (Owner: OwnerOf(step.Inputs.Select(i => i.Source.Outputs[i.OutputIndex].Value).FirstOrDefault()), Reason: step.Outputs.Single().Reason))
                .Where(x => x.Owner is not null)
                .ToLookup(x => x.Owner!, x => x.Reason);
            Assert.Equal(2, outputs["Book"].Count());
            Assert.All(outputs["Book"], reason => Assert.Contains(reason, Quiet));
            Assert.All(outputs["BookPartial"], reason => Assert.Contains(reason, Quiet));
            Assert.All(outputs["Note"], reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
            Assert.All(outputs["NotePartial"], reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
            Assert.NotEmpty(outputs["NotePartial"]);
            Assert.Contains("\"author\"", second.Sources["Demo.Note.Schema.g.cs"]);
        }

        private static string? OwnerOf(object? value) => value switch
        {
            StructuredTypeSpec spec => spec.SchemaName,
            StructGen.Generator.Emitting.Streaming.PartialTypeModel model => model.Type.Declaration.Name + "Partial",
            _ => null,
        };

        [Fact]
        public void Editing_a_reachable_type_in_another_file_regenerates_its_root()
        {
            const string authorFile = """
                using System.ComponentModel;
                namespace Demo
                {
                    public record Writer([property: Description("Name")] string Name);
                }
                """;
            string root = Sources.Usings + "namespace Demo { [StructuredOutput] public partial record Essay(string Title, Writer Writer); }";
            CSharpCompilation compilation = TestCompiler.Create(root, authorFile);
            GeneratorRun first = GeneratorHarness.Run(compilation).AssertClean();

            GeneratorRun second = GeneratorHarness.Run(Replace(compilation, 1, authorFile.Replace("\"Name\"", "\"Full name\"")), first.Driver).AssertClean();
            Assert.Contains("Full name", second.Sources["Demo.Essay.Schema.g.cs"]);
        }

        [Fact]
        public void Changing_the_msbuild_default_reruns_resolution_but_not_parsing()
        {
            CSharpCompilation compilation = TestCompiler.Create(BookFile);
            GeneratorDriver driver = GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["build_property.StructGenNamingPolicy"] = "snake_case" });
            GeneratorRun first = GeneratorHarness.Run(compilation, driver).AssertClean();

            GeneratorDriver changed = first.Driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.StructGenNamingPolicy"] = "CamelCase" }));
            GeneratorRun second = GeneratorHarness.Run(compilation, changed).AssertClean();

            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.StructuredOutputTypes].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
            Assert.Contains("\"publishedYear\"", second.Sources["Demo.Book.Schema.g.cs"]);
        }

        private static readonly string BoundedFile = Sources.Usings + """
            namespace Demo
            {
                [StructuredOutput]
                public partial record Review([property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Stars);
            }
            """;

        [Fact]
        public void Second_run_with_the_same_declared_dialects_leaves_every_named_step_cached()
        {
            CSharpCompilation compilation = TestCompiler.Create(BoundedFile, UnrelatedFile);
            var options = new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = "Anthropic;Gemini" };
            GeneratorRun first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(options)).AssertClean("SGEN024");
            Assert.Contains(first.Diagnostics, d => d.Id == "SGEN024");

            GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver).AssertClean("SGEN024");
            AssertQuiet(second.GeneratorResult, expectSteps: true);
            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.DialectTargets].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

            // The same values from a new options provider (what a design-time rebuild does) are Unchanged, not Modified.
            GeneratorDriver same = second.Driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string>(options)));
            GeneratorRun third = GeneratorHarness.Run(compilation.Clone(), same).AssertClean("SGEN024");
            AssertQuiet(third.GeneratorResult, expectSteps: true);
        }

        [Fact]
        public void Declaring_another_dialect_reruns_resolution_but_not_parsing()
        {
            CSharpCompilation compilation = TestCompiler.Create(BoundedFile);
            GeneratorDriver driver = GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = "OpenAI" });
            GeneratorRun first = GeneratorHarness.Run(compilation, driver).AssertClean();
            Assert.Empty(first.Diagnostics);

            GeneratorDriver changed = first.Driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.StructGenSchemaDialects"] = "OpenAI;Anthropic" }));
            GeneratorRun second = GeneratorHarness.Run(compilation, changed).AssertClean("SGEN024");

            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.StructuredOutputTypes].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
            // What is emitted does not depend on the declared dialects, so the specs step is Unchanged.
            Assert.All(second.GeneratorResult.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Quiet));
            Assert.Equal("SGEN024", Assert.Single(second.Diagnostics).Id);
        }

        private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == TestCompiler.FilePath(index));
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, TestCompiler.ParseOptions(), path: old.FilePath));
        }

        private static void AssertQuiet(GeneratorRunResult result, bool expectSteps)
        {
            foreach (string name in TrackingNames.All)
            {
                if (!result.TrackedSteps.TryGetValue(name, out var steps))
                {
                    Assert.False(expectSteps && name != TrackingNames.Diagnostics, "Missing tracked step " + name);
                    continue;
                }

                foreach (IncrementalGeneratorRunStep step in steps)
                {
                    foreach (var (_, reason) in step.Outputs)
                    {
                        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
                    }
                }
            }
        }
    }
}
