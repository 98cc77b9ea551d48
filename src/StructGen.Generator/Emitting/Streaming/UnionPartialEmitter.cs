using System.Collections.Generic;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// Emits the partial type of a polymorphic base: the discriminator, the selected variant's
    /// partial and typed <c>As{Variant}</c> accessors, plus a node deriving from <c>UnionNode</c>.
    /// </summary>
    internal static class UnionPartialEmitter
    {
        public static void WriteBody(SourceWriter w, ObjectTypeSpec type, PartialTypeModel model, string name)
        {
            var polymorphism = type.Polymorphism!;
            string value = type.Declaration.FullyQualifiedName;
            var variants = new List<(DerivedTypeSpec Derived, string Partial)>();
            var nodes = new List<string>();
            foreach (var derived in polymorphism.DerivedTypes)
            {
                variants.Add((derived, model.PartialOf(derived.DefinitionKey)));
                nodes.Add(model.NodeOf(derived.DefinitionKey));
            }

            w.WriteLine("private " + name + "(global::StructGen.Streaming.FieldState state, string? typeDiscriminator, global::StructGen.Streaming.FieldState typeDiscriminatorState, object? variant)");
            w.OpenBrace();
            w.WriteLine("State = state;");
            w.WriteLine("TypeDiscriminator = typeDiscriminator;");
            w.WriteLine("TypeDiscriminatorState = typeDiscriminatorState;");
            w.WriteLine("Variant = variant;");
            w.CloseBrace();
            w.WriteLine();
            w.WriteLine("/// <summary>How far this object has arrived.</summary>");
            w.WriteLine("public global::StructGen.Streaming.FieldState State { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>The <c>" + Escaping.XmlDocText(polymorphism.DiscriminatorPropertyName) + "</c> discriminator, once complete: it selects the variant.</summary>");
            w.WriteLine("public string? TypeDiscriminator { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>Whether the discriminator is missing, streaming or complete.</summary>");
            w.WriteLine("public global::StructGen.Streaming.FieldState TypeDiscriminatorState { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>The selected variant's partial, once the discriminator arrived.</summary>");
            w.WriteLine("public object? Variant { get; }");
            foreach (var (derived, partial) in variants)
            {
                w.WriteLine();
                w.WriteLine("/// <summary>The variant as <c>" + Escaping.XmlDocText(derived.Discriminator) + "</c>, or null when another variant was selected.</summary>");
                w.WriteLine("public " + partial + "? As" + ShortName(partial) + " => Variant as " + partial + ";");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>The generated push deserializer for <c>" + Escaping.XmlDocText(value.Replace("global::", string.Empty)) + "</c>.</summary>");
            w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            w.WriteLine("public sealed class Node : global::StructGen.Streaming.Generated.UnionNode<" + value + ", " + name + ">");
            w.OpenBrace();
            w.WriteLine("/// <summary>Creates the node (used by generated code).</summary>");
            w.WriteLine("public Node(global::StructGen.Streaming.Generated.PartialNode? parent, string? propertyName, int index, bool allowNull)");
            w.WriteLine("    : base(parent, propertyName, index, allowNull, " + Escaping.CSharpString(polymorphism.DiscriminatorPropertyName) + ")");
            w.OpenBrace();
            w.CloseBrace();
            w.WriteLine();
            w.WriteLine("/// <summary>A node for the root of a document (no parent, not nullable).</summary>");
            w.WriteLine("public static Node CreateRoot() => new Node(null, null, -1, allowNull: false);");
            w.WriteLine();
            var values = new List<string>();
            foreach (var (derived, _) in variants) values.Add("\"" + derived.Discriminator + "\"");
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override string DiscriminatorValues => " + Escaping.CSharpString("one of " + string.Join(", ", values)) + ";");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override global::StructGen.Streaming.Generated.PartialNode? CreateVariant(string discriminator)");
            w.OpenBrace();
            for (int i = 0; i < variants.Count; i++)
            {
                w.WriteLine("if (discriminator == " + Escaping.CSharpString(variants[i].Derived.Discriminator) + ") return new " + nodes[i] + "(this, null, -1, allowNull: false);");
            }

            w.WriteLine("return null;");
            w.CloseBrace();
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override " + name + " BuildSnapshot() => new " + name + "(State, Discriminator, DiscriminatorState, Variant switch");
            w.OpenBrace();
            foreach (var node in nodes) w.WriteLine(node + " variant => variant.Snapshot(),");
            w.WriteLine("_ => null,");
            w.Unindent();
            w.WriteLine("});");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("protected override " + value + " BuildValue() => RequireVariant() switch");
            w.OpenBrace();
            foreach (var node in nodes) w.WriteLine(node + " variant => variant.GetValue(),");
            w.WriteLine("_ => throw new global::System.InvalidOperationException(\"Unknown variant node.\"),");
            w.Unindent();
            w.WriteLine("};");
            w.CloseBrace();
        }

        private static string ShortName(string partialFullName)
        {
            int dot = partialFullName.LastIndexOf('.');
            var shortName = dot < 0 ? partialFullName : partialFullName.Substring(dot + 1);
            if (shortName.StartsWith("global::", System.StringComparison.Ordinal)) shortName = shortName.Substring(8);
            return shortName.EndsWith("Partial", System.StringComparison.Ordinal) ? shortName.Substring(0, shortName.Length - 7) : shortName;
        }
    }
}
