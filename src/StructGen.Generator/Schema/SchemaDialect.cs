namespace StructGen.Generator.Schema
{
    /// <summary>
    /// The JSON Schema subset one protocol accepts. Each dialect is written from the same specs; the
    /// differences are listed in <c>docs/schema-mapping.md</c> (dialect columns).
    /// </summary>
    internal enum SchemaDialect
    {
        /// <summary>OpenAI structured outputs, strict mode: every object closed, every member required.</summary>
        OpenAIStrict,

        /// <summary>Plain JSON Schema for non-strict function tools: no <c>additionalProperties</c>, optional root members not required.</summary>
        Natural,

        /// <summary>
        /// Anthropic structured outputs and strict tools: strict's shape, nullable as <c>anyOf</c> with
        /// <c>{"type":"null"}</c>, no numeric or array-size bounds (<c>minItems</c> only 0 or 1).
        /// </summary>
        Anthropic,

        /// <summary>
        /// Gemini <c>responseJsonSchema</c>: the natural shape, nullable as <c>anyOf</c> with
        /// <c>{"type":"null"}</c>, no <c>pattern</c>, <c>exclusiveMinimum</c> or <c>exclusiveMaximum</c>.
        /// </summary>
        Gemini,
    }
}
