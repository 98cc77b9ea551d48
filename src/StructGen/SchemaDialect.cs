namespace StructGen
{
    /// <summary>
    /// The JSON Schema subset a protocol accepts. Generated types carry their schema in each dialect
    /// (<see cref="StructuredOutputType{T, TPartial}.GetJsonSchema(SchemaDialect)"/>); the adapters pick theirs.
    /// </summary>
    public enum SchemaDialect
    {
        /// <summary>OpenAI structured outputs in strict mode (chat completions, Responses): every object closed, every member required.</summary>
        OpenAIStrict,

        /// <summary>Plain JSON Schema for non-strict function tools: no <c>additionalProperties</c>, optional members not required.</summary>
        Natural,

        /// <summary>
        /// Anthropic structured outputs (<c>output_config.format</c>) and strict tools: closed objects,
        /// nullable as <c>anyOf</c> with <c>{"type":"null"}</c>, no numeric or array-size bounds (they
        /// are stated in the description instead).
        /// </summary>
        Anthropic,

        /// <summary>
        /// Gemini <c>responseJsonSchema</c>: the natural schema, nullable as <c>anyOf</c> with
        /// <c>{"type":"null"}</c>, without <c>pattern</c> and exclusive bounds (stated in the description instead).
        /// </summary>
        Gemini,
    }
}
