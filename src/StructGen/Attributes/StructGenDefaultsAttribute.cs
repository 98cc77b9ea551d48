using System;

namespace StructGen
{
    /// <summary>
    /// Assembly-wide defaults for the StructGen generator, e.g.
    /// <c>[assembly: StructGenDefaults(NamingPolicy = StructGenNamingPolicy.CamelCase)]</c>.
    /// The MSBuild property <c>StructGenNamingPolicy</c> sets the same default without code.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    public sealed class StructGenDefaultsAttribute : Attribute
    {
        /// <summary>The naming policy used by every type that does not set its own.</summary>
        public StructGenNamingPolicy NamingPolicy { get; set; } = StructGenNamingPolicy.SnakeCaseLower;
    }
}
