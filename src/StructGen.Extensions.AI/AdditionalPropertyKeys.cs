namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Keys this package writes into <c>AdditionalProperties</c> of <c>ChatOptions</c> and <c>AIFunction</c>,
    /// following the Microsoft.Extensions.AI provider conventions.
    /// </summary>
    public static class AdditionalPropertyKeys
    {
        /// <summary>
        /// <c>"strictJsonSchema"</c>: a <see cref="bool"/> telling the provider adapter (for example
        /// Microsoft.Extensions.AI.OpenAI) to send <c>strict: true</c> with the response format or a
        /// function tool. Set on <c>ChatOptions.AdditionalProperties</c> for the response format and on
        /// <c>AIFunction.AdditionalProperties</c> for tools.
        /// </summary>
        public const string StrictJsonSchema = "strictJsonSchema";
    }
}
