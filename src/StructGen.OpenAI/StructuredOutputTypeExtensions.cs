using System;
using OpenAI.Chat;
using StructGen.Chat;

namespace StructGen.OpenAI
{
    /// <summary>OpenAI SDK views of a generated <see cref="StructuredOutputType{T, TPartial}"/>.</summary>
    public static class StructuredOutputTypeExtensions
    {
        /// <summary>
        /// The generated schema as the SDK's <c>json_schema</c> response format
        /// (<see cref="ChatResponseFormat.CreateJsonSchemaFormat"/> with the name, schema, description and
        /// <c>strict: true</c>).
        /// </summary>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        public static ChatResponseFormat ToOpenAIResponseFormat<T, TPartial>(this StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return CompletionOptionsMapping.Apply(new ChatRequestOptions { ResponseFormat = type.ResponseFormat }, new ChatCompletionOptions()).ResponseFormat;
        }

        /// <summary>
        /// Sets <see cref="ChatCompletionOptions.ResponseFormat"/> to this type's schema on
        /// <paramref name="options"/> (modified in place) or on new options, and returns them.
        /// </summary>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="options">Options to complete, or <see langword="null"/> for new ones.</param>
        public static ChatCompletionOptions ToChatCompletionOptions<T, TPartial>(this StructuredOutputType<T, TPartial> type, ChatCompletionOptions? options = null)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return CompletionOptionsMapping.Apply(new ChatRequestOptions { ResponseFormat = type.ResponseFormat }, options ?? new ChatCompletionOptions());
        }
    }
}
