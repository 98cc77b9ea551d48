using System;

namespace StructGen.Chat
{
    /// <summary>What shape the answer must take.</summary>
    public enum ResponseFormatKind
    {
        /// <summary>Free text.</summary>
        Text,

        /// <summary>Any JSON object (JSON mode: the schema goes in the prompt).</summary>
        JsonObject,

        /// <summary>JSON valid against a schema, enforced by the provider.</summary>
        JsonSchema,
    }

    /// <summary>
    /// The answer's format, in no protocol's shape: chat completions writes it as
    /// <c>response_format</c>, the Responses API as <c>text.format</c>, Gemini as
    /// <c>responseJsonSchema</c>, Anthropic as its JSON output format. Generated types give theirs as
    /// <c>T.StructuredOutput.ResponseFormat</c>.
    /// </summary>
    public sealed class ResponseFormat
    {
        private ResponseFormat(ResponseFormatKind kind, string? name, string? jsonSchema, string? naturalJsonSchema, string? description, bool strict)
        {
            Kind = kind;
            Name = name;
            JsonSchema = jsonSchema;
            NaturalJsonSchema = naturalJsonSchema;
            Description = description;
            Strict = strict;
        }

        /// <summary>Free text.</summary>
        public static ResponseFormat Text { get; } = new ResponseFormat(ResponseFormatKind.Text, null, null, null, null, false);

        /// <summary>Any JSON object.</summary>
        public static ResponseFormat JsonObject { get; } = new ResponseFormat(ResponseFormatKind.JsonObject, null, null, null, null, false);

        /// <summary>JSON valid against <paramref name="jsonSchema"/>.</summary>
        /// <param name="name">The schema's name (letters, digits, <c>_</c> and <c>-</c>).</param>
        /// <param name="jsonSchema">The schema, as sent with strict mode (OpenAI structured outputs).</param>
        /// <param name="description">What the answer is, for the model.</param>
        /// <param name="strict">Whether the provider must enforce the schema exactly.</param>
        /// <param name="naturalJsonSchema">
        /// The same schema without strict mode's additions (<c>additionalProperties: false</c>, every
        /// member required), for protocols that take it that way; <paramref name="jsonSchema"/> when null.
        /// </param>
        public static ResponseFormat ForJsonSchema(string name, string jsonSchema, string? description = null, bool strict = true, string? naturalJsonSchema = null)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A JSON-schema response format needs a name.", nameof(name));
            if (string.IsNullOrEmpty(jsonSchema)) throw new ArgumentException("A JSON-schema response format needs a schema.", nameof(jsonSchema));
            return new ResponseFormat(ResponseFormatKind.JsonSchema, name, jsonSchema, naturalJsonSchema ?? jsonSchema, description, strict);
        }

        /// <summary>A strict JSON-schema format carrying the schema in every dialect (from generated code).</summary>
        internal static ResponseFormat ForDialects(string name, string? description, string jsonSchema, string naturalJsonSchema, string anthropicJsonSchema, string geminiJsonSchema)
        {
            var format = ForJsonSchema(name, jsonSchema, description, strict: true, naturalJsonSchema);
            format._anthropicJsonSchema = anthropicJsonSchema;
            format._geminiJsonSchema = geminiJsonSchema;
            return format;
        }

        private string? _anthropicJsonSchema;
        private string? _geminiJsonSchema;

        /// <summary>
        /// The schema in the subset <paramref name="dialect"/> accepts (JSON schema only). A format built
        /// with <see cref="ForJsonSchema"/> has no dialect of its own: Anthropic gets
        /// <see cref="JsonSchema"/> and Gemini <see cref="NaturalJsonSchema"/>, as given.
        /// </summary>
        /// <param name="dialect">The protocol's dialect.</param>
        public string? GetJsonSchema(SchemaDialect dialect) => dialect switch
        {
            SchemaDialect.Natural => NaturalJsonSchema,
            SchemaDialect.Anthropic => _anthropicJsonSchema ?? JsonSchema,
            SchemaDialect.Gemini => _geminiJsonSchema ?? NaturalJsonSchema,
            _ => JsonSchema,
        };

        /// <summary>The kind of format.</summary>
        public ResponseFormatKind Kind { get; }

        /// <summary>The schema's name (JSON schema only).</summary>
        public string? Name { get; }

        /// <summary>The schema in strict mode's form (JSON schema only).</summary>
        public string? JsonSchema { get; }

        /// <summary>The schema without strict mode's additions (JSON schema only).</summary>
        public string? NaturalJsonSchema { get; }

        /// <summary>What the answer is, for the model.</summary>
        public string? Description { get; }

        /// <summary>Whether the provider must enforce the schema exactly.</summary>
        public bool Strict { get; }

        /// <inheritdoc />
        public override string ToString() => Kind == ResponseFormatKind.JsonSchema ? "json_schema " + Name : Kind.ToString();
    }
}
