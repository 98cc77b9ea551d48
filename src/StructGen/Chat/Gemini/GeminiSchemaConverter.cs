using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// Converts a JSON Schema to Gemini's OpenAPI-subset <c>Schema</c> (function <c>parameters</c>): upper-case
    /// types, <c>nullable</c> instead of null unions, <c>$ref</c> inlined, members the subset lacks
    /// (<c>additionalProperties</c>, <c>$schema</c>, <c>$defs</c>…) left out.
    /// </summary>
    internal static class GeminiSchemaConverter
    {
        private static readonly HashSet<string> Copied = new HashSet<string>(StringComparer.Ordinal)
        {
            "description", "enum", "format", "title", "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength",
            "pattern", "minProperties", "maxProperties", "default", "example", "propertyOrdering", "required",
        };

        public static void WriteOpenApiSchema(Utf8JsonWriter writer, string jsonSchema, string toolName)
        {
            using var document = JsonDocument.Parse(jsonSchema);
            var root = document.RootElement;
            JsonElement? defs = root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("$defs", out var d) || root.TryGetProperty("definitions", out d)) ? d : null;
            new Converter(writer, defs, toolName).Write(root);
        }

        private sealed class Converter
        {
            private readonly Utf8JsonWriter _writer;
            private readonly JsonElement? _defs;
            private readonly string _toolName;
            private readonly List<string> _visiting = new List<string>();

            public Converter(Utf8JsonWriter writer, JsonElement? defs, string toolName)
            {
                _writer = writer;
                _defs = defs;
                _toolName = toolName;
            }

            public void Write(JsonElement schema)
            {
                _writer.WriteStartObject();
                bool nullable = false;
                WriteMembers(schema, ref nullable, skipDescription: false);
                if (nullable) _writer.WriteBoolean("nullable", true);
                _writer.WriteEndObject();
            }

            // The members of one schema object, written into the object being written. A schema merged
            // into its holder ($ref target, the one non-null branch of a nullable union) brings its
            // members along, but the holder's own description wins: one object, one "description".
            private void WriteMembers(JsonElement schema, ref bool nullable, bool skipDescription)
            {
                if (schema.ValueKind != JsonValueKind.Object) return; // true / {}: any value
                bool ownDescription = schema.TryGetProperty("description", out var description);
                if (schema.TryGetProperty("$ref", out var reference))
                {
                    var name = Resolve(reference.GetString(), out var target);
                    if (_visiting.Contains(name)) throw Unsupported("a recursive $ref ('" + name + "')");
                    _visiting.Add(name);
                    WriteMembers(target, ref nullable, skipDescription || ownDescription);
                    _visiting.RemoveAt(_visiting.Count - 1);
                    if (ownDescription && !skipDescription)
                    {
                        _writer.WritePropertyName("description");
                        description.WriteTo(_writer);
                    }

                    return;
                }

                foreach (var member in schema.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "type":
                            WriteType(member.Value, ref nullable);
                            break;
                        case "nullable":
                            nullable |= member.Value.ValueKind == JsonValueKind.True;
                            break;
                        case "const":
                            _writer.WriteStartArray("enum");
                            member.Value.WriteTo(_writer);
                            _writer.WriteEndArray();
                            break;
                        case "properties":
                            _writer.WriteStartObject("properties");
                            foreach (var property in member.Value.EnumerateObject())
                            {
                                _writer.WritePropertyName(property.Name);
                                Write(property.Value);
                            }

                            _writer.WriteEndObject();
                            break;
                        case "items":
                            _writer.WritePropertyName("items");
                            Write(member.Value);
                            break;
                        case "anyOf":
                        case "oneOf":
                            WriteUnion(member.Value, ref nullable, skipDescription || ownDescription);
                            break;
                        case "description":
                            if (!skipDescription) member.WriteTo(_writer);
                            break;
                        default:
                            if (Copied.Contains(member.Name)) member.WriteTo(_writer);
                            break;
                    }
                }
            }

            private void WriteType(JsonElement type, ref bool nullable)
            {
                if (type.ValueKind == JsonValueKind.String)
                {
                    _writer.WriteString("type", type.GetString()!.ToUpperInvariant());
                    return;
                }

                string? single = null;
                foreach (var item in type.EnumerateArray())
                {
                    var name = item.GetString();
                    if (name == "null") nullable = true;
                    else if (single is null) single = name;
                    else throw Unsupported("a type union (" + type.GetRawText() + ")");
                }

                if (single is not null) _writer.WriteString("type", single.ToUpperInvariant());
            }

            private void WriteUnion(JsonElement options, ref bool nullable, bool skipDescription)
            {
                var kept = new List<JsonElement>();
                foreach (var option in options.EnumerateArray())
                {
                    if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null") nullable = true;
                    else kept.Add(option);
                }

                if (kept.Count == 1)
                {
                    WriteMembers(kept[0], ref nullable, skipDescription);
                    return;
                }

                _writer.WriteStartArray("anyOf");
                foreach (var option in kept) Write(option);
                _writer.WriteEndArray();
            }

            private string Resolve(string? reference, out JsonElement target)
            {
                const string Defs = "#/$defs/", Definitions = "#/definitions/";
                string? name = reference is null ? null
                    : reference.StartsWith(Defs, StringComparison.Ordinal) ? reference.Substring(Defs.Length)
                    : reference.StartsWith(Definitions, StringComparison.Ordinal) ? reference.Substring(Definitions.Length)
                    : null;
                if (name is null || _defs is not { } defs || !defs.TryGetProperty(name, out target))
                {
                    throw Unsupported("the reference '" + reference + "'");
                }

                return name;
            }

            private NotSupportedException Unsupported(string what) => new NotSupportedException(
                "The parameters schema of tool '" + _toolName + "' has " + what + ", which Gemini's OpenAPI 'parameters' schema cannot express: set GeminiClientOptions.ToolSchemaFormat = ParametersJsonSchema.");
        }
    }
}
