using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StructGen.OpenAI
{
    /// <summary>
    /// <c>json_schema.description</c> and <c>json_schema.strict</c> of a generated type's
    /// <c>response_format</c>, read once per type with <see cref="JsonDocument"/> (no reflection) and cached.
    /// </summary>
    internal sealed class ResponseFormatMetadata
    {
        private static readonly ConditionalWeakTable<object, ResponseFormatMetadata> Cache = new ConditionalWeakTable<object, ResponseFormatMetadata>();

        private ResponseFormatMetadata(string? description, bool strict)
        {
            Description = description;
            Strict = strict;
        }

        /// <summary><c>json_schema.description</c>, when present.</summary>
        public string? Description { get; }

        /// <summary><c>json_schema.strict</c>; <see langword="true"/> when absent.</summary>
        public bool Strict { get; }

        public static ResponseFormatMetadata Get<T, TPartial>(StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return Cache.GetValue(type, static key => Create(((StructuredOutputType<T, TPartial>)key).ResponseFormatJson));
        }

        internal static ResponseFormatMetadata Create(string responseFormatJson)
        {
            string? description = null;
            bool strict = true;
            using (var format = JsonDocument.Parse(responseFormatJson))
            {
                if (format.RootElement.ValueKind == JsonValueKind.Object
                    && format.RootElement.TryGetProperty("json_schema", out var jsonSchema)
                    && jsonSchema.ValueKind == JsonValueKind.Object)
                {
                    if (jsonSchema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
                    {
                        description = d.GetString();
                    }

                    if (jsonSchema.TryGetProperty("strict", out var s) && (s.ValueKind == JsonValueKind.True || s.ValueKind == JsonValueKind.False))
                    {
                        strict = s.GetBoolean();
                    }
                }
            }

            return new ResponseFormatMetadata(description, strict);
        }
    }
}
