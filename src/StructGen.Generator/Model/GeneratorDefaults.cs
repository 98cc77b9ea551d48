namespace StructGen.Generator.Model
{
    /// <summary>The MSBuild property <c>StructGenNamingPolicy</c>, as read from analyzer config options.</summary>
    /// <param name="Policy">The parsed policy, or <see cref="NamingPolicy.Default"/> when unset or invalid.</param>
    /// <param name="InvalidValue">The raw value when it could not be parsed (reported as SGEN013).</param>
    internal sealed record BuildPropertyDefaults(NamingPolicy Policy, string? InvalidValue);

    /// <summary>
    /// Compilation-wide defaults: <c>[assembly: StructGenDefaults]</c> wins over the MSBuild property,
    /// and snake_case applies when neither is set; <paramref name="Dialects"/> are the declared target
    /// dialects (<c>StructGenSchemaDialects</c>), OpenAI strict when unset.
    /// </summary>
    internal sealed record GeneratorDefaults(NamingPolicy AssemblyPolicy, NamingPolicy BuildPropertyPolicy, DialectTargets Dialects = DialectTargets.OpenAIStrict)
    {
        public static readonly GeneratorDefaults None = new GeneratorDefaults(NamingPolicy.Default, NamingPolicy.Default);

        public NamingPolicy EffectivePolicy =>
            AssemblyPolicy != NamingPolicy.Default ? AssemblyPolicy
            : BuildPropertyPolicy != NamingPolicy.Default ? BuildPropertyPolicy
            : NamingPolicy.SnakeCaseLower;
    }
}
