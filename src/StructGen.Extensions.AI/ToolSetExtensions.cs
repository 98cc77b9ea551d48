using System;
using Microsoft.Extensions.AI;
using StructGen.Tools;

namespace StructGen.Extensions.AI
{
    /// <summary>Generated tools as Microsoft.Extensions.AI functions.</summary>
    public static class ToolSetExtensions
    {
        /// <summary>
        /// Every tool of the set as an <see cref="AIFunction"/> (a <see cref="ToolSetFunction"/>), in order,
        /// ready for <c>ChatOptions.Tools</c> and <c>FunctionInvokingChatClient</c>.
        /// </summary>
        /// <param name="toolSet">The generated tool set.</param>
        public static AIFunction[] AsAIFunctions(this ToolSet toolSet)
        {
            if (toolSet is null) throw new ArgumentNullException(nameof(toolSet));
            var definitions = toolSet.Definitions;
            var functions = new AIFunction[definitions.Count];
            for (int i = 0; i < functions.Length; i++) functions[i] = new ToolSetFunction(toolSet, definitions[i]);
            return functions;
        }

        /// <summary>One tool of the set, by name, as an <see cref="AIFunction"/>.</summary>
        /// <param name="toolSet">The generated tool set.</param>
        /// <param name="name">The tool name.</param>
        /// <exception cref="ArgumentException">No tool has that name.</exception>
        public static AIFunction AsAIFunction(this ToolSet toolSet, string name)
        {
            if (toolSet is null) throw new ArgumentNullException(nameof(toolSet));
            foreach (var definition in toolSet.Definitions)
            {
                if (string.Equals(definition.Name, name, StringComparison.Ordinal)) return new ToolSetFunction(toolSet, definition);
            }

            throw new ArgumentException($"No tool named '{name}' is in the set.", nameof(name));
        }
    }
}
