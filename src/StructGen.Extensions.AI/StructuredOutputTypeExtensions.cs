using System;
using Microsoft.Extensions.AI;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>Microsoft.Extensions.AI views of a generated <see cref="StructuredOutputType{T, TPartial}"/>.</summary>
    public static class StructuredOutputTypeExtensions
    {
        /// <summary>
        /// The generated schema as a <see cref="ChatResponseFormatJson"/> (schema, name, description).
        /// Strictness is not part of <see cref="ChatResponseFormat"/>: use <see cref="CreateChatOptions"/>,
        /// which also sets <see cref="AdditionalPropertyKeys.StrictJsonSchema"/>.
        /// </summary>
        /// <param name="type">The generated descriptor, e.g. <c>Book.StructuredOutput</c>.</param>
        public static ChatResponseFormatJson ToChatResponseFormat<T, TPartial>(this StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return ChatResponseFormat.ForJsonSchema(ResponseFormatMetadata.Schema(type.ResponseFormat), type.Name, type.Description);
        }

        /// <summary>Whether the generated <c>response_format</c> asks for strict schema adherence.</summary>
        /// <param name="type">The generated descriptor.</param>
        public static bool IsStrict<T, TPartial>(this StructuredOutputType<T, TPartial> type)
            where TPartial : class => (type ?? throw new ArgumentNullException(nameof(type))).ResponseFormat.Strict;

        /// <summary>
        /// A copy of <paramref name="options"/> (or new options) whose <see cref="ChatOptions.ResponseFormat"/>
        /// is this type's JSON schema and whose <see cref="ChatOptions.AdditionalProperties"/> carry
        /// <see cref="AdditionalPropertyKeys.StrictJsonSchema"/> (unless the caller already set it).
        /// The given options are not modified. <see cref="ChatClientModelClient"/> writes every request this way.
        /// </summary>
        /// <param name="type">The generated descriptor.</param>
        /// <param name="options">Options to start from, or <see langword="null"/>.</param>
        public static ChatOptions CreateChatOptions<T, TPartial>(this StructuredOutputType<T, TPartial> type, ChatOptions? options = null)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            return ChatOptionsMapping.Create(new ChatRequestOptions { ResponseFormat = type.ResponseFormat }, options);
        }
    }
}
