using StructGen.Generator.Infrastructure;
using StructGen.Generator.Schema;

namespace StructGen.Generator.Tools
{
    /// <summary>The JSON texts of one tool: its parameters schema, its <c>tools</c> entry and a
    /// <c>response_format</c> with the same schema. Pure: specs in, text out.</summary>
    internal sealed class ToolDefinitionJson
    {
        private ToolDefinitionJson(string parametersSchema, string definition, string responseFormat, string? anthropicSchema, string? geminiSchema)
        {
            ParametersSchema = parametersSchema;
            Definition = definition;
            ResponseFormat = responseFormat;
            AnthropicSchema = anthropicSchema;
            GeminiSchema = geminiSchema;
        }

        /// <summary>
        /// The schema Anthropic takes, null when it is <see cref="ParametersSchema"/>: the Anthropic dialect
        /// for a strict tool (compiled into a grammar); a non-strict tool takes plain JSON Schema, the natural one.
        /// </summary>
        public string? AnthropicSchema { get; }

        /// <summary>The Gemini dialect (natural shape, whatever the tool's strictness), null when it is <see cref="ParametersSchema"/>.</summary>
        public string? GeminiSchema { get; }

        /// <summary>The JSON Schema of the arguments object: strict for strict tools, else the natural schema.</summary>
        public string ParametersSchema { get; }

        /// <summary><c>{"type":"function","function":{"name":…,"strict":…,"description":…,"parameters":…}}</c>.</summary>
        public string Definition { get; }

        /// <summary><c>{"type":"json_schema","json_schema":{"name":…,"strict":…,"description":…,"schema":…}}</c>.</summary>
        public string ResponseFormat { get; }

        public static ToolDefinitionJson Build(ToolSpec tool)
        {
            string schema = SchemaJsonBuilder.BuildSchema(tool.Arguments, tool.Strict);
            string strict = tool.Strict ? "true" : "false";

            var definition = new JsonTextBuilder();
            definition.StartObject()
                .Property("type", "function")
                .Name("function").StartObject()
                .Property("name", tool.ToolName)
                .RawProperty("strict", strict);
            if (tool.Description is not null)
            {
                definition.Property("description", tool.Description);
            }

            definition.RawProperty("parameters", schema).EndObject().EndObject();

            var format = new JsonTextBuilder();
            format.StartObject()
                .Property("type", "json_schema")
                .Name("json_schema").StartObject()
                .Property("name", tool.ToolName)
                .RawProperty("strict", strict);
            if (tool.Description is not null)
            {
                format.Property("description", tool.Description);
            }

            format.RawProperty("schema", schema).EndObject().EndObject();
            string? anthropic = tool.Strict ? SchemaJsonBuilder.BuildSchema(tool.Arguments, SchemaDialect.Anthropic) : null;
            string? gemini = SchemaJsonBuilder.BuildSchema(tool.Arguments, SchemaDialect.Gemini);
            return new ToolDefinitionJson(
                schema,
                definition.ToString(),
                format.ToString(),
                anthropic == schema ? null : anthropic,
                gemini == schema ? null : gemini);
        }
    }
}
