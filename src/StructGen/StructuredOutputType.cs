using System;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen
{
    /// <summary>
    /// Everything the runtime needs to know about one structured-output type, generated at compile
    /// time: the schema, the <c>response_format</c> payload and a factory for its streaming
    /// deserializer. Exposed as <c>T.StructuredOutput</c> on every <c>[StructuredOutput]</c> type.
    /// </summary>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed class StructuredOutputType<T, TPartial>
        where TPartial : class
    {
        private readonly Func<PartialNode<T, TPartial>> _createRoot;

        /// <summary>Creates the descriptor (generated code calls this once per type).</summary>
        /// <param name="name">The schema name sent to the model.</param>
        /// <param name="description">What the value is, for the model; <see langword="null"/> when undocumented.</param>
        /// <param name="jsonSchema">The schema as strict mode takes it.</param>
        /// <param name="naturalJsonSchema">The same schema without strict mode's additions.</param>
        /// <param name="createRoot">Creates the root node of a new streaming parse.</param>
        public StructuredOutputType(string name, string? description, string jsonSchema, string naturalJsonSchema, Func<PartialNode<T, TPartial>> createRoot)
            : this(name, description, jsonSchema, naturalJsonSchema, anthropicJsonSchema: null, geminiJsonSchema: null, createRoot)
        {
        }

        /// <summary>Creates the descriptor with the schema in every dialect (generated code calls this once per type).</summary>
        /// <param name="name">The schema name sent to the model.</param>
        /// <param name="description">What the value is, for the model; <see langword="null"/> when undocumented.</param>
        /// <param name="jsonSchema">The schema as strict mode takes it.</param>
        /// <param name="naturalJsonSchema">The same schema without strict mode's additions.</param>
        /// <param name="anthropicJsonSchema">The Anthropic dialect; <see langword="null"/> when it equals <paramref name="jsonSchema"/>.</param>
        /// <param name="geminiJsonSchema">The Gemini dialect; <see langword="null"/> when it equals <paramref name="naturalJsonSchema"/>.</param>
        /// <param name="createRoot">Creates the root node of a new streaming parse.</param>
        public StructuredOutputType(
            string name,
            string? description,
            string jsonSchema,
            string naturalJsonSchema,
            string? anthropicJsonSchema,
            string? geminiJsonSchema,
            Func<PartialNode<T, TPartial>> createRoot)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description;
            JsonSchema = jsonSchema ?? throw new ArgumentNullException(nameof(jsonSchema));
            NaturalJsonSchema = naturalJsonSchema ?? throw new ArgumentNullException(nameof(naturalJsonSchema));
            _anthropicJsonSchema = anthropicJsonSchema ?? jsonSchema;
            _geminiJsonSchema = geminiJsonSchema ?? naturalJsonSchema;
            _createRoot = createRoot ?? throw new ArgumentNullException(nameof(createRoot));
            ResponseFormat = Chat.ResponseFormat.ForDialects(name, description, jsonSchema, naturalJsonSchema, _anthropicJsonSchema, _geminiJsonSchema);
        }

        private readonly string _anthropicJsonSchema;
        private readonly string _geminiJsonSchema;

        /// <summary>The schema name sent to the model.</summary>
        public string Name { get; }

        /// <summary>What the value is, for the model; <see langword="null"/> when undocumented.</summary>
        public string? Description { get; }

        /// <summary>The schema as strict mode takes it (OpenAI structured outputs).</summary>
        public string JsonSchema { get; }

        /// <summary>The schema without strict mode's additions (no <c>additionalProperties: false</c>, optional members not required).</summary>
        public string NaturalJsonSchema { get; }

        /// <summary>The schema in the subset <paramref name="dialect"/> accepts.</summary>
        /// <param name="dialect">The protocol's dialect.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="dialect"/> is not a defined value.</exception>
        public string GetJsonSchema(SchemaDialect dialect) => dialect switch
        {
            SchemaDialect.OpenAIStrict => JsonSchema,
            SchemaDialect.Natural => NaturalJsonSchema,
            SchemaDialect.Anthropic => _anthropicJsonSchema,
            SchemaDialect.Gemini => _geminiJsonSchema,
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a SchemaDialect value."),
        };

        /// <summary>The response format that asks for this type, in no protocol's shape.</summary>
        public Chat.ResponseFormat ResponseFormat { get; }

        /// <summary>This type as a function tool whose arguments are the value (forced-tool structured output).</summary>
        /// <param name="strict">Strict mode (the strict schema) or not (the natural schema).</param>
        public Tools.ToolDefinition AsTool(bool strict = true) => strict
            ? _strictTool ??= new Tools.ToolDefinition(Name, Description, JsonSchema, strict: true, _anthropicJsonSchema, _geminiJsonSchema)
            : _naturalTool ??= new Tools.ToolDefinition(Name, Description, NaturalJsonSchema, strict: false, anthropicParametersJsonSchema: null, _geminiJsonSchema);

        private Tools.ToolDefinition? _strictTool;
        private Tools.ToolDefinition? _naturalTool;

        /// <summary>Creates a parser that turns text deltas into partials and then the final value.</summary>
        /// <param name="options">Parser settings; the defaults when <see langword="null"/>.</param>
        public StreamingParser<T, TPartial> CreateParser(StreamingParserOptions? options = null) => new StreamingParser<T, TPartial>(_createRoot(), options);

        /// <summary>Parses a complete JSON document with the same generated deserializer.</summary>
        /// <exception cref="StructuredOutputException">The text is not a valid value.</exception>
        public T Parse(string json)
        {
            var parser = CreateParser();
            parser.Append(json);
            return parser.Complete();
        }
    }
}
