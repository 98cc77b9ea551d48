using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// What a generated type's <c>response_format</c> says besides the schema (description, strict),
    /// read once per type with <see cref="JsonDocument"/> (no reflection) and cached.
    /// </summary>
    internal sealed class ResponseFormatMetadata
    {
        private static readonly ConditionalWeakTable<object, ResponseFormatMetadata> Cache = new ConditionalWeakTable<object, ResponseFormatMetadata>();

        private ResponseFormatMetadata(JsonElement schema, string? description, bool strict)
        {
            Schema = schema;
            Description = description;
            Strict = strict;
        }

        /// <summary>The JSON Schema, parsed.</summary>
        public JsonElement Schema { get; }

        /// <summary><c>json_schema.description</c>, when present.</summary>
        public string? Description { get; }

        /// <summary><c>json_schema.strict</c>; <see langword="true"/> when absent.</summary>
        public bool Strict { get; }

        public static ResponseFormatMetadata Get<T, TPartial>(StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return Cache.GetValue(type, static key =>
            {
                var t = (StructuredOutputType<T, TPartial>)key;
                return Create(t.JsonSchema, t.ResponseFormatJson);
            });
        }

        internal static ResponseFormatMetadata Create(string jsonSchema, string responseFormatJson)
        {
            JsonElement schema;
            using (var doc = JsonDocument.Parse(jsonSchema))
            {
                schema = doc.RootElement.Clone();
            }

            string? description = null;
            bool strict = true;
            using (var format = JsonDocument.Parse(responseFormatJson))
            {
                if (format.RootElement.ValueKind == JsonValueKind.Object
                    && format.RootElement.TryGetProperty("json_schema", out var jsonSchemaObject)
                    && jsonSchemaObject.ValueKind == JsonValueKind.Object)
                {
                    if (jsonSchemaObject.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
                    {
                        description = d.GetString();
                    }

                    if (jsonSchemaObject.TryGetProperty("strict", out var s) && (s.ValueKind == JsonValueKind.True || s.ValueKind == JsonValueKind.False))
                    {
                        strict = s.GetBoolean();
                    }
                }
            }

            return new ResponseFormatMetadata(schema, description, strict);
        }
    }
}
