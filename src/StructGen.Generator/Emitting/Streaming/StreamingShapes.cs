using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>
    /// Maps a <see cref="TypeRefSpec"/> to the runtime node that streams it, the snapshot it shows
    /// while streaming, and the expressions that read its final value. The one place that knows the
    /// runtime's node types, so the partial-type emitter stays a simple loop.
    /// </summary>
    internal static class StreamingShapes
    {
        private const string Ns = "global::StructGen.Streaming.";
        private const string GeneratedNs = "global::StructGen.Streaming.Generated.";

        /// <summary>The C# name of the generated partial type for an object type.</summary>
        public static string PartialTypeName(ObjectTypeSpec type) => BaseName(type) + "Partial";

        /// <summary>
        /// The type's name for generated siblings; closed generic types spell out their arguments
        /// (<c>Page&lt;Row&gt;</c> → <c>PageOfRow</c>) so two instantiations never share a name.
        /// </summary>
        public static string BaseName(ObjectTypeSpec type)
        {
            string name = Unescape(type.Declaration.Name);
            string full = type.Declaration.FullyQualifiedName;
            int open = full.IndexOf('<');
            if (open < 0) return name;
            var sb = new System.Text.StringBuilder(name).Append("Of");
            int segmentStart = sb.Length;
            bool upper = true;
            foreach (char c in full.Substring(open + 1, full.LastIndexOf('>') - open - 1).Replace("global::", string.Empty))
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    sb.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                    continue;
                }

                // A dot ends a namespace or containing-type qualifier: keep only the simple name.
                if (c == '.') sb.Length = segmentStart;
                else if (c == ',') sb.Append("And");
                else if (c == '<') sb.Append("Of");
                segmentStart = sb.Length;
                upper = true;
            }

            return sb.ToString();
        }

        /// <summary>The fully qualified generated partial type.</summary>
        public static string PartialTypeFullName(ObjectTypeSpec type) =>
            (type.Declaration.Namespace is null ? "global::" : "global::" + type.Declaration.Namespace + ".") + PartialTypeName(type);

        /// <summary>
        /// The fully qualified push-deserializer class nested in the partial type (<c>…Partial.Node</c>,
        /// or another name when the type has a member called <c>Node</c>; see <see cref="PartialMemberNames"/>).
        /// Polymorphic bases have no members of their own, so theirs is always <c>Node</c>.
        /// </summary>
        public static string NodeTypeFullName(ObjectTypeSpec type) =>
            PartialTypeFullName(type) + "." + (type.Polymorphism is null ? PartialMemberNames.For(type).NodeClass : "Node");

        /// <summary>The node class streaming a value of <paramref name="t"/>.</summary>
        public static string NodeType(TypeRefSpec t, PartialTypeModel spec)
        {
            string scalar = ScalarType(t);
            switch (t.Kind)
            {
                case TypeRefKind.String: return GeneratedNs + "StringNode";
                case TypeRefKind.Boolean: return GeneratedNs + "BooleanNode";
                case TypeRefKind.Integer:
                case TypeRefKind.Number: return GeneratedNs + "NumberNode<" + scalar + ">";
                case TypeRefKind.Uri: return GeneratedNs + "ParsedTextNode<global::System.Uri>";
                case TypeRefKind.Object: return spec.NodeOf(t.DefinitionKey!);
                case TypeRefKind.Array: return GeneratedNs + "ListNode<" + ElementValueType(t.Element!) + ", " + ElementSnapshotType(t.Element!, spec) + ">";
                default: return GeneratedNs + "ParsedStringNode<" + scalar + ">";
            }
        }

        /// <summary>An expression creating the node for <paramref name="t"/>.</summary>
        public static string CreateNode(TypeRefSpec t, PartialTypeModel spec, string parent, string propertyName, string index)
        {
            string allowNull = t.IsNullable ? "true" : "false";
            string head = "new " + NodeType(t, spec) + "(" + parent + ", " + propertyName + ", " + index + ", allowNull: " + allowNull;
            string description = Escaping.CSharpString(Description(t));
            switch (t.Kind)
            {
                case TypeRefKind.String:
                case TypeRefKind.Boolean:
                case TypeRefKind.Object:
                    return head + ")";
                case TypeRefKind.Integer:
                case TypeRefKind.Number:
                    return head + ", " + GeneratedNs + "JsonValueParsers." + t.Numeric + ", " + description + ")";
                case TypeRefKind.Uri:
                    return head + ", " + GeneratedNs + "JsonValueParsers.Uri, " + description + ")";
                case TypeRefKind.Enum:
                    return head + ", " + EnumParserName(t) + ", " + description + ", global::StructGen.StructuredOutputErrorKind.InvalidEnumValue)";
                case TypeRefKind.Array:
                    {
                        var element = t.Element!;
                        return head + ",\n"
                            + "    (parent, index) => " + CreateNode(element, spec, "parent", "null", "index") + ",\n"
                            + "    element => " + ElementValue(element, spec, "element") + ",\n"
                            + "    element => " + ElementSnapshot(element, spec, "element") + ",\n"
                            + "    showsIncompleteElements: " + (ShowsIncomplete(element) ? "true" : "false") + ")";
                    }

                default:
                    return head + ", " + GeneratedNs + "JsonValueParsers." + t.Kind + ", " + description + ", global::StructGen.StructuredOutputErrorKind.InvalidFormat)";
            }
        }

        /// <summary>The type of the snapshot a member shows (stored in the partial type's field).</summary>
        public static string SnapshotFieldType(TypeRefSpec t, PartialTypeModel spec) => t.Kind switch
        {
            TypeRefKind.String => GeneratedNs + "TextView",
            TypeRefKind.Uri => "global::System.Uri?",
            TypeRefKind.Object => spec.PartialOf(t.DefinitionKey!) + "?",
            TypeRefKind.Array => Ns + "PartialList<" + ElementSnapshotType(t.Element!, spec) + ">?",
            _ => ScalarType(t) + "?",
        };

        /// <summary>The public property type on the partial type.</summary>
        public static string PartialPropertyType(TypeRefSpec t, PartialTypeModel spec) =>
            t.Kind == TypeRefKind.String ? "string?" : SnapshotFieldType(t, spec);

        /// <summary>Whether the partial property reads a lazily materialized string (held inline as a <c>TextView</c>).</summary>
        public static bool IsLazyText(TypeRefSpec t) => t.Kind == TypeRefKind.String;

        /// <summary>The expression for a member's final value, with <paramref name="node"/> the (possibly null) node field.</summary>
        public static string FinalValue(TypeRefSpec t, string node, string jsonName, string variable)
        {
            string name = Escaping.CSharpString(jsonName);
            string description = Escaping.CSharpString(Description(t));
            if (t.Kind != TypeRefKind.Array)
            {
                return (IsNullableValue(t) ? "RequiredNullable(" : "Required(") + node + ", " + name + ", " + description + ")";
            }

            string list = "Required(" + node + ", " + name + ", " + description + ")";
            return ConvertList(t, list, variable);
        }

        /// <summary>
        /// The expression for an optional member's final value: <paramref name="fallback"/> (an expression of
        /// the member's declared type) when the member is absent or null, else the value.
        /// </summary>
        public static string OptionalFinalValue(TypeRefSpec t, string node, string fallback, string variable)
        {
            string absent = node + " is null || " + node + ".State == " + Ns + "FieldState.Missing || " + node + ".IsNull";
            string value = t.Kind == TypeRefKind.Array ? ConvertList(t, node + ".GetValue()", variable) : node + ".GetValue()";
            return "(" + absent + " ? " + fallback + " : " + value + ")";
        }

        private static string ElementValue(TypeRefSpec t, PartialTypeModel spec, string element)
        {
            string typed = "((" + NodeType(t, spec) + ")" + element + ")";
            if (t.Kind == TypeRefKind.Array)
            {
                return ConvertList(t, typed + ".GetValue()", "__elements");
            }

            if (IsNullableValue(t))
            {
                return element + ".IsNull ? (" + ScalarType(t) + "?)null : " + typed + ".GetValue()";
            }

            return typed + ".GetValue()";
        }

        private static string ElementSnapshot(TypeRefSpec t, PartialTypeModel spec, string element)
        {
            string typed = "((" + NodeType(t, spec) + ")" + element + ")";
            string bang = t.IsNullable ? string.Empty : "!";
            switch (t.Kind)
            {
                case TypeRefKind.String:
                    return typed + ".SnapshotString()" + bang;
                case TypeRefKind.Object:
                case TypeRefKind.Array:
                case TypeRefKind.Uri:
                    return typed + ".Snapshot()" + bang;
                default:
                    return ElementValue(t, spec, element);
            }
        }

        private static string ElementValueType(TypeRefSpec t) =>
            t.IsNullable && !t.IsValueType ? t.UnderlyingFullyQualifiedName + "?" : t.FullyQualifiedName;

        private static string ElementSnapshotType(TypeRefSpec t, PartialTypeModel spec)
        {
            string nullable = t.IsNullable ? "?" : string.Empty;
            switch (t.Kind)
            {
                case TypeRefKind.String: return "string" + nullable;
                case TypeRefKind.Uri: return "global::System.Uri" + nullable;
                case TypeRefKind.Object: return spec.PartialOf(t.DefinitionKey!) + nullable;
                case TypeRefKind.Array: return Ns + "PartialList<" + ElementSnapshotType(t.Element!, spec) + ">" + nullable;
                default: return ScalarType(t) + nullable;
            }
        }

        private static bool ShowsIncomplete(TypeRefSpec t) => t.Kind is TypeRefKind.String or TypeRefKind.Object or TypeRefKind.Array;

        private static bool IsNullableValue(TypeRefSpec t) => t.IsNullable && t.IsValueType;

        /// <summary>Converts the runtime's <c>List&lt;T&gt;</c> to the declared collection shape.</summary>
        private static string ConvertList(TypeRefSpec t, string list, string variable)
        {
            string element = ElementValueType(t.Element!);
            string converted;
            switch (t.Collection)
            {
                case CollectionKind.Array: converted = variable + ".ToArray()"; break;
                case CollectionKind.ImmutableArray: converted = "global::System.Collections.Immutable.ImmutableArray.CreateRange(" + variable + ")"; break;
                case CollectionKind.ImmutableList: converted = "global::System.Collections.Immutable.ImmutableList.CreateRange(" + variable + ")"; break;
                case CollectionKind.HashSet:
                case CollectionKind.ISet: converted = "new global::System.Collections.Generic.HashSet<" + element + ">(" + variable + ")"; break;
                default: return list;
            }

            string nullFallback = t.IsNullable ? (t.IsValueType ? "(" + t.UnderlyingFullyQualifiedName + "?)null" : "null") : "default!";
            return "(" + list + " is { } " + variable + " ? " + converted + " : " + nullFallback + ")";
        }

        private static string ScalarType(TypeRefSpec t) => t.Kind == TypeRefKind.Char ? "char" : t.UnderlyingFullyQualifiedName;

        /// <summary>The name of the generated enum parser method for an enum-typed member.</summary>
        public static string EnumParserName(TypeRefSpec t) => "Parse" + Identifier(t.Enum!.FullyQualifiedName);

        /// <summary>Turns a fully qualified name into a valid identifier fragment.</summary>
        public static string Identifier(string fullyQualifiedName)
        {
            var chars = fullyQualifiedName.Replace("global::", string.Empty).ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '_') chars[i] = '_';
            }

            return new string(chars);
        }

        /// <summary>What a value of <paramref name="t"/> must look like, for error messages.</summary>
        public static string Description(TypeRefSpec t) => t.Kind switch
        {
            TypeRefKind.String => "a string",
            TypeRefKind.Char => "a one-character string",
            TypeRefKind.Boolean => "a boolean",
            TypeRefKind.Integer => "an integer (" + t.Numeric + ")",
            TypeRefKind.Number => "a number (" + t.Numeric + ")",
            TypeRefKind.Enum => "one of " + EnumValues(t.Enum!),
            TypeRefKind.Array => "an array",
            TypeRefKind.Object => "an object",
            TypeRefKind.DateTime => "a date-time string (ISO 8601)",
            TypeRefKind.DateTimeOffset => "a date-time string with offset (ISO 8601)",
            TypeRefKind.DateOnly => "a date string (yyyy-MM-dd)",
            TypeRefKind.TimeOnly => "a time string (HH:mm:ss)",
            TypeRefKind.TimeSpan => "a duration string (ISO 8601, e.g. PT1H30M)",
            TypeRefKind.Guid => "a UUID string",
            TypeRefKind.Uri => "a URI string",
            _ => "a value",
        };

        private static string EnumValues(EnumSpec e)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < e.Members.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                if (i == 8)
                {
                    sb.Append("… (" + e.Members.Count + " values)");
                    break;
                }

                sb.Append('"').Append(e.Members[i].JsonValue).Append('"');
            }

            return sb.ToString();
        }

        /// <summary>The identifier without a leading <c>@</c>.</summary>
        public static string Unescape(string identifier) => identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier;
    }
}
