using System;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;
using StructGen.Tools;

namespace StructGen.OpenAI
{
    /// <summary>Generated tools as OpenAI SDK <see cref="ChatTool"/>s, and tool calls run through the generated dispatcher.</summary>
    public static class ToolExtensions
    {
        /// <summary>The tool as a function <see cref="ChatTool"/> (name, description, parameter schema, strict).</summary>
        /// <param name="definition">The generated tool definition.</param>
        public static ChatTool ToChatTool(this ToolDefinition definition)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            return ChatTool.CreateFunctionTool(
                definition.Name,
                definition.Description,
                BinaryData.FromString(definition.ParametersJsonSchema),
                functionSchemaIsStrict: definition.Strict);
        }

        /// <summary>Every tool of the set as a <see cref="ChatTool"/>, in order, for <see cref="ChatCompletionOptions.Tools"/>.</summary>
        /// <param name="toolSet">The generated tool set.</param>
        public static ChatTool[] ToChatTools(this ToolSet toolSet)
        {
            if (toolSet is null) throw new ArgumentNullException(nameof(toolSet));
            var definitions = toolSet.Definitions;
            var tools = new ChatTool[definitions.Count];
            for (int i = 0; i < tools.Length; i++) tools[i] = definitions[i].ToChatTool();
            return tools;
        }

        /// <summary>
        /// Runs a function call the model made and returns the <c>tool</c> message to append to the
        /// conversation.
        /// </summary>
        /// <param name="toolSet">The generated tool set.</param>
        /// <param name="toolCall">The call from <see cref="ChatCompletion.ToolCalls"/>.</param>
        /// <param name="cancellationToken">Cancels the tool.</param>
        /// <exception cref="UnknownToolException">No tool has the called name.</exception>
        /// <exception cref="StructuredOutputException">The arguments do not match the tool's parameters.</exception>
        public static async Task<ToolChatMessage> InvokeAsync(this ToolSet toolSet, ChatToolCall toolCall, CancellationToken cancellationToken = default)
        {
            if (toolSet is null) throw new ArgumentNullException(nameof(toolSet));
            if (toolCall is null) throw new ArgumentNullException(nameof(toolCall));
            var arguments = toolCall.FunctionArguments?.ToString() ?? "{}";
            var result = await toolSet.InvokeAsync(toolCall.FunctionName, arguments, cancellationToken).ConfigureAwait(false);
            return ChatMessage.CreateToolMessage(toolCall.Id, result);
        }
    }
}
