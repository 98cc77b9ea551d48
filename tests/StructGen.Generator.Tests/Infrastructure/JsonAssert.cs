using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>Semantic JSON equality: object key order is free, array order is strict.</summary>
    internal static class JsonAssert
    {
        public static void Equal(string expected, string actual)
        {
            using JsonDocument e = JsonDocument.Parse(expected);
            using JsonDocument a = JsonDocument.Parse(actual);
            string? difference = FirstDifference(e.RootElement, a.RootElement, "$");
            if (difference is not null)
            {
                throw new XunitException("JSON differs at " + difference + "\nExpected: " + expected + "\nActual:   " + actual);
            }
        }

        /// <summary>The JSON path of the first difference, or null when equal.</summary>
        public static string? FirstDifference(JsonElement expected, JsonElement actual, string path)
        {
            if (expected.ValueKind != actual.ValueKind)
            {
                return $"{path} (kind {expected.ValueKind} vs {actual.ValueKind})";
            }

            switch (expected.ValueKind)
            {
                case JsonValueKind.Object:
                    var expectedProperties = expected.EnumerateObject().ToList();
                    var actualProperties = actual.EnumerateObject().ToList();
                    var expectedNames = expectedProperties.Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
                    var actualNames = actualProperties.Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
                    if (!expectedNames.SequenceEqual(actualNames))
                    {
                        return $"{path} (keys [{string.Join(",", expectedNames)}] vs [{string.Join(",", actualNames)}])";
                    }

                    foreach (JsonProperty property in expectedProperties)
                    {
                        string? inner = FirstDifference(property.Value, actual.GetProperty(property.Name), path + "." + property.Name);
                        if (inner is not null)
                        {
                            return inner;
                        }
                    }

                    return null;

                case JsonValueKind.Array:
                    int length = expected.GetArrayLength();
                    if (length != actual.GetArrayLength())
                    {
                        return $"{path} (length {length} vs {actual.GetArrayLength()})";
                    }

                    for (int i = 0; i < length; i++)
                    {
                        string? inner = FirstDifference(expected[i], actual[i], path + "[" + i + "]");
                        if (inner is not null)
                        {
                            return inner;
                        }
                    }

                    return null;

                case JsonValueKind.String:
                    return expected.GetString() == actual.GetString() ? null : $"{path} (\"{expected.GetString()}\" vs \"{actual.GetString()}\")";

                case JsonValueKind.Number:
                    bool same = expected.TryGetDecimal(out decimal x) && actual.TryGetDecimal(out decimal y)
                        ? x == y
                        : expected.GetRawText() == actual.GetRawText();
                    return same ? null : $"{path} ({expected.GetRawText()} vs {actual.GetRawText()})";

                default:
                    return null;
            }
        }
    }
}
