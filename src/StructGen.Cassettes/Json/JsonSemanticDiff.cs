using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Compares two JSON documents by meaning and lists every difference as a JSON path with both values:
    /// object keys in any order, arrays in strict order, numbers by value (<c>4000</c> equals <c>4000.0</c>
    /// and <c>4e3</c>), strings exactly.
    /// </summary>
    /// <remarks>
    /// Difference texts look like <c>$.messages[1].content: expected "Say hi" but was "Say hello"</c>,
    /// <c>$.max_tokens: missing in actual (expected 4000)</c> and <c>$.temperature: not in expected (value 0.2)</c>;
    /// the words "expected" and "actual" can be replaced by names that fit the caller, e.g. "recording" and "request".
    /// </remarks>
    public static class JsonSemanticDiff
    {
        /// <summary>Parses both texts and compares them.</summary>
        /// <param name="expectedJson">The reference JSON.</param>
        /// <param name="actualJson">The JSON under test.</param>
        /// <param name="expectedName">How the reference is named in messages (default <c>expected</c>).</param>
        /// <param name="actualName">How the JSON under test is named in messages (default <c>actual</c>).</param>
        /// <returns>The differences in document order; empty when the documents are equivalent.</returns>
        /// <exception cref="JsonException">Either text is not valid JSON.</exception>
        public static IReadOnlyList<string> Compare(string expectedJson, string actualJson, string expectedName = "expected", string actualName = "actual")
        {
            if (expectedJson is null)
            {
                throw new ArgumentNullException(nameof(expectedJson));
            }

            if (actualJson is null)
            {
                throw new ArgumentNullException(nameof(actualJson));
            }

            using JsonDocument expected = JsonDocument.Parse(expectedJson);
            using JsonDocument actual = JsonDocument.Parse(actualJson);
            return Compare(expected.RootElement, actual.RootElement, expectedName, actualName);
        }

        /// <summary>Compares two parsed JSON values.</summary>
        /// <param name="expected">The reference value.</param>
        /// <param name="actual">The value under test.</param>
        /// <param name="expectedName">How the reference is named in messages (default <c>expected</c>).</param>
        /// <param name="actualName">How the value under test is named in messages (default <c>actual</c>).</param>
        /// <returns>The differences in document order; empty when the values are equivalent.</returns>
        public static IReadOnlyList<string> Compare(JsonElement expected, JsonElement actual, string expectedName = "expected", string actualName = "actual")
        {
            var differences = new List<string>();
            new Walker(differences, expectedName ?? "expected", actualName ?? "actual").Compare("$", expected, actual);
            return differences;
        }

        /// <summary>Whether two JSON texts are semantically equal (see <see cref="JsonSemanticDiff"/>).</summary>
        /// <param name="expectedJson">The reference JSON.</param>
        /// <param name="actualJson">The JSON under test.</param>
        /// <returns><see langword="true"/> when there is no difference.</returns>
        /// <exception cref="JsonException">Either text is not valid JSON.</exception>
        public static bool AreEquivalent(string expectedJson, string actualJson) => Compare(expectedJson, actualJson).Count == 0;

        /// <summary>One comparison run; carries the output list and the names used in messages.</summary>
        private sealed class Walker
        {
            private readonly List<string> _differences;
            private readonly string _expectedName;
            private readonly string _actualName;

            public Walker(List<string> differences, string expectedName, string actualName)
            {
                _differences = differences;
                _expectedName = expectedName;
                _actualName = actualName;
            }

            public void Compare(string path, JsonElement expected, JsonElement actual)
            {
                JsonValueKind kind = Normalize(expected.ValueKind);
                if (kind != Normalize(actual.ValueKind))
                {
                    ValueDiffers(path, expected, actual);
                    return;
                }

                switch (kind)
                {
                    case JsonValueKind.Object:
                        CompareObjects(path, expected, actual);
                        break;
                    case JsonValueKind.Array:
                        CompareArrays(path, expected, actual);
                        break;
                    case JsonValueKind.String:
                        if (!string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal))
                        {
                            _differences.Add(path + ": " + JsonValueText.DescribeStringDifference(expected.GetString()!, actual.GetString()!));
                        }

                        break;
                    case JsonValueKind.Number:
                        if (JsonNumberText.Canonical(expected.GetRawText()) != JsonNumberText.Canonical(actual.GetRawText()))
                        {
                            ValueDiffers(path, expected, actual);
                        }

                        break;
                    case JsonValueKind.True:
                        if (expected.ValueKind != actual.ValueKind)
                        {
                            ValueDiffers(path, expected, actual);
                        }

                        break;
                    default:
                        break; // null == null
                }
            }

            private void CompareObjects(string path, JsonElement expected, JsonElement actual)
            {
                Dictionary<string, JsonElement> actualProperties = PropertiesOf(actual);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, JsonElement> property in PropertiesInOrder(expected))
                {
                    if (!seen.Add(property.Key))
                    {
                        continue;
                    }

                    string childPath = JsonPathText.Property(path, property.Key);
                    if (actualProperties.TryGetValue(property.Key, out JsonElement actualValue))
                    {
                        Compare(childPath, property.Value, actualValue);
                    }
                    else
                    {
                        _differences.Add($"{childPath}: missing in {_actualName} (expected {JsonValueText.Render(property.Value)})");
                    }
                }

                foreach (KeyValuePair<string, JsonElement> property in PropertiesInOrder(actual))
                {
                    if (seen.Add(property.Key))
                    {
                        _differences.Add($"{JsonPathText.Property(path, property.Key)}: not in {_expectedName} (value {JsonValueText.Render(property.Value)})");
                    }
                }
            }

            private void CompareArrays(string path, JsonElement expected, JsonElement actual)
            {
                int expectedLength = expected.GetArrayLength();
                int actualLength = actual.GetArrayLength();
                int common = Math.Min(expectedLength, actualLength);
                for (int i = 0; i < common; i++)
                {
                    Compare(JsonPathText.Index(path, i), expected[i], actual[i]);
                }

                for (int i = common; i < expectedLength; i++)
                {
                    _differences.Add($"{JsonPathText.Index(path, i)}: missing in {_actualName} (expected {JsonValueText.Render(expected[i])})");
                }

                for (int i = common; i < actualLength; i++)
                {
                    _differences.Add($"{JsonPathText.Index(path, i)}: not in {_expectedName} (value {JsonValueText.Render(actual[i])})");
                }
            }

            private void ValueDiffers(string path, JsonElement expected, JsonElement actual)
            {
                _differences.Add($"{path}: expected {JsonValueText.Render(expected)} but was {JsonValueText.Render(actual)}");
            }

            // true and false are one kind (boolean) so that true vs false reads as a value change.
            private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

            // With duplicate keys the last one wins, as in most JSON readers (and the OpenAI API).
            private static Dictionary<string, JsonElement> PropertiesOf(JsonElement element)
            {
                var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    properties[property.Name] = property.Value;
                }

                return properties;
            }

            private static IEnumerable<KeyValuePair<string, JsonElement>> PropertiesInOrder(JsonElement element)
            {
                Dictionary<string, JsonElement> lastValues = PropertiesOf(element);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    yield return new KeyValuePair<string, JsonElement>(property.Name, lastValues[property.Name]);
                }
            }
        }
    }
}
