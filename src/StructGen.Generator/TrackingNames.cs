namespace StructGen.Generator
{
    /// <summary>Names of the incremental pipeline steps (asserted by the incremental-cache tests).</summary>
    internal static class TrackingNames
    {
        public const string StructuredOutputTypes = "StructGen.StructuredOutputTypes";
        public const string AssemblyDefaults = "StructGen.AssemblyDefaults";
        public const string BuildPropertyDefaults = "StructGen.BuildPropertyDefaults";
        public const string Defaults = "StructGen.Defaults";
        public const string Resolved = "StructGen.Resolved";
        public const string Specs = "StructGen.Specs";
        public const string Diagnostics = "StructGen.Diagnostics";
        public const string PartialTypes = "StructGen.PartialTypes";
        public const string DistinctPartialTypes = "StructGen.DistinctPartialTypes";

        /// <summary>Every name above, for tests.</summary>
        public static readonly string[] All =
        {
            StructuredOutputTypes, AssemblyDefaults, BuildPropertyDefaults, Defaults, Resolved, Specs, Diagnostics, PartialTypes, DistinctPartialTypes,
        };
    }
}
