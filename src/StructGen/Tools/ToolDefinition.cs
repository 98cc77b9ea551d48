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
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description;
            ParametersJsonSchema = parametersJsonSchema ?? throw new ArgumentNullException(nameof(parametersJsonSchema));
            Strict = strict;
        }

        /// <summary>The function name.</summary>
        public string Name { get; }

        /// <summary>The function description.</summary>
        public string? Description { get; }

        /// <summary>The JSON Schema of the arguments object.</summary>
        public string ParametersJsonSchema { get; }

        /// <summary>Whether the definition uses strict mode.</summary>
        public bool Strict { get; }

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
