using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Tools;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// One generated tool as an <see cref="AIFunction"/>, without reflection: the name, description and
    /// parameter schema come from the <see cref="ToolDefinition"/>; invoking writes the arguments as JSON
    /// and runs the generated dispatcher through <see cref="ToolSet.InvokeAsync(string, string, System.Threading.CancellationToken)"/>. The result is the
    /// tool's text result (a <see cref="string"/>).
    /// </summary>
    public sealed class ToolSetFunction : AIFunction
    {
        private readonly JsonElement _jsonSchema;
        private readonly IReadOnlyDictionary<string, object?> _additionalProperties;

        /// <summary>Wraps one tool of a set.</summary>
        /// <param name="toolSet">The set that dispatches the call.</param>
        /// <param name="definition">The tool; must belong to <paramref name="toolSet"/>.</param>
        /// <exception cref="ArgumentException">The tool is not in the set.</exception>
        public ToolSetFunction(ToolSet toolSet, ToolDefinition definition)
        {
            ToolSet = toolSet ?? throw new ArgumentNullException(nameof(toolSet));
            Definition = definition ?? throw new ArgumentNullException(nameof(definition));
            if (!toolSet.Contains(definition.Name))
            {
                throw new ArgumentException($"The tool '{definition.Name}' is not in the given tool set.", nameof(definition));
            }

            using (var schema = JsonDocument.Parse(definition.ParametersJsonSchema))
            {
                _jsonSchema = schema.RootElement.Clone();
            }

            _additionalProperties = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [AdditionalPropertyKeys.StrictJsonSchema] = definition.Strict,
            };
        }

        /// <summary>The set that dispatches the call.</summary>
        public ToolSet ToolSet { get; }

        /// <summary>The generated tool definition.</summary>
        public ToolDefinition Definition { get; }

        /// <inheritdoc />
        public override string Name => Definition.Name;

        /// <inheritdoc />
        public override string Description => Definition.Description ?? string.Empty;

        /// <inheritdoc />
        public override JsonElement JsonSchema => _jsonSchema;

        /// <inheritdoc />
        public override IReadOnlyDictionary<string, object?> AdditionalProperties => _additionalProperties;

        /// <inheritdoc />
        public override JsonSerializerOptions JsonSerializerOptions => AIJsonUtilities.DefaultOptions;

        /// <inheritdoc />
        /// <exception cref="ToolArgumentsException">The arguments do not match the tool's parameters.</exception>
        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            var json = ToolArgumentsWriter.Write(Name, arguments, JsonSerializerOptions);
            try
            {
                return await ToolSet.InvokeAsync(Name, json, cancellationToken).ConfigureAwait(false);
            }
            catch (StructuredOutputException ex)
            {
                throw ToolArgumentsException.Invalid(Name, json, ex);
            }
        }
    }
}
