using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Corpus;
using StructGen.Tests.Shared;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>Issue 18, items 4-8: input the engine used to let through, and what each now gives (docs/errors.md).</summary>
    public class ReliabilityInputTests
    {
        private const string Book = "{\"title\":\"T\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[\"a\"],\"published_year\":1}";

        private static string BookWith(string title, string year = "1") =>
            "{\"title\":" + title + ",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[\"a\"],\"published_year\":" + year + "}";

        // Item 4.
        [Theory]
        [InlineData(new byte[] { 0xE2, 0x82 })]        // two of the three bytes of '€'
        [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })]  // three of the four bytes of an emoji
        [InlineData(new byte[] { 0xC3 })]
        public void Incomplete_utf8_at_the_end_is_invalid_json(byte[] tail)
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            parser.AppendUtf8(Encoding.UTF8.GetBytes(Book + " "));
            parser.AppendUtf8(tail);

            var error = Assert.Throws<StructuredOutputException>(() => parser.Complete());
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, error.Kind);
            Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_character_split_across_utf8_deltas_still_completes()
        {
            var bytes = Encoding.UTF8.GetBytes(BookWith("\"€😀\""));
            for (int i = 0; i <= bytes.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                parser.AppendUtf8(bytes.AsSpan(0, i));
                parser.AppendUtf8(bytes.AsSpan(i));
                Assert.Equal("€😀", parser.Complete().Title);
            }
        }

        // Item 5.
        [Fact]
        public void An_overlong_integer_is_number_out_of_range_at_its_path()
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            var digits = new string('9', 10 * 1024 * 1024);
            var error = Assert.Throws<StructuredOutputException>(() =>
            {
                parser.Append(BookWith("\"T\"", "1").Replace("\"published_year\":1}", "\"published_year\":"));
                for (int i = 0; i < digits.Length; i += 64 * 1024) parser.Append(digits.AsSpan(i, 64 * 1024));
                parser.Append("}");
                parser.Complete();
            });

            Assert.Equal(StructuredOutputErrorKind.NumberOutOfRange, error.Kind);
            Assert.Equal("$.published_year", error.Path);
        }

        [Fact]
        public void An_overlong_double_exponent_is_number_out_of_range()
        {
            string d = "1e" + new string('0', 2000) + "400";
            string json = "{\"text\":\"t\",\"letter\":\"x\",\"flag\":true,\"b\":1,\"s\":1,\"i\":1,\"l\":1,\"us\":1,\"ui\":1,\"ul\":1,\"f\":1.5,\"d\":" + d + ",\"m\":1,\"mood\":\"happy\"}";
            var parser = Scalars.StructuredOutput.CreateParser();
            var error = Assert.Throws<StructuredOutputException>(() =>
            {
                parser.Append(json);
                parser.Complete();
            });
            Assert.Equal(StructuredOutputErrorKind.NumberOutOfRange, error.Kind);
            Assert.Equal("$.d", error.Path);
        }

        [Fact]
        public void A_number_of_1024_characters_is_still_read()
        {
            string d = "0." + new string('0', 1020) + "5"; // 1023 characters
            string json = "{\"text\":\"t\",\"letter\":\"x\",\"flag\":true,\"b\":1,\"s\":1,\"i\":1,\"l\":1,\"us\":1,\"ui\":1,\"ul\":1,\"f\":1.5,\"d\":" + d + ",\"m\":1,\"mood\":\"happy\"}";
            var parser = Scalars.StructuredOutput.CreateParser();
            parser.Append(json);
            Assert.Equal(JsonSerializer.Deserialize<Scalars>(json, CorpusDocuments.Options)!.D, parser.Complete().D);
        }

        // Item 6.
        [Theory]
        [InlineData("\"\\uDD1E\"")]          // a lone low surrogate
        [InlineData("\"\\uD83D1E\"")]        // a high surrogate followed by text
        [InlineData("\"\\uD83D\"")]          // a high surrogate at the end of the string
        [InlineData("\"\\uD83D\\n\"")]       // a high surrogate followed by another escape
        [InlineData("\"\\uD83D\\uD83D\"")]   // two high surrogates
        [InlineData("\"\\uDE00\\uD83D\"")]   // the halves in the wrong order
        public void Lone_surrogate_escapes_are_rejected_like_system_text_json(string title)
        {
            string json = BookWith(title);
            Assert.ThrowsAny<InvalidOperationException>(() => JsonSerializer.Deserialize<JsonElement>(json).GetProperty("title").GetString());

            for (int i = 0; i <= json.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                var error = Assert.Throws<StructuredOutputException>(() =>
                {
                    foreach (var piece in Splits.At(json, i)) parser.Append(piece);
                    parser.Complete();
                });
                Assert.Equal(StructuredOutputErrorKind.InvalidJson, error.Kind);
                Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void An_escaped_surrogate_pair_is_still_one_character_at_every_split()
        {
            string json = BookWith("\"a\\uD83D\\uDE00b\"");
            for (int i = 0; i <= json.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                foreach (var piece in Splits.At(json, i)) parser.Append(piece);
                Assert.Equal("a😀b", parser.Complete().Title);
            }
        }

        [Fact]
        public void A_lone_surrogate_escape_in_a_property_name_is_rejected()
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            var error = Assert.Throws<StructuredOutputException>(() => parser.Append("{\"ti\\uDD1Ele\":\"T\""));
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, error.Kind);
        }

        // Item 7.
        [Theory]
        [InlineData(Book + "\n```")]
        [InlineData(Book + "```\n")]
        [InlineData(Book + " `")]
        public void A_closing_fence_without_an_opening_one_is_trailing_content(string text)
        {
            for (int i = 0; i <= text.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                var error = Assert.Throws<StructuredOutputException>(() =>
                {
                    foreach (var piece in Splits.At(text, i)) parser.Append(piece);
                    parser.Complete();
                });
                Assert.Equal(StructuredOutputErrorKind.InvalidJson, error.Kind);
                Assert.Contains("trailing content", error.Message, StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("```json\n" + Book + "\n```")]
        [InlineData("```\n" + Book + "```\n")]
        [InlineData("```json\n" + Book)]
        public void A_closing_fence_after_an_opening_one_is_still_accepted(string text)
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            parser.Append(text);
            Assert.Equal("T", parser.Complete().Title);
        }

        [Fact]
        public void Trailing_backticks_are_ignored_with_leading_text_allowed()
        {
            var parser = HandBook.StructuredOutput.CreateParser(new StreamingParserOptions { AllowLeadingText = true });
            parser.Append("Here it is: " + Book + "\n``` hope it helps");
            Assert.Equal("T", parser.Complete().Title);
        }

        // Item 8.
        [Theory]
        [InlineData("2024-02-29T13:45:00.07038856Z", "2024-02-29T13:45:00.07038856+02:00")]
        [InlineData("2024-02-29T13:45:59.99999999Z", "2024-02-29T23:59:59.999999999-05:00")]
        [InlineData("2024-02-29T13:45:00.123456789012Z", "2024-02-29T13:45:00.12345678901234+00:00")]
        [InlineData("2024-02-29T13:45:00.1234567Z", "2024-02-29T13:45:00.1234567+01:00")]
        [InlineData("2024-02-29T13:45:00.12Z", "2024-02-29T13:45:00+01:00")]
        [InlineData("2024-02-29T13:45:00.12345678", "2024-02-29T13:45:00.99999999+14:00")]
        public void Date_times_with_more_than_seven_fraction_digits_equal_system_text_json(string when, string whenOffset)
        {
            string json = "{\"when\":\"" + when + "\",\"when_offset\":\"" + whenOffset + "\",\"day\":\"2024-02-29\",\"time\":\"13:45:10\",\"span\":\"01:30:00\",\"id\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\",\"link\":\"https://example.com/a?b=c\"}";
            var expected = JsonSerializer.Deserialize<Formats>(json, CorpusDocuments.Options)!;
            var parser = Formats.StructuredOutput.CreateParser();
            parser.Append(json);
            var actual = parser.Complete();

            Assert.Equal(expected.When.Ticks, actual.When.Ticks);
            Assert.Equal(expected.When.Kind, actual.When.Kind);
            Assert.Equal(expected.WhenOffset.Ticks, actual.WhenOffset.Ticks);
            Assert.Equal(expected.WhenOffset.Offset, actual.WhenOffset.Offset);
        }

        [Fact]
        public void The_date_time_parsers_truncate_the_fraction()
        {
            Assert.True(JsonValueParsers.DateTime("2024-01-01T00:00:00.07038856Z".AsSpan(), out var value));
            Assert.Equal("0703885", value.ToString("fffffff", CultureInfo.InvariantCulture));
            Assert.True(JsonValueParsers.DateTimeOffset("2024-01-01T00:00:00.07038856+00:00".AsSpan(), out var offset));
            Assert.Equal("0703885", offset.ToString("fffffff", CultureInfo.InvariantCulture));
        }
    }
}
