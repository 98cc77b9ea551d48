using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StructGen.CodeFixes
{
    /// <summary>
    /// Fixes SGEN001 ("type must be partial") by adding <c>partial</c> to the type and to every
    /// containing type that lacks it, since the generator adds members to all of them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
    public sealed class MakePartialCodeFix : CodeFixProvider
    {
        /// <summary>The generator's "not partial" diagnostic id.</summary>
        public const string DiagnosticId = "SGEN001";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (declaration is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + declaration.Identifier.ValueText + "' partial",
                        cancellationToken => AddPartialAsync(context.Document, declaration, cancellationToken),
                        equivalenceKey: nameof(MakePartialCodeFix)),
                    diagnostic);
            }
        }

        private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            // The diagnostic may sit on a containing type: fix the whole chain from the outermost type
            // down to every annotated type inside it.
            var annotated = declaration.DescendantNodesAndSelf().OfType<TypeDeclarationSyntax>().Where(IsAnnotated).ToList();
            if (annotated.Count == 0) annotated.Add(declaration);
            var targets = annotated
                .SelectMany(t => t.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
                .Distinct()
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                .ToList();
            // Use the rewritten node: an outer type must keep the change already made to the inner one.
            var updated = root.ReplaceNodes(targets, (_, rewritten) => WithPartial(rewritten));
            return document.WithSyntaxRoot(updated);
        }

        private static bool IsAnnotated(TypeDeclarationSyntax type) =>
            type.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString().Contains("StructuredOutput"))
            || type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() is "Tool" or "ToolAttribute" or "StructGen.Tool" or "StructGen.ToolAttribute"));

        private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
        {
            // `partial` goes last among the modifiers, right before the keyword (`public sealed partial record`).
            var partialToken = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (type.Modifiers.Count == 0)
            {
                var keyword = type.Keyword;
                partialToken = partialToken.WithLeadingTrivia(keyword.LeadingTrivia);
                return type.WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty)).WithModifiers(SyntaxFactory.TokenList(partialToken));
            }

            return type.WithModifiers(type.Modifiers.Add(partialToken));
        }
    }
}
