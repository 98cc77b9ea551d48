using System;
using StructGen.Streaming;

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

        /// <summary>Creates the descriptor (called by generated code).</summary>
        /// <param name="name">The schema name (<c>json_schema.name</c>).</param>
        /// <param name="jsonSchema">The strict JSON Schema.</param>
        /// <param name="responseFormatJson">The complete <c>response_format</c> object.</param>
        /// <param name="createRoot">Creates the root node of a generated streaming deserializer.</param>
        public StructuredOutputType(string name, string jsonSchema, string responseFormatJson, Func<PartialNode<T, TPartial>> createRoot)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            JsonSchema = jsonSchema ?? throw new ArgumentNullException(nameof(jsonSchema));
            ResponseFormatJson = responseFormatJson ?? throw new ArgumentNullException(nameof(responseFormatJson));
            _createRoot = createRoot ?? throw new ArgumentNullException(nameof(createRoot));
        }

        /// <summary>The schema name.</summary>
        public string Name { get; }

        /// <summary>The strict JSON Schema text.</summary>
        public string JsonSchema { get; }

        /// <summary>The complete <c>response_format</c> JSON object.</summary>
        public string ResponseFormatJson { get; }

        /// <summary>
        /// The schema as a forced function tool (<c>tools</c> array with one function named
        /// <see cref="Name"/>), for providers without <c>response_format</c> support.
        /// </summary>
        public string ForcedToolJson => _forcedToolJson ??= BuildForcedToolJson();

        /// <summary>The <c>tool_choice</c> value that forces <see cref="ForcedToolJson"/>.</summary>
        public string ForcedToolChoiceJson => "{\"type\":\"function\",\"function\":{\"name\":" + System.Text.Json.JsonSerializer.Serialize(Name, StructGen.Chat.RuntimeJsonContext.Default.String) + "}}";

        private string? _forcedToolJson;

        private string BuildForcedToolJson()
        {
            using var format = System.Text.Json.JsonDocument.Parse(ResponseFormatJson);
            var jsonSchema = format.RootElement.GetProperty("json_schema");
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", Name);
                if (jsonSchema.TryGetProperty("description", out var description)) description.WriteTo(WithName(writer, "description"));
                writer.WriteBoolean("strict", true);
                writer.WritePropertyName("parameters");
                writer.WriteRawValue(JsonSchema);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static System.Text.Json.Utf8JsonWriter WithName(System.Text.Json.Utf8JsonWriter writer, string name)
        {
            writer.WritePropertyName(name);
            return writer;
        }

        /// <summary>Creates a parser that turns text deltas into partials and then the final value.</summary>
        /// <param name="options">What text around the document is tolerated (default: whitespace and a code fence).</param>
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
