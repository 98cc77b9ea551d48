using System.Collections.Generic;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Emitting;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// Emits <c>{Type}Partial</c>: the immutable snapshot users see while a value streams (every
    /// member nullable, each with its <c>FieldState</c>), and its nested <c>Node</c>, the generated
    /// push deserializer that applies tokens in place and builds the final value.
    /// </summary>
    internal static class PartialTypeEmitter
    {
        public static string HintName(ObjectTypeSpec type) =>
            GeneratedFile.HintName(type.Declaration with { Name = StreamingShapes.BaseName(type) }, "Partial");

        public static void Emit(Microsoft.CodeAnalysis.SourceProductionContext context, PartialTypeModel model) =>
            context.AddSource(HintName(model.Type), Emit(model.Type, model));

        public static string Emit(ObjectTypeSpec type, PartialTypeModel spec)
        {
            var w = new SourceWriter();
            GeneratedFile.WriteHeader(w);
            if (type.Declaration.Namespace is not null)
            {
                w.WriteLine("namespace " + type.Declaration.Namespace);
                w.OpenBrace();
            }

            string name = StreamingShapes.PartialTypeName(type);
            string accessibility = type.Declaration.IsEffectivelyPublic ? "public" : "internal";
            w.WriteLine("/// <summary>");
            w.WriteLine("/// A snapshot of a <c>" + Escaping.XmlDocText(Cref(type.Declaration.FullyQualifiedName)) + "</c> while it streams: every member is nullable and");
            w.WriteLine("/// reports its <see cref=\"global::StructGen.Streaming.FieldState\"/>. Immutable: keep it as long as you like.");
            w.WriteLine("/// </summary>");
            w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            w.WriteLine(accessibility + " sealed partial class " + name);
            w.OpenBrace();
            if (type.Polymorphism is not null)
            {
                UnionPartialEmitter.WriteBody(w, type, spec, name);
            }
            else
            {
                var names = PartialMemberNames.For(type);
                WriteFields(w, type, spec, names);
                WriteConstructor(w, type, spec, name, names);
                WriteMembers(w, type, spec, names);
                WriteNode(w, type, spec, name, names);
            }

            w.CloseBrace();

            if (type.Declaration.Namespace is not null) w.CloseBrace();
            return w.ToString();
        }

        private static void WriteFields(SourceWriter w, ObjectTypeSpec type, PartialTypeModel spec, PartialMemberNames names)
        {
            foreach (var p in type.Properties)
            {
                if (StreamingShapes.IsLazyText(p.Type))
                {
                    // Not readonly: the view keeps the string it creates on first read.
                    w.WriteLine("private " + StreamingShapes.SnapshotFieldType(p.Type, spec) + " " + names.FieldOf(p) + ";");
                }
            }
        }

        private static void WriteConstructor(SourceWriter w, ObjectTypeSpec type, PartialTypeModel spec, string name, PartialMemberNames names)
        {
            var parameters = new List<string> { "global::StructGen.Streaming.FieldState __objectState" };
            foreach (var p in type.Properties)
            {
                parameters.Add(StreamingShapes.SnapshotFieldType(p.Type, spec) + " " + names.ParameterOf(p));
                parameters.Add("global::StructGen.Streaming.FieldState " + names.StateParameterOf(p));
            }

            w.WriteLine();
            w.WriteLine("private " + name + "(" + string.Join(", ", parameters) + ")");
            w.OpenBrace();
            w.WriteLine(names.ObjectState + " = __objectState;");
            foreach (var p in type.Properties)
            {
                w.WriteLine((StreamingShapes.IsLazyText(p.Type) ? names.FieldOf(p) : "this." + p.Name) + " = " + names.ParameterOf(p) + ";");
                w.WriteLine("this." + names.StateOf(p) + " = " + names.StateParameterOf(p) + ";");
            }

            w.CloseBrace();
        }

        private static void WriteMembers(SourceWriter w, ObjectTypeSpec type, PartialTypeModel spec, PartialMemberNames names)
        {
            w.WriteLine();
            w.WriteLine("/// <summary>How far this object has arrived.</summary>");
            w.WriteLine("public global::StructGen.Streaming.FieldState " + names.ObjectState + " { get; }");
            foreach (var p in type.Properties)
            {
                string json = Escaping.XmlDocText(p.JsonName);
                w.WriteLine();
                w.WriteLine("/// <summary>The <c>" + json + "</c> value so far" + Shown(p.Type) + ".</summary>");
                if (StreamingShapes.IsLazyText(p.Type))
                {
                    w.WriteLine("public string? " + p.Name + " => " + names.FieldOf(p) + ".Read();");
                }
                else
                {
                    w.WriteLine("public " + StreamingShapes.PartialPropertyType(p.Type, spec) + " " + p.Name + " { get; }");
                }

                w.WriteLine();
                w.WriteLine("/// <summary>Whether <c>" + json + "</c> is missing, streaming or complete.</summary>");
                w.WriteLine("public global::StructGen.Streaming.FieldState " + names.StateOf(p) + " { get; }");
            }
        }

        private static void WriteNode(SourceWriter w, ObjectTypeSpec type, PartialTypeModel spec, string name, PartialMemberNames names)
        {
            string value = type.Declaration.FullyQualifiedName;
            w.WriteLine();
            w.WriteLine("/// <summary>The generated push deserializer for <c>" + Escaping.XmlDocText(Cref(value)) + "</c>.</summary>");
            w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            w.WriteLine("public sealed class " + names.NodeClass + " : global::StructGen.Streaming.Generated.ObjectNode<" + value + ", " + name + ">");
            w.OpenBrace();
            foreach (var p in type.Properties)
            {
                w.WriteLine("private " + StreamingShapes.NodeType(p.Type, spec) + "? " + names.FieldOf(p) + ";");
            }

            foreach (var p in type.Properties)
            {
                if (!p.Constraints.IsEnforced) continue;
                w.WriteLine("private static readonly global::StructGen.Streaming.Generated.ValueConstraints " + ConstraintsField(p) + " = " + ConstraintsExpression(p.Constraints) + ";");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>Creates the node (used by generated code).</summary>");
            w.WriteLine("public " + names.NodeClass + "(global::StructGen.Streaming.Generated.PartialNode? parent, string? propertyName, int index, bool allowNull)");
            w.WriteLine("    : base(parent, propertyName, index, allowNull)");
            w.OpenBrace();
            if (type.StreamGate is not null) w.WriteLine("WithholdUntilGate();");
            w.CloseBrace();
            w.WriteLine();
            w.WriteLine("/// <summary>A node for the root of a document (no parent, not nullable).</summary>");
            w.WriteLine("public static " + names.NodeClass + " CreateRoot() => new " + names.NodeClass + "(null, null, -1, allowNull: false);");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override bool IsReusable => true;");

            foreach (var p in type.Properties)
            {
                if (p.Type.Kind != TypeRefKind.Array) continue;
                w.WriteLine();
                w.WriteLine("/// <summary>The node of <c>" + Escaping.XmlDocText(p.JsonName) + "</c>, once it started (for element streaming).</summary>");
                w.WriteLine("public " + StreamingShapes.NodeType(p.Type, spec) + "? " + p.Name + "Node => " + names.FieldOf(p) + ";");
            }

            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override global::StructGen.Streaming.Generated.PartialNode? ResolveProperty(global::System.ReadOnlySpan<char> name)");
            w.OpenBrace();
            foreach (var p in type.Properties)
            {
                string create = StreamingShapes.CreateNode(p.Type, spec, "this", Escaping.CSharpString(p.JsonName), "-1");
                if (p.Constraints.IsEnforced) create = "Constrain(" + create + ", " + ConstraintsField(p) + ")";
                if (p.IsAtomic) create = "Atomic(" + create + ")";
                if (p.Name == type.StreamGate) create = "Gate(" + create + ")";
                WriteMultiline(w, "if (Is(name, " + Escaping.CSharpString(p.JsonName) + ")) return " + names.FieldOf(p) + " ??= " + create + ";");
            }

            w.WriteLine("return null;");
            w.CloseBrace();

            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override " + name + " BuildSnapshot() => new " + name + "(");
            w.Indent();
            var args = new List<string> { "State" };
            foreach (var p in type.Properties)
            {
                string field = names.FieldOf(p);
                string complete = "StateOf(" + field + ") == global::StructGen.Streaming.FieldState.Complete";
                string snapshot;
                if (StreamingShapes.IsLazyText(p.Type))
                {
                    // A string member is held inline (a TextView, no object per partial).
                    snapshot = p.IsAtomic ? "(" + complete + " ? " + field + "!.View() : default)" : "(" + field + " is null ? default : " + field + ".View())";
                }
                else
                {
                    snapshot = p.IsAtomic ? "(" + complete + " ? " + field + "!.Snapshot() : null)" : field + "?.Snapshot()";
                }
                args.Add(snapshot + ", StateOf(" + names.FieldOf(p) + ")");
            }

            WriteArguments(w, args);
            w.Unindent();

            WriteBuildValue(w, type, names);
            WriteEnumParsers(w, type);
            w.CloseBrace();
        }

        private static void WriteBuildValue(SourceWriter w, ObjectTypeSpec type, PartialMemberNames names)
        {
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            string value = type.Declaration.FullyQualifiedName;
            var c = type.Construction;
            if (c.Kind == ConstructionKind.None)
            {
                w.WriteLine("protected override " + value + " BuildValue() => throw new global::System.NotSupportedException(\"" + Escaping.CSharpString(value).Trim('"') + " cannot be constructed.\");");
                return;
            }

            var byName = new Dictionary<string, PropertySpec>();
            foreach (var p in type.Properties) byName[p.Name] = p;

            w.WriteLine("protected override " + value + " BuildValue()");
            w.OpenBrace();
            var ctorArgs = new List<string>();
            foreach (var parameter in c.Parameters)
            {
                ctorArgs.Add(byName.TryGetValue(parameter.PropertyName, out var p)
                    ? parameter.OptionalFallback is { } fallback
                        ? StreamingShapes.OptionalFinalValue(p.Type, names.FieldOf(p), fallback, names.LocalOf(p))
                        : StreamingShapes.FinalValue(p.Type, names.FieldOf(p), p.JsonName, names.LocalOf(p))
                    : "default!");
            }

            var inits = new List<string>();
            foreach (var propertyName in c.InitializedProperties)
            {
                if (byName.TryGetValue(propertyName, out var p))
                {
                    inits.Add(p.Name + " = " + StreamingShapes.FinalValue(p.Type, names.FieldOf(p), p.JsonName, names.LocalOf(p)));
                }
            }

            if (ctorArgs.Count == 0)
            {
                w.WriteLine("return new " + value + "()" + (inits.Count == 0 ? ";" : string.Empty));
            }
            else
            {
                w.WriteLine("return new " + value + "(");
                w.Indent();
                for (int i = 0; i < ctorArgs.Count; i++) w.WriteLine(ctorArgs[i] + (i == ctorArgs.Count - 1 ? ")" + (inits.Count == 0 ? ";" : string.Empty) : ","));
                w.Unindent();
            }
            if (inits.Count > 0)
            {
                w.OpenBrace();
                foreach (var init in inits) w.WriteLine(init + ",");
                w.Unindent();
                w.WriteLine("};");
            }

            w.CloseBrace();
        }

        private static void WriteEnumParsers(SourceWriter w, ObjectTypeSpec type)
        {
            var written = new HashSet<string>();
            foreach (var p in type.Properties)
            {
                for (var t = p.Type; t is not null; t = t.Element)
                {
                    if (t.Kind != TypeRefKind.Enum || !written.Add(t.Enum!.FullyQualifiedName)) continue;
                    string enumType = t.Enum.FullyQualifiedName;
                    w.WriteLine();
                    w.WriteLine("private static bool " + StreamingShapes.EnumParserName(t) + "(global::System.ReadOnlySpan<char> text, out " + enumType + " value)");
                    w.OpenBrace();
                    foreach (var member in t.Enum.Members)
                    {
                        w.WriteLine("if (Is(text, " + Escaping.CSharpString(member.JsonValue) + ")) { value = " + enumType + "." + member.Name + "; return true; }");
                    }

                    w.WriteLine("value = default;");
                    w.WriteLine("return false;");
                    w.CloseBrace();
                }
            }
        }

        private static void WriteArguments(SourceWriter w, List<string> args)
        {
            for (int i = 0; i < args.Count; i++)
            {
                w.WriteLine(args[i] + (i == args.Count - 1 ? ");" : ","));
            }
        }

        private static void WriteMultiline(SourceWriter w, string text)
        {
            var lines = text.Split('\n');
            w.WriteLine(lines[0]);
            w.Indent();
            for (int i = 1; i < lines.Length; i++) w.WriteLine(lines[i]);
            w.Unindent();
        }

        private static string ConstraintsField(PropertySpec p) => "__constraintsOf" + StreamingShapes.Unescape(p.Name);

        /// <summary>The member's DataAnnotations bounds, checked on its final value whatever the dialect sent.</summary>
        private static string ConstraintsExpression(PropertyConstraints c)
        {
            var args = new List<string>();
            void Text(string name, string? value)
            {
                if (value is not null) args.Add(name + ": " + Escaping.CSharpString(value));
            }

            void Number(string name, int? value)
            {
                if (value is int n) args.Add(name + ": " + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Text("minimum", c.Minimum);
            Text("maximum", c.Maximum);
            Text("exclusiveMinimum", c.ExclusiveMinimum);
            Text("exclusiveMaximum", c.ExclusiveMaximum);
            Text("pattern", c.Pattern);
            if (c.Format == "email") args.Add("email: true");
            Number("minItems", c.MinItems);
            Number("maxItems", c.MaxItems);
            Number("minLength", c.MinLength);
            Number("maxLength", c.MaxLength);
            return "new global::StructGen.Streaming.Generated.ValueConstraints(" + string.Join(", ", args) + ")";
        }

        private static string Shown(TypeRefSpec t) => t.Kind switch
        {
            TypeRefKind.String => " (a prefix of the final string while streaming)",
            TypeRefKind.Object => " (its members so far)",
            TypeRefKind.Array => " (the elements so far; only the last may be incomplete)",
            _ => " (null until complete: never a partial value)",
        };


        private static string Cref(string fullyQualifiedName) => fullyQualifiedName.Replace("global::", string.Empty);
    }
}
