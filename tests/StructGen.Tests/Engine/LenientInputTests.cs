using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Support;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Tests.Engine
{
    public class LenientInputTests
    {
        private const string Json = "{\"title\":\"T\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[\"a\"],\"published_year\":1}";

        [Theory]
        [InlineData("  \n" + Json + "\n  ")]
        [InlineData("```json\n" + Json + "\n```")]
        [InlineData("```\n" + Json + "```\n")]
        public void Whitespace_and_code_fences_are_accepted_at_every_split(string text)
        {
            for (int i = 0; i <= text.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                foreach (var piece in Splits.At(text, i)) parser.Append(piece);
                Assert.Equal("T", parser.Complete().Title);
            }
        }

        [Theory]
        [InlineData("<think>\nThe user wants {a book} </th not yet.\n</think>\n\n" + Json)]
        [InlineData("  <think></think>```json\n" + Json + "\n```")]
        public void A_think_block_before_the_document_is_skipped_at_every_split(string text)
        {
            for (int i = 0; i <= text.Length; i++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                foreach (var piece in Splits.At(text, i)) parser.Append(piece);
                Assert.Equal("T", parser.Complete().Title);
            }
        }

        [Fact]
        public void Text_that_only_looks_like_a_think_tag_is_an_error_or_prose_and_an_unclosed_block_is_truncated()
        {
            var notATag = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse("<thought>" + Json));
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, notATag.Kind);
            Assert.Contains("<tho", notATag.Message);

            var prose = HandBook.StructuredOutput.CreateParser(new StreamingParserOptions { AllowLeadingText = true });
            prose.Append("<b>Here:</b> <think>x {not this}</think>");
            prose.Append(Json);
            Assert.Equal(1, prose.Complete().PublishedYear);

            var open = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse("<think>still thinking"));
            Assert.Equal(StructuredOutputErrorKind.Truncated, open.Kind);

            var strict = HandBook.StructuredOutput.CreateParser(new StreamingParserOptions { AllowThinkBlock = false });
            var off = Assert.Throws<StructuredOutputException>(() => strict.Append("<think>x</think>" + Json));
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, off.Kind);
        }

        [Fact]
        public void Leading_and_trailing_prose_is_rejected_by_default_and_accepted_when_opted_in()
        {
            string text = "Sure! Here is the book:\n" + Json + "\nHope this helps.";
            var ex = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse(text));
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, ex.Kind);

            var options = new StreamingParserOptions { AllowLeadingText = true };
            for (int i = 0; i <= text.Length; i += 3)
            {
                var parser = HandBook.StructuredOutput.CreateParser(options);
                foreach (var piece in Splits.At(text, i)) parser.Append(piece);
                Assert.Equal(1, parser.Complete().PublishedYear);
            }
        }

        [Fact]
        public void Trailing_garbage_after_a_fence_is_rejected()
        {
            var ex = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse("```json\n" + Json + "\n``` x"));
            Assert.Contains("trailing", ex.Actual);
        }
    }
}
