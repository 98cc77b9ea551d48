using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StructGen.Generator.Model;
using Xunit.Sdk;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>Generator output for a test source, with the schema text read back from the generated
    /// C# literal exactly as the compiler sees it.</summary>
    internal sealed class SchemaRun
    {
        private SchemaRun(GeneratorRun run) => Run = run;

        public GeneratorRun Run { get; }

        /// <summary>Runs the generator over <c>namespace Demo { body }</c> with the standard usings.</summary>
        public static SchemaRun Generate(string body, IDictionary<string, string>? globalOptions = null, string? assemblyAttributes = null) =>
            new SchemaRun(GeneratorHarness.Run(
                TestCompiler.Create(Sources.Usings + (assemblyAttributes ?? string.Empty) + "\nnamespace Demo\n{\n" + body + "\n}\n"),
                globalOptions: globalOptions));

        public string Hint(string typeName) => "Demo." + typeName + ".Schema.g.cs";

        public string Source(string typeName) => Run.Source(Hint(typeName));

        public string Schema(string typeName) => ReadLiteral(Source(typeName), "JsonSchema");

        public string ResponseFormat(string typeName) => ReadLiteral(Source(typeName), "ResponseFormatJson");

        /// <summary>The schema of one property of the root object.</summary>
        public string Property(string typeName, string jsonName)
        {
            using JsonDocument document = JsonDocument.Parse(Schema(typeName));
            return document.RootElement.GetProperty("properties").GetProperty(jsonName).GetRawText();
        }

        public string Definition(string typeName, string key)
        {
            using JsonDocument document = JsonDocument.Parse(Schema(typeName));
            return document.RootElement.GetProperty("$defs").GetProperty(key).GetRawText();
        }

        /// <summary>The final specs from the tracked pipeline step.</summary>
        public IReadOnlyList<StructuredTypeSpec> Specs =>
            Run.GeneratorResult.TrackedSteps[TrackingNames.Specs]
                .SelectMany(step => step.Outputs)
                .Select(output => (StructuredTypeSpec)output.Value)
                .ToList();

        public StructuredTypeSpec Spec(string rootName) => Specs.Single(s => s.Root.Declaration.Name == rootName);

        /// <summary>Clean output, strict-valid schemas for every generated type.</summary>
        public SchemaRun AssertCleanAndStrict(params string[] expectedIds)
        {
            Run.AssertClean(expectedIds);
            foreach (StructuredTypeSpec spec in Specs)
            {
                string hint = Run.Sources.Keys.Single(k => k.EndsWith("." + spec.Root.Declaration.Name.TrimStart('@') + ".Schema.g.cs") || k == spec.Root.Declaration.Name.TrimStart('@') + ".Schema.g.cs");
                StrictSchemaValidator.AssertValid(ReadLiteral(Run.Sources[hint], "JsonSchema"), spec.SchemaName);
            }

            return this;
        }

        public static string ReadLiteral(string generatedSource, string memberName)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(generatedSource).GetRoot();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                ExpressionSyntax? value = node switch
                {
                    PropertyDeclarationSyntax p when p.Identifier.ValueText == memberName => p.ExpressionBody?.Expression,
                    VariableDeclaratorSyntax v when v.Identifier.ValueText == memberName => v.Initializer?.Value,
                    _ => null,
                };
                if (value is not null && Evaluate(value, generatedSource) is { } text)
                {
                    return text;
                }
            }

            throw new XunitException("No string literal member '" + memberName + "' in:\n" + generatedSource);
        }

        // A literal, or a constant concatenation of literals and other members of the same file.
        private static string? Evaluate(ExpressionSyntax expression, string generatedSource) => expression switch
        {
            LiteralExpressionSyntax literal => literal.Token.ValueText,
            BinaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.AddExpression } add =>
                Evaluate(add.Left, generatedSource) + Evaluate(add.Right, generatedSource),
            IdentifierNameSyntax name => ReadLiteral(generatedSource, name.Identifier.ValueText),
            _ => null,
        };
    }
}
