using StructGen.Generator.Schema;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Emitting;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// Emits, for an annotated root type, the <c>StructuredOutput</c> descriptor (schema, response
    /// format and deserializer factory), <c>CreateStreamingParser()</c>, and the
    /// <c>Generate{Type}Async</c> / <c>Generate{Type}StreamAsync</c> client extension methods.
    /// </summary>
    internal static class StructuredOutputEmitter
    {
        public static string HintName(StructuredTypeSpec spec) => GeneratedFile.HintName(spec.Root.Declaration, "StructuredOutput");

        public static void Emit(Microsoft.CodeAnalysis.SourceProductionContext context, StructuredTypeSpec spec)
        {
            if (spec.HasErrors) return;
            context.AddSource(HintName(spec), Emit(spec));
        }

        public static string Emit(StructuredTypeSpec spec)
        {
            var root = spec.Root;
            var declaration = root.Declaration;
            string value = declaration.FullyQualifiedName;
            string partial = StreamingShapes.PartialTypeFullName(root);
            string descriptor = "global::StructGen.StructuredOutputType<" + value + ", " + partial + ">";
            string shortName = StreamingShapes.Unescape(declaration.Name);

            var w = new SourceWriter();
            GeneratedFile.WriteHeader(w);
            GeneratedFile.OpenPartialType(w, declaration);
            w.WriteLine("/// <summary>The generated schema, <c>response_format</c> and streaming deserializer of this type.</summary>");
            string memberAccessibility = declaration.IsEffectivelyPublic ? "public" : "internal";
            w.WriteLine(memberAccessibility + " static " + descriptor + " StructuredOutput { get; } = new " + descriptor + "(");
            string strict = SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.OpenAIStrict);
            string natural = SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.Natural);
            w.WriteLine("    SchemaName, " + (spec.Description is null ? "null" : Escaping.CSharpString(spec.Description)) + ", JsonSchema,");
            w.WriteLine("    " + Escaping.CSharpVerbatimString(natural) + ",");
            // A dialect equal to the one it builds on is passed as null: no second copy of the text.
            w.WriteLine("    anthropicJsonSchema: " + DialectArgument(SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.Anthropic), strict) + ",");
            w.WriteLine("    geminiJsonSchema: " + DialectArgument(SchemaJsonBuilder.BuildSchema(spec, SchemaDialect.Gemini), natural) + ",");
            w.WriteLine("    createRoot: " + StreamingShapes.NodeTypeFullName(root) + ".CreateRoot);");
            w.WriteLine();
            w.WriteLine("/// <summary>Creates a parser that turns text deltas into <see cref=\"" + Cref(partial) + "\"/> snapshots and then the final value.</summary>");
            w.WriteLine(memberAccessibility + " static global::StructGen.Streaming.StreamingParser<" + value + ", " + partial + "> CreateStreamingParser() => StructuredOutput.CreateParser();");
            GeneratedFile.ClosePartialType(w, declaration);

            w.WriteLine();
            if (declaration.Namespace is not null)
            {
                w.WriteLine("namespace " + declaration.Namespace);
                w.OpenBrace();
            }

            string accessibility = declaration.IsEffectivelyPublic ? "public" : "internal";
            w.WriteLine("/// <summary>Generated client methods for <see cref=\"" + Cref(value) + "\"/>.</summary>");
            w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            w.WriteLine(accessibility + " static class " + shortName + "ChatExtensions");
            w.OpenBrace();
            WriteMethods(w, value, partial, shortName, descriptorAccess: value + ".StructuredOutput");
            WriteElementStreams(w, root, value, partial);
            w.CloseBrace();
            if (declaration.Namespace is not null) w.CloseBrace();
            return w.ToString();
        }

        private static void WriteMethods(SourceWriter w, string value, string partial, string shortName, string descriptorAccess)
        {
            const string Client = "this global::StructGen.Chat.ModelClient client";
            const string Messages = "global::System.Collections.Generic.IEnumerable<global::StructGen.Chat.ModelMessage> messages";
            const string Tail = "global::StructGen.Chat.ChatRequestOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default";
            string stream = "global::StructGen.Chat.StructuredStream<" + value + ", " + partial + ">";
            string result = "global::System.Threading.Tasks.Task<global::StructGen.Chat.StructuredResult<" + value + ">>";
            string user = "new[] { global::StructGen.Chat.ModelMessage.User(prompt) }";

            w.WriteLine("/// <summary>Streams <see cref=\"" + Cref(partial) + "\"/> snapshots while the model writes, then the validated value (<c>Result</c>).</summary>");
            w.WriteLine("public static " + stream + " Generate" + shortName + "StreamAsync(" + Client + ", " + Messages + ", " + Tail + ")");
            w.WriteLine("    => client.StreamStructuredAsync(" + descriptorAccess + ", messages, options, cancellationToken);");
            w.WriteLine();
            w.WriteLine("/// <summary>Streams <see cref=\"" + Cref(partial) + "\"/> snapshots for a single user prompt.</summary>");
            w.WriteLine("public static " + stream + " Generate" + shortName + "StreamAsync(" + Client + ", string prompt, " + Tail + ")");
            w.WriteLine("    => client.StreamStructuredAsync(" + descriptorAccess + ", " + user + ", options, cancellationToken);");
            w.WriteLine();
            w.WriteLine("/// <summary>Gets a validated <see cref=\"" + Cref(value) + "\"/> (streamed on the wire, returned whole).</summary>");
            w.WriteLine("public static " + result + " Generate" + shortName + "Async(" + Client + ", " + Messages + ", " + Tail + ")");
            w.WriteLine("    => client.GenerateStructuredAsync(" + descriptorAccess + ", messages, options, cancellationToken);");
            w.WriteLine();
            w.WriteLine("/// <summary>Gets a validated <see cref=\"" + Cref(value) + "\"/> for a single user prompt.</summary>");
            w.WriteLine("public static " + result + " Generate" + shortName + "Async(" + Client + ", string prompt, " + Tail + ")");
            w.WriteLine("    => client.GenerateStructuredAsync(" + descriptorAccess + ", " + user + ", options, cancellationToken);");
        }

        private static void WriteElementStreams(SourceWriter w, ObjectTypeSpec root, string value, string partial)
        {
            foreach (var p in root.Properties)
            {
                if (p.Type.Kind != TypeRefKind.Array) continue;
                string name = StreamingShapes.Unescape(p.Name);
                w.WriteLine();
                w.WriteLine("/// <summary>Streams the elements of <c>" + Escaping.XmlDocText(p.JsonName) + "</c> one by one as each closes, validated.</summary>");
                w.WriteLine("public static global::System.Collections.Generic.IAsyncEnumerable<" + p.Type.Element!.FullyQualifiedName + "> " + name + "ElementsAsync(this global::StructGen.Chat.StructuredStream<" + value + ", " + partial + "> stream, global::System.Threading.CancellationToken cancellationToken = default)");
                w.WriteLine("    => stream.ElementsAsync(root => ((" + StreamingShapes.NodeTypeFullName(root) + ")root)." + p.Name + "Node, cancellationToken);");
            }
        }

        private static string DialectArgument(string schema, string basis) =>
            schema == basis ? "null" : Escaping.CSharpVerbatimString(schema);

        private static string Cref(string fullyQualifiedName) => fullyQualifiedName.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}');
    }
}
