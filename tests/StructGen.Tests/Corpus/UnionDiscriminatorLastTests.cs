using System;
using System.Collections.Generic;
using StructGen.Streaming;
using Xunit;

namespace StructGen.Tests.Corpus
{
    /// <summary>
    /// Union members whose discriminator is not first (Gemini writes keys in its own order): the members
    /// before it are held back and replayed into the right variant, at every split point.
    /// </summary>
    public class UnionDiscriminatorLastTests
    {
        private const string DiscriminatorLast =
            "{\"shapes\":[{\"radius\":1.25,\"kind\":\"circle\"},{\"side\":2,\"color\":\"red\",\"kind\":\"square\"}],\"main\":{\"color\":\"blue\",\"side\":3.5,\"kind\":\"square\"}}";

        private const string DiscriminatorFirst =
            "{\"shapes\":[{\"kind\":\"circle\",\"radius\":1.25},{\"kind\":\"square\",\"side\":2,\"color\":\"red\"}],\"main\":{\"kind\":\"square\",\"side\":3.5,\"color\":\"blue\"}}";

        [Fact]
        public void Discriminator_last_gives_the_same_value_as_discriminator_first()
        {
            Assert.Equal(
                CorpusDocuments.Canonical(Drawing.StructuredOutput.Parse(DiscriminatorFirst)),
                CorpusDocuments.Canonical(Drawing.StructuredOutput.Parse(DiscriminatorLast)));
        }

        [Fact]
        public void Every_split_gives_the_full_parse_and_never_shows_a_member_before_its_variant()
        {
            string expected = CorpusDocuments.Canonical(Drawing.StructuredOutput.Parse(DiscriminatorLast));
            for (int at = 0; at <= DiscriminatorLast.Length; at++)
            {
                var parser = Drawing.StructuredOutput.CreateParser();
                var seen = new List<DrawingPartial>();
                foreach (string part in new[] { DiscriminatorLast.Substring(0, at), DiscriminatorLast.Substring(at) })
                {
                    for (int i = 0; i < part.Length; i++)
                    {
                        // One character at a time after the split: every intermediate state is checked.
                        if (parser.Append(part.Substring(i, 1)) && parser.Current is { } current) seen.Add(current);
                    }
                }

                Assert.Equal(expected, CorpusDocuments.Canonical(parser.Complete()));
                foreach (var partial in seen)
                {
                    AssertConsistent(partial.Main);
                    if (partial.Shapes is null) continue;
                    for (int i = 0; i < partial.Shapes.Count; i++) AssertConsistent(partial.Shapes[i]);
                }
            }
        }

        [Fact]
        public void A_variant_is_visible_only_once_its_discriminator_is_complete_and_then_has_the_early_members()
        {
            var parser = Drawing.StructuredOutput.CreateParser();
            parser.Append("{\"shapes\":[],\"main\":{\"color\":\"blue\",\"side\":3.5,");
            var before = parser.Current!.Main!;
            Assert.Null(before.Variant);
            Assert.Null(before.TypeDiscriminator);
            Assert.Equal(FieldState.Streaming, before.State);

            parser.Append("\"kind\":\"squ");
            Assert.Null(parser.Current!.Main!.Variant);

            parser.Append("are\"");
            var square = parser.Current!.Main!.AsSquare!;
            Assert.Equal(3.5, square.Side);
            Assert.Equal(FieldState.Complete, square.SideState);
            Assert.Equal("blue", square.Color);
            Assert.Equal(FieldState.Complete, square.ColorState);
        }

        [Fact]
        public void A_union_that_ends_without_its_discriminator_names_it()
        {
            var ex = Assert.Throws<StructuredOutputException>(() => Drawing.StructuredOutput.Parse("{\"shapes\":[],\"main\":{\"side\":3.5,\"color\":\"blue\"}}"));
            Assert.Contains("kind", ex.Message, StringComparison.Ordinal);
            Assert.Contains("$.main", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_early_member_of_the_wrong_type_fails_at_its_path_once_the_variant_is_known()
        {
            var ex = Assert.Throws<StructuredOutputException>(() => Drawing.StructuredOutput.Parse("{\"shapes\":[],\"main\":{\"side\":\"wide\",\"kind\":\"square\",\"color\":\"blue\"}}"));
            Assert.Contains("$.main.side", ex.Message, StringComparison.Ordinal);
        }

        private static void AssertConsistent(ShapePartial? shape)
        {
            if (shape is null) return;

            // A variant only ever appears with its complete discriminator, and it is the one named.
            if (shape.Variant is null) return;
            Assert.Equal(FieldState.Complete, shape.TypeDiscriminatorState);
            if (shape.TypeDiscriminator == "circle") Assert.NotNull(shape.AsCircle);
            else Assert.NotNull(shape.AsSquare);
        }
    }
}
