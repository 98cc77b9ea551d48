using System;
using System.Collections.Generic;
using System.Text.Json;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class JsonSemanticDiffTests
    {
        [Fact]
        public void Key_order_and_whitespace_do_not_matter()
        {
            Assert.Empty(JsonSemanticDiff.Compare(
                "{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}",
                "{ \"b\" : { \"y\" : null, \"x\" : [ 1, 2 ] }, \"a\" : 1 }"));
        }

        [Theory]
        [InlineData("4000", "4000.0")]
        [InlineData("4000", "4e3")]
        [InlineData("4000", "4.000E+3")]
        [InlineData("0.2", "2e-1")]
        [InlineData("0", "-0.0")]
        [InlineData("12345678901234567890123", "12345678901234567890123.000")]
        public void Numbers_compare_by_value(string expected, string actual)
        {
            Assert.True(JsonSemanticDiff.AreEquivalent("{\"n\":" + expected + "}", "{\"n\":" + actual + "}"));
        }

        [Fact]
        public void Numbers_beyond_double_precision_still_differ()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare("[9007199254740993]", "[9007199254740992]");

            Assert.Equal(new[] { "$[0]: expected 9007199254740993 but was 9007199254740992" }, differences);
        }

        [Fact]
        public void Changed_string_reports_path_and_both_values()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare(
                "{\"messages\":[{\"role\":\"system\"},{\"content\":\"Say hi in Portuguese\"}]}",
                "{\"messages\":[{\"role\":\"system\"},{\"content\":\"Say hello\"}]}");

            Assert.Equal(new[] { "$.messages[1].content: expected \"Say hi in Portuguese\" but was \"Say hello\"" }, differences);
        }

        [Fact]
        public void Missing_and_extra_keys_use_the_given_names()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare(
                "{\"model\":\"o4-mini\",\"max_tokens\":4000}",
                "{\"model\":\"o4-mini\",\"temperature\":0.2}",
                expectedName: "recording",
                actualName: "request");

            Assert.Equal(
                new[]
                {
                    "$.max_tokens: missing in request (expected 4000)",
                    "$.temperature: not in recording (value 0.2)",
                },
                differences);
        }

        [Fact]
        public void Array_order_is_strict()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare("{\"a\":[1,2]}", "{\"a\":[2,1]}");

            Assert.Equal(new[] { "$.a[0]: expected 1 but was 2", "$.a[1]: expected 2 but was 1" }, differences);
        }

        [Fact]
        public void Array_length_differences_list_each_missing_or_extra_element()
        {
            Assert.Equal(
                new[] { "$[2]: missing in actual (expected {\"x\":true})" },
                JsonSemanticDiff.Compare("[1,2,{\"x\":true}]", "[1,2]"));
            Assert.Equal(
                new[] { "$[1]: not in expected (value \"extra\")" },
                JsonSemanticDiff.Compare("[1]", "[1,\"extra\"]"));
        }

        [Fact]
        public void Type_changes_show_both_values_as_json()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare(
                "{\"a\":\"1\",\"b\":true,\"c\":null,\"d\":[1]}",
                "{\"a\":1,\"b\":false,\"c\":{},\"d\":{\"0\":1}}");

            Assert.Equal(
                new[]
                {
                    "$.a: expected \"1\" but was 1",
                    "$.b: expected true but was false",
                    "$.c: expected null but was {}",
                    "$.d: expected [1] but was {\"0\":1}",
                },
                differences);
        }

        [Fact]
        public void Keys_that_are_not_identifiers_are_bracketed()
        {
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare("{\"a b\":{\"it's\":1}}", "{\"a b\":{\"it's\":2}}");

            Assert.Equal(new[] { "$['a b']['it\\'s']: expected 1 but was 2" }, differences);
        }

        [Fact]
        public void Long_strings_show_a_window_around_the_first_difference()
        {
            string prefix = new string('x', 500);
            IReadOnlyList<string> differences = JsonSemanticDiff.Compare(
                JsonSerializer.Serialize(prefix + "The weather is fine." + prefix, JsonStringContext.Default.String),
                JsonSerializer.Serialize(prefix + "The weather is grim." + prefix, JsonStringContext.Default.String));

            string difference = Assert.Single(differences);
            Assert.Contains("weather is fine.", difference, StringComparison.Ordinal);
            Assert.Contains("weather is grim.", difference, StringComparison.Ordinal);
            Assert.Contains("first difference at character 515", difference, StringComparison.Ordinal);
            Assert.True(difference.Length < 300, difference);
        }

        [Fact]
        public void Strings_are_compared_exactly()
        {
            Assert.Single(JsonSemanticDiff.Compare("\"café\"", "\"cafe\u0301\""));
            Assert.Single(JsonSemanticDiff.Compare("\"A\"", "\"a\""));
            Assert.Empty(JsonSemanticDiff.Compare("\"\\u00e9\"", "\"é\"")); // escapes are decoded before comparing
        }

        [Fact]
        public void Invalid_json_throws()
        {
            Assert.ThrowsAny<JsonException>(() => JsonSemanticDiff.Compare("{", "{}"));
        }
    }
}
