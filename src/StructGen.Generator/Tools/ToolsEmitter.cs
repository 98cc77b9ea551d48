using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Emitting;
using StructGen.Generator.Emitting.Streaming;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Tools
{
    /// <summary>
    /// Emits <c>Namespace.Class.Tools.g.cs</c> for a class with <c>[Tool]</c> methods: <c>ToolsJson</c>,
    /// <c>ToolDefinitions</c>, the <c>ToolSet</c> factory (<c>AsToolSet()</c> when a tool is an instance
    /// method, else <c>CreateToolSet()</c>), one nested arguments class per tool (its schema, descriptor
    /// and generated parser) and one invoker per tool. The arguments' partial types come from the
    /// shared partial-type emitter.
    /// </summary>
    internal static class ToolsEmitter
    {
        public const string Output = "Tools";

        private const string ToolSet = "global::StructGen.Tools.ToolSet";
        private const string ToolDefinition = "global::StructGen.Tools.ToolDefinition";
        private const string ValueTaskOfString = "global::System.Threading.Tasks.ValueTask<string>";
        private const string CancellationToken = "global::System.Threading.CancellationToken";

        public static string HintName(ToolClassSpec spec) => GeneratedFile.HintName(spec.Declaration, Output);

        public static void Emit(SourceProductionContext context, ToolClassSpec spec)
        {
            if (spec.HasErrors)
            {
                return;
            }

            try
            {
                context.AddSource(HintName(spec), SourceText.From(Write(spec), Encoding.UTF8));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.ReportDiagnostic(DiagnosticInfo.InternalError(null, spec.Declaration.Name, ex).ToDiagnostic(null));
            }
        }

        public static string Write(ToolClassSpec spec)
        {
            TypeDeclarationSpec declaration = spec.Declaration;
            List<ToolSpec> tools = spec.Tools.ToList();
            List<ToolDefinitionJson> json = tools.Select(ToolDefinitionJson.Build).ToList();

            var w = new SourceWriter();
            GeneratedFile.WriteHeader(w, "[Tool] methods");
            GeneratedFile.OpenPartialType(w, declaration);

            w.WriteLine("/// <summary>The <c>tools</c> array (JSON) with every <c>[Tool]</c> method of this class, in declaration order.</summary>");
            w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            w.WriteLine("public static string " + ToolNames.ToolsJson + " => " + Escaping.CSharpVerbatimString("[" + string.Join(",", json.Select(j => j.Definition)) + "]") + ";");

            w.WriteLine();
            w.WriteLine("/// <summary>The definitions of the tools of this class, in declaration order.</summary>");
            w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            w.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<" + ToolDefinition + "> " + ToolNames.ToolDefinitions + " { get; } = new " + ToolDefinition + "[]");
            w.OpenBrace();
            for (int i = 0; i < tools.Count; i++)
            {
                ToolSpec tool = tools[i];
                w.WriteLine("new " + ToolDefinition + "(");
                w.Indent();
                w.WriteLine(Escaping.CSharpString(tool.ToolName) + ",");
                w.WriteLine((tool.Description is null ? "null" : Escaping.CSharpString(tool.Description)) + ",");
                w.WriteLine(tool.ArgumentsTypeName + ".JsonSchema,");
                if (json[i].AnthropicSchema is null && json[i].GeminiSchema is null)
                {
                    w.WriteLine(tool.Strict ? "true)" : "false)");
                }
                else
                {
                    // Only the dialects that differ from the OpenAI schema are written: no second copy of equal text.
                    w.WriteLine(tool.Strict ? "true," : "false,");
                    w.WriteLine("anthropicParametersJsonSchema: " + DialectText(json[i].AnthropicSchema) + ",");
                    w.WriteLine("geminiParametersJsonSchema: " + DialectText(json[i].GeminiSchema) + ")");
                }

                w.WriteLine("{");
                w.WriteLine("    CreateArgumentsParser = () => " + tool.ArgumentsTypeName + ".StructuredOutput.CreateParser(),");
                w.WriteLine("},");
                w.Unindent();
            }

            w.Unindent();
            w.WriteLine("};");

            WriteFactory(w, spec, tools);
            foreach (ToolSpec tool in tools)
            {
                WriteInvoker(w, tool);
            }

            for (int i = 0; i < tools.Count; i++)
            {
                WriteArgumentsType(w, tools[i], json[i]);
            }

            ToolResultWriterEmitter.Write(w, tools);
            GeneratedFile.ClosePartialType(w, declaration);
            return w.ToString();
        }

        private static void WriteFactory(SourceWriter w, ToolClassSpec spec, List<ToolSpec> tools)
        {
            w.WriteLine();
            if (spec.HasInstanceTools)
            {
                w.WriteLine("/// <summary>A new <see cref=\"" + Cref(ToolSet) + "\"/> with every tool of this class; instance tools run on this object.</summary>");
                w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
                w.WriteLine("public " + ToolSet + " " + ToolNames.AsToolSet + "()");
            }
            else
            {
                w.WriteLine("/// <summary>A new <see cref=\"" + Cref(ToolSet) + "\"/> with every tool of this class.</summary>");
                w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
                w.WriteLine("public static " + ToolSet + " " + ToolNames.CreateToolSet + "()");
            }

            w.OpenBrace();
            w.WriteLine("var __tools = new " + ToolSet + "();");
            for (int i = 0; i < tools.Count; i++)
            {
                string invoker = (tools[i].IsStatic ? string.Empty : "this.") + InvokerName(tools[i]);
                w.WriteLine("__tools.Add(" + ToolNames.ToolDefinitions + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "], " + invoker + ");");
            }

            w.WriteLine("return __tools;");
            w.CloseBrace();
        }

        private static void WriteInvoker(SourceWriter w, ToolSpec tool)
        {
            ToolReturnSpec result = tool.Return;
            bool isAsync = result.Await != ToolAwaitKind.None;
            string call = (tool.IsStatic ? string.Empty : "this.") + tool.MethodName + "(" + string.Join(", ", tool.Parameters.Select(Argument)) + ")";
            string awaited = isAsync ? "await " + call + ".ConfigureAwait(false)" : call;

            w.WriteLine();
            w.WriteLine("private " + (tool.IsStatic ? "static " : string.Empty) + (isAsync ? "async " : string.Empty) + ValueTaskOfString + " " + InvokerName(tool) + "(global::StructGen.Tools.ToolArguments __toolArguments, " + CancellationToken + " cancellationToken)");
            w.OpenBrace();
            // The agent loop hands over the arguments its streaming parser already built: parsed once.
            w.WriteLine(tool.ArgumentsTypeName + " __arguments = __toolArguments.Value as " + tool.ArgumentsTypeName + " ?? " + tool.ArgumentsTypeName + ".Parse(__toolArguments.Json);");
            string text;
            switch (result.Kind)
            {
                case ToolReturnKind.Void:
                    w.WriteLine(awaited + ";");
                    text = Escaping.CSharpString(ToolNames.VoidResult);
                    break;
                case ToolReturnKind.String:
                    w.WriteLine("string? __result = " + awaited + ";");
                    text = "__result ?? string.Empty";
                    break;
                default:
                    string type = result.Type!.FullyQualifiedName;
                    w.WriteLine(type + " __result = " + awaited + ";");
                    text = ToolResultWriterEmitter.ToJsonHelper + "<" + type + ">(__result, " + ToolResultWriterEmitter.ResultWriterName(tool) + ")";
                    break;
            }

            w.WriteLine(isAsync ? "return " + text + ";" : "return new " + ValueTaskOfString + "(" + text + ");");
            w.CloseBrace();
        }

        private static string Argument(ToolParameterSpec parameter) =>
            parameter.IsCancellationToken ? "cancellationToken" : "__arguments." + parameter.PropertyName;

        private static void WriteArgumentsType(SourceWriter w, ToolSpec tool, ToolDefinitionJson json)
        {
            ObjectTypeSpec arguments = tool.Arguments.Root;
            string name = tool.ArgumentsTypeName;
            string partial = StreamingShapes.PartialTypeFullName(arguments);
            string descriptor = "global::StructGen.StructuredOutputType<" + name + ", " + partial + ">";
            string toolName = Escaping.XmlDocText(tool.ToolName);
            var properties = arguments.Properties.ToDictionary(p => p.Name);

            w.WriteLine();
            w.WriteLine("/// <summary>The arguments of the <c>" + toolName + "</c> tool, read from the model's JSON by generated code; while they stream, <see cref=\"" + Cref(partial) + "\"/> shows them.</summary>");
            w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            w.WriteLine("public sealed class " + name);
            w.OpenBrace();

            List<ToolParameterSpec> parameters = tool.Parameters.Where(p => !p.IsCancellationToken).ToList();
            w.WriteLine("/// <summary>Creates the arguments.</summary>");
            w.WriteLine("public " + name + "(" + string.Join(", ", parameters.Select(p => p.FullyQualifiedType + " " + p.Name)) + ")");
            w.OpenBrace();
            foreach (ToolParameterSpec parameter in parameters)
            {
                w.WriteLine("this." + parameter.PropertyName + " = " + parameter.Name + ";");
            }

            w.CloseBrace();

            foreach (ToolParameterSpec parameter in parameters)
            {
                PropertySpec property = properties[parameter.PropertyName];
                string summary = "The <c>" + Escaping.XmlDocText(property.JsonName) + "</c> argument" +
                    (property.Description is null ? "." : ": " + Escaping.XmlDocText(property.Description)) +
                    (parameter.DefaultValue is null ? string.Empty : " Optional: the parameter's default when absent" + (tool.Strict ? " or null." : "."));
                w.WriteLine();
                w.WriteLine("/// <summary>" + summary + "</summary>");
                w.WriteLine("public " + parameter.FullyQualifiedType + " " + parameter.PropertyName + " { get; }");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>The tool name sent to the model.</summary>");
            w.WriteLine("public const string ToolName = " + Escaping.CSharpString(tool.ToolName) + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>The JSON Schema of the arguments (the function's <c>parameters</c>; " + (tool.Strict ? "strict" : "non-strict") + ").</summary>");
            w.WriteLine("public const string JsonSchema = " + Escaping.CSharpVerbatimString(json.ParametersSchema) + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>A <c>response_format</c> object with the same schema.</summary>");
            w.WriteLine("public const string ResponseFormatJson = " + SchemaEmitter.AroundSchema(json.ResponseFormat, json.ParametersSchema, "JsonSchema") + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>The schema and generated streaming deserializer of the arguments (<c>StructuredOutput.CreateParser()</c> streams partial arguments).</summary>");
            w.WriteLine("public static " + descriptor + " StructuredOutput { get; } = new " + descriptor + "(");
            w.WriteLine("    ToolName, " + (tool.Description is null ? "null" : Escaping.CSharpString(tool.Description)) + ", JsonSchema, JsonSchema,");
            w.WriteLine("    " + StreamingShapes.NodeTypeFullName(arguments) + ".CreateRoot);");
            w.WriteLine();
            w.WriteLine("/// <summary>Parses the model's arguments JSON (empty text counts as <c>{}</c>).</summary>");
            w.WriteLine("/// <exception cref=\"global::StructGen.StructuredOutputException\">The arguments do not match the parameters; the message names the JSON path.</exception>");
            w.WriteLine("public static " + name + " Parse(string argumentsJson) =>");
            w.WriteLine("    StructuredOutput.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? \"{}\" : argumentsJson);");
            w.CloseBrace();
        }

        private static string DialectText(string? schema) => schema is null ? "null" : Escaping.CSharpVerbatimString(schema);

        private static string InvokerName(ToolSpec tool) => "__Invoke" + tool.Identifier;

        private static string Cref(string fullyQualifiedName) => fullyQualifiedName.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}');
    }
}
