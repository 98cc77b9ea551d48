using System.Collections.Generic;
using System.Globalization;
using StructGen.Generator.Model;

namespace StructGen.Generator.Schema
{
    /// <summary>
    /// Which DataAnnotations keywords a dialect rejects, and the words that replace them in the
    /// member's description so the model still sees the constraint.
    /// </summary>
    /// <remarks>
    /// Sources (read when this was written):
    /// Anthropic, "Structured outputs" / "JSON Schema limitations" (docs.claude.com): numeric
    /// constraints (minimum, maximum, multipleOf…), string-length constraints and array bounds other
    /// than minItems 0 or 1 are rejected with a 400 ("For 'integer' type, property 'minimum' is not
    /// supported"). Gemini, GenerationConfig.responseJsonSchema (ai.google.dev): only $id, $defs,
    /// $ref, $anchor, type, format, title, description, enum, items, prefixItems, minItems, maxItems,
    /// minimum, maximum, anyOf, oneOf, properties, additionalProperties and required are supported.
    /// </remarks>
    internal static class DialectKeywords
    {
        /// <summary>The keywords of <paramref name="constraints"/> that <paramref name="dialect"/> does not accept, in schema order.</summary>
        public static List<string> Dropped(SchemaDialect dialect, PropertyConstraints constraints)
        {
            var dropped = new List<string>();
            switch (dialect)
            {
                case SchemaDialect.Anthropic:
                    Add(dropped, "minimum", constraints.Minimum);
                    Add(dropped, "exclusiveMinimum", constraints.ExclusiveMinimum);
                    Add(dropped, "maximum", constraints.Maximum);
                    Add(dropped, "exclusiveMaximum", constraints.ExclusiveMaximum);
                    if (constraints.MinItems > 1) dropped.Add("minItems");
                    if (constraints.MaxItems is not null) dropped.Add("maxItems");
                    break;
                case SchemaDialect.Gemini:
                    Add(dropped, "pattern", constraints.Pattern);
                    Add(dropped, "exclusiveMinimum", constraints.ExclusiveMinimum);
                    Add(dropped, "exclusiveMaximum", constraints.ExclusiveMaximum);
                    break;
            }

            return dropped;
        }

        /// <summary>Whether <paramref name="dialect"/> keeps <paramref name="keyword"/>.</summary>
        public static bool Keeps(SchemaDialect dialect, PropertyConstraints constraints, string keyword) =>
            !Dropped(dialect, constraints).Contains(keyword);

        /// <summary>The dropped keywords in words, e.g. <c>At least 1. At most 5.</c>; null when nothing is dropped.</summary>
        public static string? Describe(SchemaDialect dialect, PropertyConstraints constraints)
        {
            List<string> dropped = Dropped(dialect, constraints);
            if (dropped.Count == 0) return null;
            var words = new List<string>();
            foreach (string keyword in dropped)
            {
                words.Add(keyword switch
                {
                    "minimum" => "At least " + constraints.Minimum + ".",
                    "exclusiveMinimum" => "Greater than " + constraints.ExclusiveMinimum + ".",
                    "maximum" => "At most " + constraints.Maximum + ".",
                    "exclusiveMaximum" => "Less than " + constraints.ExclusiveMaximum + ".",
                    "minItems" => "At least " + constraints.MinItems!.Value.ToString(CultureInfo.InvariantCulture) + " items.",
                    "maxItems" => "At most " + constraints.MaxItems!.Value.ToString(CultureInfo.InvariantCulture) + " items.",
                    _ => "Must match the regular expression " + constraints.Pattern + ".",
                });
            }

            return string.Join(" ", words);
        }

        /// <summary>The name the dialect's provider goes by in messages.</summary>
        public static string DisplayName(SchemaDialect dialect) => dialect switch
        {
            SchemaDialect.Anthropic => "Anthropic structured outputs",
            SchemaDialect.Gemini => "Gemini responseJsonSchema",
            SchemaDialect.Natural => "non-strict JSON Schema",
            _ => "OpenAI strict mode",
        };

        private static void Add(List<string> dropped, string keyword, string? value)
        {
            if (value is not null) dropped.Add(keyword);
        }
    }
}
