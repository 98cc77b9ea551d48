using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;
using StructGen.Generator.Schema;

namespace StructGen.Generator.Emitting
{
    /// <summary>
    /// Emits <c>Namespace.Type.Schema.g.cs</c>: <c>JsonSchema</c>, <c>ResponseFormatJson</c> and
    /// <c>SchemaName</c> on the annotated type.
    /// </summary>
    internal static class SchemaEmitter
    {
        public const string Output = "Schema";

        public static void Emit(SourceProductionContext context, StructuredTypeSpec spec)
        {
            if (spec.HasErrors)
            {
                return;
            }

            try
            {
                context.AddSource(GeneratedFile.HintName(spec.Root.Declaration, Output), SourceText.From(Write(spec), Encoding.UTF8));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.ReportDiagnostic(DiagnosticInfo.InternalError(null, spec.Root.Declaration.Name, ex).ToDiagnostic(null));
            }
        }

        public static string Write(StructuredTypeSpec spec)
        {
            string schema = SchemaJsonBuilder.BuildSchema(spec);
            string responseFormat = SchemaJsonBuilder.BuildResponseFormat(spec, schema);
            TypeDeclarationSpec declaration = spec.Root.Declaration;

            var writer = new SourceWriter();
            GeneratedFile.WriteHeader(writer);
            GeneratedFile.OpenPartialType(writer, declaration);

            writer.WriteLine("/// <summary>The strict JSON Schema of <see cref=\"" + declaration.Name + "\"/> (OpenAI structured outputs).</summary>");
            writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            writer.WriteLine("public const string JsonSchema = " + Escaping.CSharpVerbatimString(schema) + ";");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The complete <c>response_format</c> object for this type.</summary>");
            writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            writer.WriteLine("public const string ResponseFormatJson = " + AroundSchema(responseFormat, schema, "JsonSchema") + ";");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The schema name sent to the model (<c>json_schema.name</c>).</summary>");
            writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            writer.WriteLine("public const string SchemaName = " + Escaping.CSharpString(spec.SchemaName) + ";");

            GeneratedFile.ClosePartialType(writer, declaration);
            return writer.ToString();
        }

        /// <summary>
        /// <paramref name="json"/>, which ends with <paramref name="schema"/> and its closing braces, as a
        /// constant expression that reuses the schema constant instead of a second copy of its text.
        /// </summary>
        internal static string AroundSchema(string json, string schema, string schemaConstant)
        {
            int at = json.LastIndexOf(schema, System.StringComparison.Ordinal);
            if (at < 0) return Escaping.CSharpVerbatimString(json);
            return Escaping.CSharpVerbatimString(json.Substring(0, at)) + " + " + schemaConstant + " + " + Escaping.CSharpVerbatimString(json.Substring(at + schema.Length));
        }
    }
}
