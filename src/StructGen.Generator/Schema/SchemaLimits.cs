using System.Collections.Generic;
using System.Globalization;
using StructGen.Generator.Diagnostics;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;

namespace StructGen.Generator.Schema
{
    /// <summary>OpenAI structured-outputs service limits, checked at compile time (SGEN006).</summary>
    internal static class SchemaLimits
    {
        public const int MaxDepth = 10;
        public const int MaxObjectProperties = 5000;
        public const int MaxEnumValues = 1000;
        public const int MaxNameCharacters = 120_000;
        public const int BigEnumThreshold = 250;
        public const int MaxBigEnumCharacters = 15_000;

        public static void Check(StructuredTypeSpec spec, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            SchemaJsonBuilder.BuildSchema(spec, out SchemaStatistics statistics);
            string name = spec.Root.Declaration.Name;

            void Exceeded(string what, int measured, int limit) =>
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.SchemaLimitExceeded,
                    location,
                    name,
                    what,
                    measured.ToString("N0", CultureInfo.InvariantCulture),
                    limit.ToString("N0", CultureInfo.InvariantCulture)));

            int depth = Depth(spec);
            if (depth > MaxDepth)
            {
                Exceeded("the object nesting depth", depth, MaxDepth);
            }

            if (statistics.ObjectProperties > MaxObjectProperties)
            {
                Exceeded("the total number of object properties", statistics.ObjectProperties, MaxObjectProperties);
            }

            if (statistics.EnumValues > MaxEnumValues)
            {
                Exceeded("the total number of enum values", statistics.EnumValues, MaxEnumValues);
            }

            if (statistics.NameCharacters > MaxNameCharacters)
            {
                Exceeded("the total length of property names, definition names and enum values", statistics.NameCharacters, MaxNameCharacters);
            }

            if (statistics.LargestBigEnumCharacters > MaxBigEnumCharacters)
            {
                Exceeded(
                    "the total length of the " + statistics.LargestBigEnumValues.ToString(CultureInfo.InvariantCulture) + " values of enum '" + statistics.LargestBigEnum + "'",
                    statistics.LargestBigEnumCharacters,
                    MaxBigEnumCharacters);
            }
        }

        /// <summary>Object nesting levels along the deepest non-repeating path (the root is level 1).</summary>
        public static int Depth(StructuredTypeSpec spec)
        {
            var byKey = new Dictionary<string, ObjectTypeSpec>();
            foreach (ObjectTypeSpec type in spec.Types)
            {
                byKey[type.Key] = type;
            }

            var memo = new Dictionary<string, int>();
            var onPath = new HashSet<string>();

            int Visit(ObjectTypeSpec type)
            {
                if (memo.TryGetValue(type.Key, out int known))
                {
                    return known;
                }

                if (!onPath.Add(type.Key))
                {
                    return 0;
                }

                int deepest = 0;
                foreach (string next in TypeGraph.Successors(type))
                {
                    if (byKey.TryGetValue(next, out ObjectTypeSpec? child))
                    {
                        // A derived type replaces its base at the same level.
                        bool sameLevel = type.Polymorphism is not null && IsDerived(type, next);
                        int childDepth = Visit(child) - (sameLevel ? 1 : 0);
                        if (childDepth > deepest)
                        {
                            deepest = childDepth;
                        }
                    }
                }

                onPath.Remove(type.Key);
                memo[type.Key] = deepest + 1;
                return deepest + 1;
            }

            return Visit(spec.Root);
        }

        private static bool IsDerived(ObjectTypeSpec type, string key)
        {
            foreach (DerivedTypeSpec derived in type.Polymorphism!.DerivedTypes)
            {
                if (derived.DefinitionKey == key)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
