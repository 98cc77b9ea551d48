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
                return Create(t.JsonSchema, t.Description, t.ResponseFormat.Strict);
            });
        }

        internal static ResponseFormatMetadata Create(string jsonSchema, string? description, bool strict)
        {
            using var doc = JsonDocument.Parse(jsonSchema);
            return new ResponseFormatMetadata(doc.RootElement.Clone(), description, strict);
        }
    }
}
