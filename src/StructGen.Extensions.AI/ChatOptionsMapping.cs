using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>The neutral request options written as <see cref="ChatOptions"/>, over the caller's options.</summary>
    internal static class ChatOptionsMapping
    {
        /// <summary>
        /// A copy of <paramref name="template"/> (or new options) with what the request sets: model, token
        /// limit, sampling, response format (with <see cref="AdditionalPropertyKeys.StrictJsonSchema"/>
        /// unless the caller set it), tools, tool mode and extra properties. The template is not modified.
        /// </summary>
        public static ChatOptions Create(ChatRequestOptions request, ChatOptions? template)
        {
            var options = template?.Clone() ?? new ChatOptions();
            var properties = new AdditionalPropertiesDictionary();
            if (template?.AdditionalProperties is { } existing)
            {
                foreach (var pair in existing) properties[pair.Key] = pair.Value;
            }

            if (!string.IsNullOrEmpty(request.Model)) options.ModelId = request.Model;
            if ((request.MaxCompletionTokens ?? request.MaxTokens) is { } maxTokens) options.MaxOutputTokens = maxTokens;
            if (request.Temperature is { } temperature) options.Temperature = (float)temperature;
            if (request.TopP is { } topP) options.TopP = (float)topP;
            if (request.Seed is { } seed) options.Seed = seed;
            if (request.ParallelToolCalls is { } parallel) options.AllowMultipleToolCalls = parallel;

            if (request.ResponseFormat is { } format)
            {
                options.ResponseFormat = format.Kind switch
                {
                    ResponseFormatKind.JsonSchema => ChatResponseFormat.ForJsonSchema(ResponseFormatMetadata.Schema(format), format.Name, format.Description),
                    ResponseFormatKind.JsonObject => ChatResponseFormat.Json,
                    _ => ChatResponseFormat.Text,
                };
                if (format.Kind == ResponseFormatKind.JsonSchema && !properties.ContainsKey(AdditionalPropertyKeys.StrictJsonSchema))
                {
                    properties[AdditionalPropertyKeys.StrictJsonSchema] = format.Strict;
                }
            }

            if (request.Tools is { } tools)
            {
                var list = new List<AITool>(tools.Count);
                foreach (var tool in tools) list.Add(new ToolDeclaration(tool));
                options.Tools = list;
            }

            if (request.ToolChoice is { } choice)
            {
                options.ToolMode = choice.Kind switch
                {
                    ToolChoiceKind.None => ChatToolMode.None,
                    ToolChoiceKind.Required => ChatToolMode.RequireAny,
                    ToolChoiceKind.Tool => ChatToolMode.RequireSpecific(choice.ToolName!),
                    _ => ChatToolMode.Auto,
                };
            }

            if (request.AdditionalProperties is { } extra)
            {
                foreach (var pair in extra) properties[pair.Key] = ParseRaw(pair.Key, pair.Value);
            }

            options.AdditionalProperties = properties.Count > 0 ? properties : null;
            return options;
        }

        private static JsonElement ParseRaw(string name, string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"ChatRequestOptions.AdditionalProperties[\"{name}\"] is not valid JSON ({ex.Message}); give the raw JSON value, e.g. \"\\\"auto\\\"\" for a string.", nameof(json), ex);
            }
        }
    }
}
