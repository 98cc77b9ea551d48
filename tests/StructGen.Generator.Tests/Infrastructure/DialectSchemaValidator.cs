using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace StructGen.Generator.Tests.Infrastructure
{
    // Inside the namespace: the runtime's StructGen.SchemaDialect would otherwise win the lookup.
    using StructGen.Generator.Schema;

    /// <summary>
    /// A test-side check of the Anthropic and Gemini dialects, written from the providers' documents
    /// rather than from the generator's code.
    /// </summary>
    /// <remarks>
    /// Anthropic: docs.claude.com, "Structured outputs", section "JSON Schema limitations": supported are
    /// type, properties, required, additionalProperties (must be false), items, enum, const, anyOf,
    /// allOf, $ref/$defs, description, default, pattern (simple), format (date-time, time, date,
    /// duration, email, hostname, uri, ipv4, ipv6, uuid), minItems 0 or 1; numeric constraints,
    /// string lengths and other array bounds are rejected ("For 'integer' type, property 'minimum' is
    /// not supported"), nullable members are written as anyOf with {"type":"null"}.
    /// Gemini: ai.google.dev GenerationConfig.responseJsonSchema: only $id, $defs, $ref, $anchor, type,
    /// format, title, description, enum (strings and numbers), items, prefixItems, minItems, maxItems,
    /// minimum, maximum, anyOf, oneOf, properties, additionalProperties and required; a $ref has no
    /// siblings other than $-keywords.
    /// </remarks>
    internal static class DialectSchemaValidator
    {
        private static readonly HashSet<string> AnthropicKeywords = new()
        {
            "type", "description", "properties", "required", "additionalProperties", "items", "enum", "const",
            "anyOf", "allOf", "$ref", "$defs", "format", "pattern", "minItems", "default",
        };

        private static readonly HashSet<string> AnthropicFormats = new() { "date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid" };

        private static readonly HashSet<string> GeminiKeywords = new()
        {
            "$id", "$defs", "$ref", "$anchor", "type", "format", "title", "description", "enum", "items", "prefixItems",
            "minItems", "maxItems", "minimum", "maximum", "anyOf", "oneOf", "properties", "additionalProperties", "required",
        };

        public static void AssertValid(SchemaDialect dialect, string schemaJson)
        {
            var errors = new List<string>();
            using JsonDocument document = JsonDocument.Parse(schemaJson);
            Check(dialect, document.RootElement, "#", errors);
            if (errors.Count > 0)
            {
                throw new XunitException(dialect + " dialect violations:\n" + string.Join("\n", errors) + "\nSchema: " + schemaJson);
            }
        }

        private static void Check(SchemaDialect dialect, JsonElement schema, string path, List<string> errors)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path + ": a schema must be an object");
                return;
            }

            HashSet<string> allowed = dialect == SchemaDialect.Anthropic ? AnthropicKeywords : GeminiKeywords;
            foreach (JsonProperty keyword in schema.EnumerateObject())
            {
                if (!allowed.Contains(keyword.Name)) errors.Add(path + ": keyword '" + keyword.Name + "' is not accepted");
            }

            if (schema.TryGetProperty("type", out JsonElement type) && type.ValueKind != JsonValueKind.String)
            {
                errors.Add(path + ": 'type' must be one name (nullable is anyOf with {\"type\":\"null\"})");
            }

            if (schema.TryGetProperty("$ref", out _) && schema.EnumerateObject().Any(p => !p.Name.StartsWith("$")))
            {
                errors.Add(path + ": $ref with sibling keywords");
            }

            if (schema.TryGetProperty("enum", out JsonElement values) &&
                values.EnumerateArray().Any(v => v.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)))
            {
                errors.Add(path + ": enum values must be strings or numbers");
            }

            if (dialect == SchemaDialect.Anthropic)
            {
                if (schema.TryGetProperty("format", out JsonElement format) && !AnthropicFormats.Contains(format.GetString()!))
                {
                    errors.Add(path + ": format '" + format.GetString() + "' is not accepted");
                }

                if (schema.TryGetProperty("minItems", out JsonElement minItems) && minItems.GetInt32() > 1)
                {
                    errors.Add(path + ": minItems above 1");
                }

                if (schema.TryGetProperty("properties", out _) &&
                    !(schema.TryGetProperty("additionalProperties", out JsonElement closed) && closed.ValueKind == JsonValueKind.False))
                {
                    errors.Add(path + ": an object needs additionalProperties:false");
                }
            }

            if (schema.TryGetProperty("properties", out JsonElement properties))
            {
                foreach (JsonProperty property in properties.EnumerateObject()) Check(dialect, property.Value, path + "/properties/" + property.Name, errors);
            }

            if (schema.TryGetProperty("$defs", out JsonElement definitions))
            {
                foreach (JsonProperty definition in definitions.EnumerateObject()) Check(dialect, definition.Value, path + "/$defs/" + definition.Name, errors);
            }

            if (schema.TryGetProperty("items", out JsonElement items)) Check(dialect, items, path + "/items", errors);
            if (schema.TryGetProperty("anyOf", out JsonElement branches))
            {
                int i = 0;
                foreach (JsonElement branch in branches.EnumerateArray()) Check(dialect, branch, path + "/anyOf/" + i++, errors);
            }
        }
    }
}
