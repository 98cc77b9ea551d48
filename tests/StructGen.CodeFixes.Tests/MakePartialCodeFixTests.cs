using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StructGen.CodeFixes;
using StructGen.Generator;
using Xunit;

namespace StructGen.CodeFixes.Tests
{
    public class MakePartialCodeFixTests
    {
        [Fact]
        public async Task Adds_partial_to_the_type_and_its_containing_types_and_the_diagnostic_goes_away()
        {
            const string source = """
                using StructGen;
                namespace Demo
                {
                    public static class Outer
                    {
                        [StructuredOutput]
                        public sealed record Book(string Title);
                    }
                }
                """;
            var document = CreateDocument(source);
            var diagnostics = await GeneratorDiagnosticsAsync(document);
            // One for the record, one for its non-partial container; fixing the record fixes both.
            Assert.Equal(2, diagnostics.Count(d => d.Id == "SGEN001"));
            var sgen001 = diagnostics.First(d => d.Id == "SGEN001" && d.GetMessage().Contains("Book"));

            var fixedDocument = await ApplyFixAsync(document, sgen001);
            var text = (await fixedDocument.GetTextAsync()).ToString();
            Assert.True(text.Contains("public sealed partial record Book(string Title);"), text);
            Assert.Contains("public static partial class Outer", text);
            Assert.Contains("public sealed partial record Book(string Title);", text);
            Assert.DoesNotContain(await GeneratorDiagnosticsAsync(fixedDocument), d => d.Id == "SGEN001");
        }

        [Fact]
        public async Task Keeps_leading_trivia_when_the_type_has_no_modifiers()
        {
            const string source = "using StructGen;\n/// <summary>Doc.</summary>\n[StructuredOutput]\nrecord Book(string Title);\n";
            var document = CreateDocument(source);
            var sgen001 = Assert.Single(await GeneratorDiagnosticsAsync(document), d => d.Id == "SGEN001");
            var text = (await (await ApplyFixAsync(document, sgen001)).GetTextAsync()).ToString();
            Assert.Contains("[StructuredOutput]\npartial record Book(string Title);", text);
        }

        private static Document CreateDocument(string source)
        {
            var workspace = new AdhocWorkspace();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
                .Select(path => MetadataReference.CreateFromFile(path))
                .Append(MetadataReference.CreateFromFile(typeof(StructuredOutputAttribute).Assembly.Location));
            var project = workspace.AddProject("Demo", LanguageNames.CSharp)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
                .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
                .WithMetadataReferences(references);
            return project.AddDocument("Book.cs", SourceText.From(source));
        }

        private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnosticsAsync(Document document)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            var driver = CSharpGeneratorDriver.Create(new StructGenGenerator().AsSourceGenerator())
                .WithUpdatedParseOptions((CSharpParseOptions)document.Project.ParseOptions!);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            return diagnostics;
        }

        private static async Task<Document> ApplyFixAsync(Document document, Diagnostic diagnostic)
        {
            var fix = new MakePartialCodeFix();
            CodeAction? action = null;
            var context = new CodeFixContext(document, diagnostic, (a, _) => action ??= a, CancellationToken.None);
            await fix.RegisterCodeFixesAsync(context);
            Assert.NotNull(action);
            Assert.StartsWith("Make 'Book' partial", action!.Title);
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return solution.GetDocument(document.Id)!;
        }
    }
}
