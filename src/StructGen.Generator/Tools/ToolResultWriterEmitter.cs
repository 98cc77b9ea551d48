using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Emitting.Streaming;
using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Tools
{
    /// <summary>
    /// Writes the reflection-free JSON writers for tool results: one <c>Utf8JsonWriter</c> method per
    /// returned value, object type and enum of a class (shared by its tools), with the same JSON names
    /// and formats the schema mapping uses.
    /// </summary>
    internal sealed class ToolResultWriterEmitter
    {
        private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        private readonly SourceWriter _w;
        private readonly Dictionary<string, (ObjectTypeSpec Type, Dictionary<string, ObjectTypeSpec> Scope)> _objects =
            new Dictionary<string, (ObjectTypeSpec, Dictionary<string, ObjectTypeSpec>)>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, EnumSpec> _enums = new Dictionary<string, EnumSpec>(System.StringComparer.Ordinal);
        private int _variables;

        private ToolResultWriterEmitter(SourceWriter writer) => _w = writer;

        /// <summary>The name of the method writing the result of <paramref name="tool"/>.</summary>
        public static string ResultWriterName(ToolSpec tool) => "__WriteResultOf" + tool.Identifier;

        public const string ToJsonHelper = "__ToolResultJson";

        /// <summary>Writes the helper, one result writer per JSON-returning tool, and every object/enum writer they need.</summary>
        public static void Write(SourceWriter writer, IReadOnlyList<ToolSpec> tools)
        {
            var emitter = new ToolResultWriterEmitter(writer);
            List<ToolSpec> json = tools.Where(t => t.Return.Kind == ToolReturnKind.Json).ToList();
            if (json.Count == 0)
            {
                return;
            }

            emitter.WriteHelper();
            foreach (ToolSpec tool in json)
            {
                var scope = tool.ResultTypes.ToDictionary(t => t.Key);
                emitter.Collect(tool.Return.Type!, scope);
                writer.WriteLine();
                writer.WriteLine("private static void " + ResultWriterName(tool) + "(" + Writer + " writer, " + tool.Return.Type!.FullyQualifiedName + " value)");
                writer.OpenBrace();
                emitter._variables = 0;
                emitter.WriteValue(tool.Return.Type!, "value", scope);
                writer.CloseBrace();
            }

            // Writers found while writing others are appended to the queue (ordinal order keeps the output stable).
            var written = new HashSet<string>(System.StringComparer.Ordinal);
            while (true)
            {
                string? next = emitter._objects.Keys.Where(k => !written.Contains(k)).OrderBy(k => k, System.StringComparer.Ordinal).FirstOrDefault();
                if (next is null)
                {
                    break;
                }

                written.Add(next);
                emitter.WriteObject(emitter._objects[next].Type, emitter._objects[next].Scope);
            }

            foreach (EnumSpec e in emitter._enums.Values.OrderBy(e => e.FullyQualifiedName, System.StringComparer.Ordinal))
            {
                emitter.WriteEnum(e);
            }
        }

        private void WriteHelper()
        {
            _w.WriteLine();
            _w.WriteLine("private static string " + ToJsonHelper + "<T>(T value, global::System.Action<" + Writer + ", T> write)");
            _w.OpenBrace();
            _w.WriteLine("var stream = new global::System.IO.MemoryStream();");
            _w.WriteLine("var options = new global::System.Text.Json.JsonWriterOptions { Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };");
            _w.WriteLine("using (var writer = new " + Writer + "(stream, options))");
            _w.OpenBrace();
            _w.WriteLine("write(writer, value);");
            _w.CloseBrace();
            _w.WriteLine();
            _w.WriteLine("return global::System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);");
            _w.CloseBrace();
        }

        /// <summary>Registers every object type and enum reachable from <paramref name="type"/>.</summary>
        private void Collect(TypeRefSpec type, Dictionary<string, ObjectTypeSpec> scope)
        {
            for (TypeRefSpec? t = type; t is not null; t = t.Element)
            {
                if (t.Enum is not null && !_enums.ContainsKey(t.Enum.FullyQualifiedName))
                {
                    _enums.Add(t.Enum.FullyQualifiedName, t.Enum);
                }

                if (t.Kind == TypeRefKind.Object && scope.TryGetValue(t.DefinitionKey!, out ObjectTypeSpec? target))
                {
                    CollectObject(target, scope);
                }
            }
        }

        private void CollectObject(ObjectTypeSpec type, Dictionary<string, ObjectTypeSpec> scope)
        {
            if (_objects.ContainsKey(type.Declaration.FullyQualifiedName))
            {
                return;
            }

            _objects.Add(type.Declaration.FullyQualifiedName, (type, scope));
            foreach (PropertySpec property in type.Properties)
            {
                Collect(property.Type, scope);
            }

            if (type.Polymorphism is not null)
            {
                foreach (DerivedTypeSpec derived in type.Polymorphism.DerivedTypes)
                {
                    if (scope.TryGetValue(derived.DefinitionKey, out ObjectTypeSpec? derivedType))
                    {
                        CollectObject(derivedType, scope);
                    }
                }
            }
        }

        private void WriteObject(ObjectTypeSpec type, Dictionary<string, ObjectTypeSpec> scope)
        {
            string name = type.Declaration.FullyQualifiedName;
            string id = StreamingShapes.Identifier(name);
            _w.WriteLine();
            _w.WriteLine("private static void __Write" + id + "(" + Writer + " writer, " + name + " value)");
            _w.OpenBrace();
            if (type.Polymorphism is { } polymorphism)
            {
                int index = 0;
                foreach (DerivedTypeSpec derived in polymorphism.DerivedTypes)
                {
                    string variable = "__derived" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _w.WriteLine("if (value is " + derived.FullyQualifiedName + " " + variable + ")");
                    _w.OpenBrace();
                    _w.WriteLine("writer.WriteStartObject();");
                    string discriminatorName = Escaping.CSharpString(polymorphism.DiscriminatorPropertyName);
                    _w.WriteLine(derived.IsNumericDiscriminator
                        ? "writer.WriteNumber(" + discriminatorName + ", " + derived.Discriminator + ");"
                        : "writer.WriteString(" + discriminatorName + ", " + Escaping.CSharpString(derived.Discriminator) + ");");
                    _w.WriteLine("__WriteMembers" + StreamingShapes.Identifier(derived.FullyQualifiedName) + "(writer, " + variable + ");");
                    _w.WriteLine("writer.WriteEndObject();");
                    _w.WriteLine("return;");
                    _w.CloseBrace();
                    _w.WriteLine();
                }

                _w.WriteLine("throw new global::System.NotSupportedException(\"'\" + value.GetType().FullName + \"' is not a derived type of '" + Escaping.CSharpString(name.Replace("global::", string.Empty)).Trim('"') + "' listed with [JsonDerivedType].\");");
                _w.CloseBrace();
                return;
            }

            _w.WriteLine("writer.WriteStartObject();");
            _w.WriteLine("__WriteMembers" + id + "(writer, value);");
            _w.WriteLine("writer.WriteEndObject();");
            _w.CloseBrace();

            _w.WriteLine();
            _w.WriteLine("private static void __WriteMembers" + id + "(" + Writer + " writer, " + name + " value)");
            _w.OpenBrace();
            _variables = 0;
            foreach (PropertySpec property in type.Properties)
            {
                _w.WriteLine("writer.WritePropertyName(" + Escaping.CSharpString(property.JsonName) + ");");
                WriteValue(property.Type, "value." + property.Name, scope);
            }

            _w.CloseBrace();
        }

        private void WriteEnum(EnumSpec spec)
        {
            _w.WriteLine();
            _w.WriteLine("private static void __Write" + StreamingShapes.Identifier(spec.FullyQualifiedName) + "(" + Writer + " writer, " + spec.FullyQualifiedName + " value)");
            _w.OpenBrace();
            foreach (EnumMemberSpec member in spec.Members)
            {
                _w.WriteLine("if (value == " + spec.FullyQualifiedName + "." + member.Name + ") { writer.WriteStringValue(" + Escaping.CSharpString(member.JsonValue) + "); return; }");
            }

            _w.WriteLine("writer.WriteStringValue(value.ToString());");
            _w.CloseBrace();
        }

        /// <summary>Statements writing <paramref name="expression"/> (null-checked for reference and nullable types).</summary>
        private void WriteValue(TypeRefSpec type, string expression, Dictionary<string, ObjectTypeSpec> scope)
        {
            if ((!type.IsNullable && type.IsValueType) || type.Kind == TypeRefKind.String)
            {
                // Value types cannot be null; WriteStringValue writes null for a null string.
                WriteNonNull(type, expression, scope);
                return;
            }

            string variable = "__value" + _variables++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _w.WriteLine("if (" + expression + " is { } " + variable + ")");
            _w.OpenBrace();
            WriteNonNull(type, variable, scope);
            _w.CloseBrace();
            _w.WriteLine("else");
            _w.OpenBrace();
            _w.WriteLine("writer.WriteNullValue();");
            _w.CloseBrace();
        }

        private void WriteNonNull(TypeRefSpec type, string value, Dictionary<string, ObjectTypeSpec> scope)
        {
            switch (type.Kind)
            {
                case TypeRefKind.String:
                case TypeRefKind.DateTime:
                case TypeRefKind.DateTimeOffset:
                case TypeRefKind.Guid:
                    _w.WriteLine("writer.WriteStringValue(" + value + ");");
                    return;
                case TypeRefKind.Char:
                    _w.WriteLine("writer.WriteStringValue(" + value + ".ToString());");
                    return;
                case TypeRefKind.Boolean:
                    _w.WriteLine("writer.WriteBooleanValue(" + value + ");");
                    return;
                case TypeRefKind.Integer:
                case TypeRefKind.Number:
                    _w.WriteLine(Number(type.Numeric, value));
                    return;
                case TypeRefKind.DateOnly:
                    _w.WriteLine("writer.WriteStringValue(" + value + ".ToString(\"yyyy-MM-dd\", " + Invariant + "));");
                    return;
                case TypeRefKind.TimeOnly:
                    _w.WriteLine("writer.WriteStringValue(" + value + ".ToString(\"HH:mm:ss.FFFFFFF\", " + Invariant + "));");
                    return;
                case TypeRefKind.TimeSpan:
                    _w.WriteLine("writer.WriteStringValue(global::System.Xml.XmlConvert.ToString(" + value + "));");
                    return;
                case TypeRefKind.Uri:
                    _w.WriteLine("writer.WriteStringValue(" + value + ".OriginalString);");
                    return;
                case TypeRefKind.Enum:
                    _w.WriteLine("__Write" + StreamingShapes.Identifier(type.Enum!.FullyQualifiedName) + "(writer, " + value + ");");
                    return;
                case TypeRefKind.Object:
                    _w.WriteLine("__Write" + StreamingShapes.Identifier(scope[type.DefinitionKey!].Declaration.FullyQualifiedName) + "(writer, " + value + ");");
                    return;
                case TypeRefKind.Array:
                    string element = "__element" + _variables++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _w.WriteLine("writer.WriteStartArray();");
                    _w.WriteLine("foreach (var " + element + " in " + value + ")");
                    _w.OpenBrace();
                    WriteValue(type.Element!, element, scope);
                    _w.CloseBrace();
                    _w.WriteLine();
                    _w.WriteLine("writer.WriteEndArray();");
                    return;
            }
        }

        private static string Number(NumericType numeric, string value) => numeric switch
        {
            NumericType.Byte or NumericType.SByte or NumericType.Int16 or NumericType.UInt16 => "writer.WriteNumberValue((int)" + value + ");",
            NumericType.Half => "writer.WriteNumberValue((double)" + value + ");",
            NumericType.Int128 or NumericType.UInt128 => "writer.WriteRawValue(" + value + ".ToString(null, " + Invariant + "));",
            _ => "writer.WriteNumberValue(" + value + ");",
        };
    }
}
