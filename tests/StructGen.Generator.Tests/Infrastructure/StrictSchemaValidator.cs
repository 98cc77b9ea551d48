using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>
    /// A test-side, independent check of OpenAI strict structured-output rules: root is a plain object;
    /// every object has additionalProperties:false and lists every property in required; only supported
    /// keywords and formats; $ref targets exist and have no sibling keywords; service limits.
    /// </summary>
    internal static class StrictSchemaValidator
    {
        private static readonly HashSet<string> Types = new() { "string", "number", "integer", "boolean", "object", "array", "null" };
        private static readonly HashSet<string> Formats = new() { "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid" };
        private static readonly HashSet<string> Keywords = new()
        {
            "type", "description", "properties", "required", "additionalProperties", "items", "enum", "const",
            "anyOf", "$ref", "$defs", "format", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf", "minItems", "maxItems",
        };

        public static void AssertValid(string schemaJson, string schemaName)
        {
            var errors = Validate(schemaJson, schemaName);
            if (errors.Count > 0)
            {
                throw new XunitException("Strict-mode violations:\n" + string.Join("\n", errors) + "\nSchema: " + schemaJson);
            }
        }

        public static List<string> Validate(string schemaJson, string schemaName)
        {
            var errors = new List<string>();
            if (!Regex.IsMatch(schemaName, "^[a-zA-Z0-9_-]{1,64}$"))
            {
                errors.Add("schema name '" + schemaName + "' is invalid");
            }

            using JsonDocument document = JsonDocument.Parse(schemaJson);
            JsonElement root = document.RootElement;
            var definitions = new HashSet<string>();
            if (root.TryGetProperty("$defs", out JsonElement defs))
            {
                foreach (JsonProperty def in defs.EnumerateObject())
                {
                    definitions.Add(def.Name);
                }
            }

            if (!root.TryGetProperty("type", out JsonElement rootType) || rootType.ValueKind != JsonValueKind.String || rootType.GetString() != "object")
            {
                errors.Add("$: the root must be a plain object (\"type\":\"object\"), not anyOf or a union");
            }

            var counters = new Counters();
            Visit(root, "$", depth: 1, isRoot: true, definitions, counters, errors);
            if (root.TryGetProperty("$defs", out defs))
            {
                foreach (JsonProperty def in defs.EnumerateObject())
                {
                    Visit(def.Value, "$.$defs." + def.Name, depth: 1, isRoot: false, definitions, counters, errors);
                }
            }

            if (counters.Properties > 5000) errors.Add($"{counters.Properties} object properties > 5000");
            if (counters.EnumValues > 1000) errors.Add($"{counters.EnumValues} enum values > 1000");
            if (counters.MaxDepth > 10) errors.Add($"nesting depth {counters.MaxDepth} > 10");
            return errors;
        }

        private sealed class Counters
        {
            public int Properties;
            public int EnumValues;
            public int MaxDepth;
        }

        private static void Visit(JsonElement schema, string path, int depth, bool isRoot, HashSet<string> definitions, Counters counters, List<string> errors)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path + ": a schema must be a JSON object");
                return;
            }

            foreach (JsonProperty keyword in schema.EnumerateObject())
            {
                if (!Keywords.Contains(keyword.Name))
                {
                    errors.Add(path + ": unsupported keyword '" + keyword.Name + "'");
                }
            }

            if (schema.TryGetProperty("$defs", out _) && !isRoot)
            {
                errors.Add(path + ": $defs is only allowed at the root");
            }

            if (schema.TryGetProperty("$ref", out JsonElement reference))
            {
                string target = reference.GetString() ?? string.Empty;
                if (schema.EnumerateObject().Count() != 1)
                {
                    errors.Add(path + ": $ref must not have sibling keywords");
                }

                if (target != "#" && !(target.StartsWith("#/$defs/") && definitions.Contains(target.Substring(8))))
                {
                    errors.Add(path + ": $ref '" + target + "' does not resolve");
                }

                return;
            }

            if (schema.TryGetProperty("anyOf", out JsonElement anyOf))
            {
                if (schema.TryGetProperty("type", out _))
                {
                    errors.Add(path + ": anyOf must not be combined with type");
                }

                int i = 0;
                foreach (JsonElement option in anyOf.EnumerateArray())
                {
                    Visit(option, path + ".anyOf[" + i++ + "]", depth, isRoot: false, definitions, counters, errors);
                }

                return;
            }

            if (!schema.TryGetProperty("type", out JsonElement typeElement))
            {
                errors.Add(path + ": missing type");
                return;
            }

            List<string> types = typeElement.ValueKind == JsonValueKind.Array
                ? typeElement.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToList()
                : new List<string> { typeElement.GetString() ?? string.Empty };
            foreach (string type in types.Where(t => !Types.Contains(t)))
            {
                errors.Add(path + ": unknown type '" + type + "'");
            }

            if (schema.TryGetProperty("format", out JsonElement format) && !Formats.Contains(format.GetString() ?? string.Empty))
            {
                errors.Add(path + ": unsupported format '" + format.GetString() + "'");
            }

            if (schema.TryGetProperty("enum", out JsonElement values))
            {
                foreach (JsonElement value in values.EnumerateArray())
                {
                    counters.EnumValues++;
                    string kind = value.ValueKind switch
                    {
                        JsonValueKind.String => "string",
                        JsonValueKind.Number => "integer",
                        JsonValueKind.Null => "null",
                        _ => "other",
                    };
                    if (!types.Contains(kind))
                    {
                        errors.Add(path + ": enum value " + value.GetRawText() + " does not match type");
                    }
                }
            }

            if (types.Contains("object"))
            {
                counters.MaxDepth = System.Math.Max(counters.MaxDepth, depth);
                if (!schema.TryGetProperty("additionalProperties", out JsonElement additional) || additional.ValueKind != JsonValueKind.False)
                {
                    errors.Add(path + ": objects need \"additionalProperties\":false");
                }

                if (!schema.TryGetProperty("properties", out JsonElement properties) || !schema.TryGetProperty("required", out JsonElement required))
                {
                    errors.Add(path + ": objects need properties and required");
                    return;
                }

                var names = properties.EnumerateObject().Select(p => p.Name).ToList();
                var requiredNames = required.EnumerateArray().Select(r => r.GetString()).ToList();
                if (!names.SequenceEqual(requiredNames))
                {
                    errors.Add(path + ": required [" + string.Join(",", requiredNames) + "] must list every property in order [" + string.Join(",", names) + "]");
                }

                foreach (JsonProperty property in properties.EnumerateObject())
                {
                    counters.Properties++;
                    Visit(property.Value, path + ".properties." + property.Name, depth + 1, isRoot: false, definitions, counters, errors);
                }
            }

            if (types.Contains("array"))
            {
                if (!schema.TryGetProperty("items", out JsonElement items))
                {
                    errors.Add(path + ": arrays need items");
                }
                else
                {
                    Visit(items, path + ".items", depth, isRoot: false, definitions, counters, errors);
                }
            }
        }
    }
}
