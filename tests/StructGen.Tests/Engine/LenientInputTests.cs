using StructGen.Streaming;
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
