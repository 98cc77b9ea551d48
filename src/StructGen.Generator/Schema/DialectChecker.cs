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
    /// </summary>
    internal static class DialectChecker
    {
        private static readonly SchemaDialect[] Checked = { SchemaDialect.Anthropic, SchemaDialect.Gemini };

        public static void Check(IEnumerable<ObjectTypeSpec> types, LocationLookup locations, List<DiagnosticInfo> diagnostics)
        {
            foreach (ObjectTypeSpec type in types)
            {
                foreach (PropertySpec property in type.Properties)
                {
                    foreach (SchemaDialect dialect in Checked)
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
