using System;

namespace StructGen.Tools
{
    /// <summary>A function tool the model may call, as generated from a <c>[Tool]</c> method.</summary>
    public sealed class ToolDefinition
    {
        /// <summary>Creates a definition.</summary>
        /// <param name="name">The function name.</param>
        /// <param name="description">The function description, or <see langword="null"/>.</param>
        /// <param name="parametersJsonSchema">The JSON Schema of the arguments object.</param>
        /// <param name="strict">Whether strict mode applies.</param>
        public ToolDefinition(string name, string? description, string parametersJsonSchema, bool strict)
            : this(name, description, parametersJsonSchema, strict, anthropicParametersJsonSchema: null, geminiParametersJsonSchema: null)
        {
        }

        /// <summary>Creates a definition with the parameters schema in every dialect (generated code calls this).</summary>
        /// <param name="name">The function name.</param>
        /// <param name="description">The function description, or <see langword="null"/>.</param>
        /// <param name="parametersJsonSchema">The JSON Schema of the arguments object, as OpenAI protocols take it (strict or natural, as <paramref name="strict"/> says).</param>
        /// <param name="strict">Whether strict mode applies.</param>
        /// <param name="anthropicParametersJsonSchema">The schema Anthropic takes; <see langword="null"/> when it is <paramref name="parametersJsonSchema"/>.</param>
        /// <param name="geminiParametersJsonSchema">The schema Gemini takes; <see langword="null"/> when it is <paramref name="parametersJsonSchema"/>.</param>
        public ToolDefinition(string name, string? description, string parametersJsonSchema, bool strict, string? anthropicParametersJsonSchema, string? geminiParametersJsonSchema)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description;
            ParametersJsonSchema = parametersJsonSchema ?? throw new ArgumentNullException(nameof(parametersJsonSchema));
            Strict = strict;
            _anthropicParametersJsonSchema = anthropicParametersJsonSchema;
            _geminiParametersJsonSchema = geminiParametersJsonSchema;
        }

        private readonly string? _anthropicParametersJsonSchema;
        private readonly string? _geminiParametersJsonSchema;

        /// <summary>The function name.</summary>
        public string Name { get; }

        /// <summary>The function description.</summary>
        public string? Description { get; }

        /// <summary>The JSON Schema of the arguments object.</summary>
        public string ParametersJsonSchema { get; }

        /// <summary>Whether the definition uses strict mode.</summary>
        public bool Strict { get; }

        /// <summary>
        /// The parameters schema a protocol of <paramref name="dialect"/> sends. <see cref="SchemaDialect.OpenAIStrict"/>
        /// and <see cref="SchemaDialect.Natural"/> both give <see cref="ParametersJsonSchema"/> (an OpenAI tool is sent in
        /// its own mode, <see cref="Strict"/>); a definition built without dialects gives it for every dialect.
        /// </summary>
        /// <param name="dialect">The protocol's dialect.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="dialect"/> is not a defined value.</exception>
        public string GetParametersJsonSchema(SchemaDialect dialect) => dialect switch
        {
            SchemaDialect.OpenAIStrict or SchemaDialect.Natural => ParametersJsonSchema,
            SchemaDialect.Anthropic => _anthropicParametersJsonSchema ?? ParametersJsonSchema,
            SchemaDialect.Gemini => _geminiParametersJsonSchema ?? ParametersJsonSchema,
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a SchemaDialect value."),
        };

        /// <summary>
        /// Creates a parser that turns the streamed argument text into typed partial arguments (set by
        /// generated code: <c>{Tool}Arguments.StructuredOutput.CreateParser()</c>); the agent loop uses it
        /// to report <see cref="AgentEvent.PartialArguments"/> while a call streams. Optional.
        /// </summary>
        public Func<Streaming.IPartialParser>? CreateArgumentsParser { get; init; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
