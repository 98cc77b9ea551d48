using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Reads the MSBuild property <c>StructGenSchemaDialects</c> (a <c>;</c>- or <c>,</c>-separated list).</summary>
    internal static class DialectTargetsReader
    {
        public const string BuildPropertyKey = "build_property.StructGenSchemaDialects";

        public const string ValidValues = "OpenAI, OpenAINonStrict, Anthropic, Gemini";

        public static DialectTargetsSetting FromOptions(AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            if (!options.GlobalOptions.TryGetValue(BuildPropertyKey, out string? raw) || string.IsNullOrWhiteSpace(raw))
            {
                return DialectTargetsSetting.Default;
            }

            return Parse(raw!);
        }

        public static DialectTargetsSetting Parse(string raw)
        {
            DialectTargets targets = DialectTargets.None;
            var invalid = new List<string>();
            foreach (string entry in raw.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string trimmed = entry.Trim();
                if (trimmed.Length == 0) continue;
                DialectTargets? parsed = ParseOne(trimmed);
                if (parsed is null)
                {
                    invalid.Add("'" + trimmed + "'");
                }
                else
                {
                    targets |= parsed.Value;
                }
            }

            // A list of only unknown names falls back to the default rather than checking nothing.
            return new DialectTargetsSetting(
                targets == DialectTargets.None ? DialectTargets.OpenAIStrict : targets,
                invalid.Count == 0 ? null : string.Join(", ", invalid));
        }

        /// <summary>Accepts the dialect names case-insensitively, ignoring <c>-</c> and <c>_</c>.</summary>
        private static DialectTargets? ParseOne(string entry)
        {
            string key = entry.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
            switch (key)
            {
                case "openai":
                case "openaistrict": return DialectTargets.OpenAIStrict;
                case "openainonstrict":
                case "natural": return DialectTargets.Natural;
                case "anthropic": return DialectTargets.Anthropic;
                case "gemini": return DialectTargets.Gemini;
                default: return null;
            }
        }
    }
}
