using System.Collections.Generic;
using StructGen.Streaming;
using Xunit;

namespace StructGen.Tests.Contracts
{
    /// <summary>[StreamAtomic] members appear only once complete, at every split point, and publish nothing while they stream.</summary>
    public class StreamAtomicTests
    {
        private const string Document =
            "{\"title\":\"Moon landing\",\"body\":\"It happened.\",\"origin\":{\"name\":\"AP\",\"year\":1969},\"tags\":[\"space\",\"history\"]}";

        [Fact]
        public void Every_split_shows_atomic_members_only_whole_and_ends_with_the_full_parse()
        {
            var full = Headline.StructuredOutput.Parse(Document);
            for (int at = 0; at <= Document.Length; at++)
            {
                var parser = Headline.StructuredOutput.CreateParser();
                foreach (string part in new[] { Document.Substring(0, at), Document.Substring(at) })
                {
                    for (int i = 0; i < part.Length; i++)
                    {
                        if (!parser.Append(part.Substring(i, 1)) || parser.Current is not { } partial) continue;
                        Assert.True(partial.Title is null || partial.Title == full.Title, partial.Title);
                        Assert.True(partial.Title is null || partial.TitleState == FieldState.Complete);
                        Assert.True(partial.Origin is null || partial.OriginState == FieldState.Complete);
                        if (partial.Origin is not null) Assert.Equal(1969, partial.Origin.Year);
                        Assert.True(partial.Tags is null || partial.Tags.Count == 2);
                    }
                }

                var value = parser.Complete();
                Assert.Equal(full.Title, value.Title);
                Assert.Equal(full.Origin, value.Origin);
                Assert.Equal(full.Tags, value.Tags);
            }
        }

        [Fact]
        public void An_atomic_member_publishes_nothing_while_it_streams_and_once_when_it_completes()
        {
            var parser = Headline.StructuredOutput.CreateParser();
            parser.Append("{\"title\":\"Moon");
            int published = parser.PublishedCount;
            Assert.False(parser.Append(" lan"));
            Assert.False(parser.Append("ding"));
            Assert.Equal(published, parser.PublishedCount);
            Assert.Null(parser.Current!.Title);

            Assert.True(parser.Append("\""));
            Assert.Equal("Moon landing", parser.Current!.Title);
            Assert.Equal(FieldState.Complete, parser.Current.TitleState);
        }

        [Fact]
        public void A_plain_member_beside_it_still_streams_as_a_prefix()
        {
            var parser = Headline.StructuredOutput.CreateParser();
            parser.Append("{\"title\":\"T\",\"body\":\"It hap");
            Assert.Equal("It hap", parser.Current!.Body);
            Assert.Equal(FieldState.Streaming, parser.Current.BodyState);
        }
    }
}
