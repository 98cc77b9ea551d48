using System;
using System.Collections.Generic;
using System.Linq;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Support;
using Xunit;
using StructGen.Tests.Shared;

namespace StructGen.Tests.Engine
{
    public class HandBookStreamingTests
    {
        // The content the o4-mini Book cassette streams, with its recorded delta boundaries.
        private static readonly string[] RecordedDeltas =
        {
            "{\"", "author", "\":{\"", "name", "\":\"", "J", ".R", ".R", ".", " Tolkien", "\",\"", "national", "ity", "\":\"", "British", "\"}",
            ",\"", "genres", "\":[\"", "fant", "asy", "\",\"", "ad", "venture", "\"],", "\"", "published", "_year", "\":", "195", "4", ",\"",
            "title", "\":\"", "The", " Lord", " of", " the", " Rings", "\"}",
        };

        private static readonly string Document = string.Concat(RecordedDeltas);

        [Fact]
        public void Recorded_deltas_give_the_final_book_and_never_show_195()
        {
            var (book, partials) = Run(RecordedDeltas);

            AssertIsTheBook(book);
            Assert.True(partials.Count >= 15, $"only {partials.Count} partials");
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"published year {p.PublishedYear}"));
            Assert.Contains(partials, p => p.Title == "The Lord");
            Assert.Contains(partials, p => p.Author?.Name == "J.R.R" && p.Author.NameState == FieldState.Streaming);
        }

        [Fact]
        public void Every_single_split_point_gives_the_same_book_and_keeps_the_guarantees()
        {
            for (int position = 0; position <= Document.Length; position++)
            {
                var (book, _) = Run(Splits.At(Document, position), "split at " + position);
                AssertIsTheBook(book);
            }
        }

        [Fact]
        public void One_delta_per_character_keeps_the_guarantees()
        {
            var (book, partials) = Run(Splits.PerCharacter(Document));
            AssertIsTheBook(book);
            Assert.Equal("The Lord of the Rings", partials[^1].Title);
        }

        [Fact]
        public void Random_multi_splits_keep_the_guarantees()
        {
            for (int seed = 0; seed < 1000; seed++)
            {
                var (book, _) = Run(Splits.Random(Document, seed), "seed " + seed);
                AssertIsTheBook(book);
            }
        }

        [Fact]
        public void A_partial_is_published_only_when_something_visible_changed()
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            Assert.True(parser.Append("{\"published_year\":"));
            var before = parser.Current;
            Assert.False(parser.Append("19"));
            Assert.Same(before, parser.Current);
            Assert.Null(parser.Current!.PublishedYear);
            Assert.True(parser.Append("54,"));
            Assert.Equal(1954, parser.Current!.PublishedYear);
            Assert.Equal(FieldState.Complete, parser.Current.PublishedYearState);
        }

        [Fact]
        public void Unchanged_subtrees_are_shared_between_snapshots()
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            parser.Append("{\"author\":{\"name\":\"J\",\"nationality\":\"British\"},\"title\":\"T");
            var first = parser.Current!;
            parser.Append("he");
            var second = parser.Current!;
            Assert.NotSame(first, second);
            Assert.Same(first.Author, second.Author);
            Assert.Equal("T", first.Title);
            Assert.Equal("The", second.Title);
        }

        [Fact]
        public void Unknown_properties_of_any_shape_are_skipped()
        {
            var json = "{\"extra\":{\"a\":[1,{\"b\":null}],\"c\":\"x\"},\"title\":\"T\",\"author\":{\"name\":\"N\",\"nationality\":\"X\",\"z\":true},\"genres\":[],\"published_year\":1,\"more\":[[]]}";
            var book = HandBook.StructuredOutput.Parse(json);
            Assert.Equal("T", book.Title);
            Assert.Equal("N", book.Author.Name);
            Assert.Empty(book.Genres);
        }

        [Theory]
        [InlineData("{\"title\":\"T\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[]}", StructuredOutputErrorKind.MissingMember, "$.published_year")]
        [InlineData("{\"title\":\"T\",\"author\":{\"name\":\"N\"},\"genres\":[],\"published_year\":1}", StructuredOutputErrorKind.MissingMember, "$.author.nationality")]
        [InlineData("{\"title\":1}", StructuredOutputErrorKind.WrongType, "$.title")]
        [InlineData("{\"genres\":[\"a\",2]}", StructuredOutputErrorKind.WrongType, "$.genres[1]")]
        [InlineData("{\"published_year\":1954.5}", StructuredOutputErrorKind.NumberOutOfRange, "$.published_year")]
        [InlineData("{\"published_year\":99999999999}", StructuredOutputErrorKind.NumberOutOfRange, "$.published_year")]
        [InlineData("{\"title\":\"T\"} x", StructuredOutputErrorKind.InvalidJson, "$")]
        [InlineData("{\"title\":\"T\"", StructuredOutputErrorKind.Truncated, "$")]
        [InlineData("{\"title\":\"T\",\"title\":\"U\"}", StructuredOutputErrorKind.DuplicateMember, "$.title")]
        [InlineData("{\"title\":null}", StructuredOutputErrorKind.WrongType, "$.title")]
        [InlineData("", StructuredOutputErrorKind.InvalidJson, "$")]
        public void Invalid_documents_fail_with_the_path_and_kind(string json, StructuredOutputErrorKind kind, string path)
        {
            var ex = Assert.Throws<StructuredOutputException>(() => HandBook.StructuredOutput.Parse(json));
            Assert.Equal(kind, ex.Kind);
            Assert.Equal(path, ex.Path);
            Assert.Equal(json, ex.RawText);
            Assert.Contains(path, ex.Message);
        }

        [Fact]
        public void Element_completion_is_reported_as_each_element_closes()
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            parser.Append("{\"genres\":[\"fan");
            var node = (HandBookPartial.Node)parser.Root;
            var seen = new List<string>();
            node.Genres!.ElementCompleted += (value, index) => seen.Add(index + ":" + value);
            parser.Append("tasy\",\"adv");
            Assert.Equal(new[] { "0:fantasy" }, seen);
            Assert.Equal(1, parser.Current!.Genres!.CompletedCount);
            Assert.Equal("adv", parser.Current.Genres[1]);
            parser.Append("enture\"]");
            Assert.Equal(new[] { "0:fantasy", "1:adventure" }, seen);
        }

        private static void AssertIsTheBook(HandBook book)
        {
            Assert.Equal("The Lord of the Rings", book.Title);
            Assert.Equal(new HandAuthor("J.R.R. Tolkien", "British"), book.Author);
            Assert.Equal(new[] { "fantasy", "adventure" }, book.Genres);
            Assert.Equal(1954, book.PublishedYear);
        }

        private static (HandBook Book, List<HandBookPartial> Partials) Run(IEnumerable<string> deltas, string context = "recorded")
        {
            var parser = HandBook.StructuredOutput.CreateParser();
            var partials = new List<HandBookPartial>();
            var observations = new List<PartialObservation>();
            foreach (var delta in deltas)
            {
                if (!parser.Append(delta)) continue;
                partials.Add(parser.Current!);
                var observation = PartialObservation.Of(parser.Current!);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, context);
                observations.Add(observation);
            }

            var book = parser.Complete();
            var final = PartialObservation.Of(parser.Current!);
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, context);
            return (book, partials);
        }
    }
}
