using System;

namespace StructGen.Generator.Model
{
    /// <summary>
    /// The schema dialects a project declares it sends to (MSBuild property <c>StructGenSchemaDialects</c>).
    /// Only the declared dialects are checked at compile time (SGEN024); every dialect's schema is still
    /// emitted, so a client of an undeclared protocol keeps working at run time.
    /// </summary>
    [Flags]
    internal enum DialectTargets
    {
        /// <summary>Nothing declared; never the effective value (the default is <see cref="OpenAIStrict"/>).</summary>
        None = 0,

        /// <summary>OpenAI structured outputs and strict tools (the default, accepts every keyword StructGen emits).</summary>
        OpenAIStrict = 1,

        /// <summary>Plain JSON Schema for non-strict tools (accepts every keyword StructGen emits).</summary>
        Natural = 2,

        /// <summary>Anthropic structured outputs and strict tools.</summary>
        Anthropic = 4,

        /// <summary>Gemini <c>responseJsonSchema</c>.</summary>
        Gemini = 8,
    }

    /// <summary>The MSBuild property <c>StructGenSchemaDialects</c>, as read from analyzer config options.</summary>
    /// <param name="Targets">The declared dialects; <see cref="DialectTargets.OpenAIStrict"/> when unset or nothing valid was listed.</param>
    /// <param name="InvalidEntries">The unknown entries, comma-separated, when there are any (reported as SGEN026).</param>
    internal sealed record DialectTargetsSetting(DialectTargets Targets, string? InvalidEntries)
    {
        public static readonly DialectTargetsSetting Default = new DialectTargetsSetting(DialectTargets.OpenAIStrict, null);
    }
}
