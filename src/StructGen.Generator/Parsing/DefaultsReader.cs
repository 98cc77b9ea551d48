using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Reads the compilation-wide naming defaults (assembly attribute, MSBuild property).</summary>
    internal static class DefaultsReader
    {
        public const string BuildPropertyKey = "build_property.StructGenNamingPolicy";

        public const string ValidValues = "SnakeCaseLower, CamelCase, AsDeclared, KebabCaseLower, SnakeCaseUpper";

        /// <summary>The policy set by <c>[assembly: StructGenDefaults]</c>, or Default when absent.</summary>
        public static NamingPolicy FromCompilation(Compilation compilation, CancellationToken cancellationToken)
        {
            AttributeData? attribute = compilation.Assembly.FindAttribute(KnownNames.StructGenDefaultsAttribute);
            if (attribute is null)
            {
                return NamingPolicy.Default;
            }

            TypedConstant? value = attribute.GetNamedArgument("NamingPolicy");
            return value?.Value is int policy && Enum.IsDefined(typeof(NamingPolicy), policy)
                ? (NamingPolicy)policy
                : NamingPolicy.SnakeCaseLower;
        }

        public static BuildPropertyDefaults FromOptions(AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            if (!options.GlobalOptions.TryGetValue(BuildPropertyKey, out string? raw) || string.IsNullOrWhiteSpace(raw))
            {
                return new BuildPropertyDefaults(NamingPolicy.Default, null);
            }

            NamingPolicy? parsed = ParsePolicy(raw!);
            return parsed is null
                ? new BuildPropertyDefaults(NamingPolicy.Default, raw!.Trim())
                : new BuildPropertyDefaults(parsed.Value, null);
        }

        /// <summary>Accepts the enum names and common spellings (<c>snake_case</c>, <c>camelCase</c>, <c>kebab-case</c>).</summary>
        public static NamingPolicy? ParsePolicy(string raw)
        {
            string key = raw.Trim().Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
            switch (key)
            {
                case "default": return NamingPolicy.Default;
                case "snakecase":
                case "snakecaselower": return NamingPolicy.SnakeCaseLower;
                case "camelcase": return NamingPolicy.CamelCase;
                case "asdeclared":
                case "none": return NamingPolicy.AsDeclared;
                case "kebabcase":
                case "kebabcaselower": return NamingPolicy.KebabCaseLower;
                case "snakecaseupper": return NamingPolicy.SnakeCaseUpper;
                default: return null;
            }
        }
    }
}
