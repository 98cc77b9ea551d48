namespace StructGen.Generator
{
    /// <summary>Names of the incremental pipeline steps (asserted by the incremental-cache tests).</summary>
    internal static class TrackingNames
    {
        public const string StructuredOutputTypes = "StructGen.StructuredOutputTypes";
        public const string AssemblyDefaults = "StructGen.AssemblyDefaults";
        public const string BuildPropertyDefaults = "StructGen.BuildPropertyDefaults";
        public const string DialectTargets = "StructGen.DialectTargets";
        public const string Defaults = "StructGen.Defaults";
        public const string Resolved = "StructGen.Resolved";
        public const string Specs = "StructGen.Specs";
        public const string Diagnostics = "StructGen.Diagnostics";
        public const string PartialTypes = "StructGen.PartialTypes";
        public const string DistinctPartialTypes = "StructGen.DistinctPartialTypes";

        public const string ToolMethods = "StructGen.ToolMethods";
        public const string ResolvedTools = "StructGen.ResolvedTools";
        public const string ToolGroups = "StructGen.ToolGroups";
        public const string ToolClasses = "StructGen.ToolClasses";
        public const string ToolDiagnostics = "StructGen.ToolDiagnostics";
        public const string ToolPartialTypes = "StructGen.ToolPartialTypes";

        /// <summary>Every structured-output step above, for tests (present in every run).</summary>
        public static readonly string[] All =
        {
            StructuredOutputTypes, AssemblyDefaults, BuildPropertyDefaults, DialectTargets, Defaults, Resolved, Specs, Diagnostics, PartialTypes, DistinctPartialTypes,
        };

        /// <summary>Every <c>[Tool]</c> step, for tests (present when the compilation has tools).</summary>
        public static readonly string[] Tools =
        {
            ToolMethods, ResolvedTools, ToolGroups, ToolClasses, ToolDiagnostics, ToolPartialTypes,
        };
    }
}
