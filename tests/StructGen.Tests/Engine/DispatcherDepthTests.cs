using System.Linq;
using StructGen.Tests.Shared;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>
    /// The dispatcher keeps its first two open containers in fields and deeper ones in an array made at the third
    /// level (grown past six): values nested well past both, known or skipped, must close in order at any split.
    /// </summary>
    public sealed class DispatcherDepthTests
    {
        // Eighteen levels of objects and arrays an unknown member brings.
        private static readonly string Deep = string.Concat(Enumerable.Repeat("{\"k\":[", 9)) + "1" + string.Concat(Enumerable.Repeat("]}", 9));

        private static readonly string Document =
            "{\"extra\":" + Deep + ",\"title\":\"T\",\"author\":{\"name\":\"N\",\"deep\":[" + Deep + "," + Deep + "],\"nationality\":\"X\"},\"genres\":[\"g\",\"h\"],\"published_year\":1954}";

        [Fact]
        public void Deeply_nested_unknown_values_are_skipped_and_the_known_members_after_them_are_read()
        {
            var book = HandBook.StructuredOutput.Parse(Document);

            Assert.Equal(("T", "N", "X", 1954), (book.Title, book.Author.Name, book.Author.Nationality, book.PublishedYear));
            Assert.Equal(new[] { "g", "h" }, book.Genres);
        }

        [Fact]
        public void Every_split_point_gives_the_same_book()
        {
            for (int position = 0; position <= Document.Length; position++)
            {
                var parser = HandBook.StructuredOutput.CreateParser();
                parser.Append(Document.Substring(0, position));
                parser.Append(Document.Substring(position));
                var book = parser.Complete();
                Assert.True(book.Author.Nationality == "X" && book.Genres.Count == 2 && book.PublishedYear == 1954, "split at " + position);
            }
        }

        [Fact]
        public void A_wrong_value_deep_in_a_known_member_is_reported_at_its_path()
        {
            var ex = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse("{\"extra\":" + Deep + ",\"author\":{\"name\":2}}"));

            Assert.Equal(StructuredOutputErrorKind.WrongType, ex.Kind);
            Assert.Equal("$.author.name", ex.Path);
        }
    }
}
