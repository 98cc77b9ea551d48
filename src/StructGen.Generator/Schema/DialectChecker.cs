using System.Collections.Generic;
using System.Linq;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;

namespace StructGen.Generator.Schema
{
    /// <summary>
    /// Reports SGEN024 for every member whose DataAnnotations keywords a protocol dialect rejects, so a
    /// user learns at compile time what would otherwise be a run-time HTTP 400 or a silently dropped bound.
    /// Only the dialects the project declares (<c>StructGenSchemaDialects</c>) are checked: a project that
    /// sends to OpenAI only is not told about Anthropic's limits.
    /// </summary>
    internal static class DialectChecker
    {
        private static readonly (SchemaDialect Dialect, DialectTargets Target)[] Checkable =
        {
            (SchemaDialect.Anthropic, DialectTargets.Anthropic),
            (SchemaDialect.Gemini, DialectTargets.Gemini),
        };

        /// <param name="checkAnthropic">False for a non-strict tool: Anthropic takes its schema as plain JSON Schema, bounds and all.</param>
        public static void Check(IEnumerable<ObjectTypeSpec> types, DialectTargets targets, LocationLookup locations, List<DiagnosticInfo> diagnostics, bool checkAnthropic = true)
        {
            SchemaDialect[] checkedDialects = Checkable
                .Where(c => (targets & c.Target) != 0 && (checkAnthropic || c.Dialect != SchemaDialect.Anthropic))
                .Select(c => c.Dialect)
                .ToArray();
            if (checkedDialects.Length == 0) return;

            foreach (ObjectTypeSpec type in types)
            {
                foreach (PropertySpec property in type.Properties)
                {
                    foreach (SchemaDialect dialect in checkedDialects)
                    {
                        List<string> dropped = DialectKeywords.Dropped(dialect, property.Constraints);
                        if (dropped.Count == 0) continue;
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.KeywordDroppedForDialect,
                            locations.Find(type.Declaration.FullyQualifiedName, property.Name),
                            property.Name,
                            type.Declaration.Name,
                            DialectKeywords.DisplayName(dialect),
                            string.Join(", ", dropped.Select(k => "'" + k + "'"))));
                    }
                }
            }
        }
    }
}
