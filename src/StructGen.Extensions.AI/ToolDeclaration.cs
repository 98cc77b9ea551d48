using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StructGen.Tools;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// A tool the core asks for (the forced tool of structured output, agent tools) as a declaration
    /// only: the caller's loop, not the chat client, runs it.
    /// </summary>
    internal sealed class ToolDeclaration : AIFunctionDeclaration
    {
        private readonly JsonElement _jsonSchema;
        private readonly IReadOnlyDictionary<string, object?> _additionalProperties;

        public ToolDeclaration(ToolDefinition definition)
        {
            Name = definition.Name;
            Description = definition.Description ?? string.Empty;
            using (var schema = JsonDocument.Parse(definition.ParametersJsonSchema))
            {
                _jsonSchema = schema.RootElement.Clone();
            }

            _additionalProperties = new Dictionary<string, object?> { [AdditionalPropertyKeys.StrictJsonSchema] = definition.Strict };
        }

        public override string Name { get; }

        public override string Description { get; }

        public override JsonElement JsonSchema => _jsonSchema;

        public override IReadOnlyDictionary<string, object?> AdditionalProperties => _additionalProperties;
    }
}
