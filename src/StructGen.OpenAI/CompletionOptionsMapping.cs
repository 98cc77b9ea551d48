using System;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>The neutral request options written onto <see cref="ChatCompletionOptions"/>.</summary>
    internal static class CompletionOptionsMapping
    {
        /// <summary>
        /// Sets on <paramref name="options"/> (in place) what the request sets: token limit, sampling,
        /// response format, tools (only when the request has its own, e.g. a forced tool), tool choice.
        /// </summary>
        /// <exception cref="NotSupportedException">The request carries raw extra members, which the SDK options cannot take.</exception>
        public static ChatCompletionOptions Apply(ChatRequestOptions request, ChatCompletionOptions options)
        {
            if (request.AdditionalProperties is { Count: > 0 })
            {
                throw new NotSupportedException("ChatRequestOptions.AdditionalProperties cannot be sent through the OpenAI SDK's ChatClient; set them on the ChatCompletionOptions given to OpenAIChatModelClient instead.");
            }

            if ((request.MaxCompletionTokens ?? request.MaxTokens) is { } maxTokens) options.MaxOutputTokenCount = maxTokens;
            if (request.Temperature is { } temperature) options.Temperature = (float)temperature;
            if (request.TopP is { } topP) options.TopP = (float)topP;
            if (request.ParallelToolCalls is { } parallel) options.AllowParallelToolCalls = parallel;

            // The SDK marks these experimental (OPENAI001); the request members themselves are stable
            // API. Dropping them silently would change what the caller asked for.
#pragma warning disable OPENAI001
            if (request.Seed is { } seed) options.Seed = seed;
            if (request.ReasoningEffort is { Length: > 0 } effort) options.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort);
#pragma warning restore OPENAI001

            if (request.ResponseFormat is { } format)
            {
                options.ResponseFormat = format.Kind switch
                {
                    ResponseFormatKind.JsonSchema => ChatResponseFormat.CreateJsonSchemaFormat(format.Name!, BinaryData.FromString(format.JsonSchema!), format.Description, jsonSchemaIsStrict: format.Strict),
                    ResponseFormatKind.JsonObject => ChatResponseFormat.CreateJsonObjectFormat(),
                    _ => ChatResponseFormat.CreateTextFormat(),
                };
            }

            if (request.Tools is { } tools)
            {
                options.Tools.Clear();
                foreach (var tool in tools) options.Tools.Add(tool.ToChatTool());
            }

            if (request.ToolChoice is { } choice)
            {
                options.ToolChoice = choice.Kind switch
                {
                    ToolChoiceKind.None => ChatToolChoice.CreateNoneChoice(),
                    ToolChoiceKind.Required => ChatToolChoice.CreateRequiredChoice(),
                    ToolChoiceKind.Tool => ChatToolChoice.CreateFunctionChoice(choice.ToolName!),
                    _ => ChatToolChoice.CreateAutoChoice(),
                };
            }

            return options;
        }
    }
}
