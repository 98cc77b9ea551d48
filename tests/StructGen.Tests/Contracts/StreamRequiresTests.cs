using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Contracts
{
    /// <summary>
    /// [StreamRequires]: an object (a member or a list element) is not published until its gate member is
    /// complete, at every split point; every other guarantee of docs/partials.md still holds and the final
    /// value is the full parse.
    /// </summary>
    public class StreamRequiresTests
    {
        private const string Document =
            "{\"name\":\"Tales\",\"editor\":{\"name\":\"Ann Lee\",\"note\":\"Picked with care\"}," +
            "\"chapters\":[{\"title\":\"One\",\"body\":\"It began.\",\"pages\":12},{\"title\":\"Two \\\"quoted\\\"\",\"body\":\"Then more.\",\"pages\":7}]}";

        /// <summary>The contract, checked on one published partial.</summary>
        private static void AssertGated(AnthologyPartial partial, string context)
        {
            if (partial.Editor is null)
            {
                Assert.Equal(FieldState.Missing, partial.EditorState);
            }
            else
            {
                Assert.True(partial.Editor.NameState == FieldState.Complete, context + ": the editor is shown before its name is complete");
            }

            if (partial.Chapters is { } chapters)
            {
                foreach (var chapter in chapters)
                {
                    Assert.True(chapter.TitleState == FieldState.Complete, context + ": a chapter is shown before its title is complete");
                }
            }
        }

        [Fact]
        public void Every_split_point_withholds_gated_objects_until_the_gate_completes_and_ends_with_the_full_parse()
        {
            var full = Anthology.StructuredOutput.Parse(Document);
            for (int at = 0; at <= Document.Length; at++)
            {
                var parser = Anthology.StructuredOutput.CreateParser();
                PartialObservation? previous = null;
                foreach (string part in new[] { Document.Substring(0, at), Document.Substring(at) })
                {
                    if (!parser.Append(part) || parser.Current is not { } partial) continue;
                    AssertGated(partial, "split at " + at);
                    var observation = PartialObservation.Of(partial);
                    if (previous is not null) PartialObservation.AssertMonotonic(previous, observation, "split at " + at);
                    previous = observation;

                    // The element stream (completed elements) never runs ahead of what the partial shows.
                    int completed = ((AnthologyPartial.Node)parser.Root).ChaptersNode?.CompletedCount ?? 0;
                    Assert.True(completed <= (partial.Chapters?.Count ?? 0), "split at " + at + ": an element completed that the partial does not show");
                }

                var value = parser.Complete();
                Assert.Equal(full.Editor, value.Editor);
                Assert.Equal(full.Chapters, value.Chapters);
                Assert.Equal(full.Name, value.Name);
            }
        }

        [Fact]
        public void Character_by_character_every_partial_honours_the_contract_and_the_guarantees()
        {
            var parser = Anthology.StructuredOutput.CreateParser();
            var observations = new List<PartialObservation>();
            foreach (char c in Document)
            {
                if (!parser.Append(c.ToString()) || parser.Current is not { } partial) continue;
                AssertGated(partial, "after " + observations.Count + " partials");
                var observation = PartialObservation.Of(partial);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, "partial " + observations.Count);
                observations.Add(observation);
            }

            var final = PartialObservation.Of(parser.Current!);
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, "partial");
            var value = parser.Complete();
            Assert.Equal(Anthology.StructuredOutput.Parse(Document).Chapters, value.Chapters);

            // Once its title is complete, the second chapter streams as the list's growing tail.
            var first = observations.First(o => o.Leaves.ContainsKey("$.Chapters[1].Title"));
            Assert.Equal("Two \"quoted\"", first.Leaves["$.Chapters[1].Title"].Value);
            Assert.Contains(observations, o => o.Leaves.TryGetValue("$.Chapters[1].Body", out var body) && body.State == FieldState.Streaming);
        }

        [Fact]
        public void A_withheld_object_publishes_nothing_and_appears_once_its_gate_completes()
        {
            var parser = Anthology.StructuredOutput.CreateParser();
            Assert.True(parser.Append("{\"name\":\"Tales\","));
            int published = parser.PublishedCount;
            Assert.False(parser.Append("\"editor\":{\"name\":\"Ann"));
            Assert.False(parser.Append(" Lee"));
            Assert.Equal(published, parser.PublishedCount);
            Assert.Null(parser.Current!.Editor);
            Assert.Equal(FieldState.Missing, parser.Current.EditorState);

            Assert.True(parser.Append("\""));
            Assert.Equal("Ann Lee", parser.Current!.Editor!.Name);
            Assert.Equal(FieldState.Streaming, parser.Current.EditorState);

            // From then on it streams as usual.
            Assert.True(parser.Append(",\"note\":\"Pick"));
            Assert.Equal("Pick", parser.Current!.Editor!.Note);

            // A list element is not the growing tail until its title is complete.
            parser.Append("ed\"},\"chapters\":[{\"title\":\"On");
            Assert.Equal(0, parser.Current!.Chapters?.Count ?? 0);
            parser.Append("e\",\"body\":\"It");
            Assert.Equal("It", Assert.Single(parser.Current!.Chapters!).Body);
        }

        [Fact]
        public void A_gated_root_publishes_its_first_partial_only_when_the_gate_completes()
        {
            const string ticket = "{\"id\":\"T-42\",\"summary\":\"Broken build\"}";
            for (int at = 0; at <= ticket.Length; at++)
            {
                var parser = Ticket.StructuredOutput.CreateParser();
                bool published = parser.Append(ticket.Substring(0, at));
                Assert.Equal(at >= ticket.IndexOf(",", System.StringComparison.Ordinal), published);
                if (published) Assert.Equal("T-42", parser.Current!.Id);
                parser.Append(ticket.Substring(at));
                Assert.Equal(new Ticket("T-42", "Broken build"), parser.Complete());
            }
        }

        [Fact]
        public void A_null_gate_is_complete_and_opens_the_gate()
        {
            var parser = Markers.StructuredOutput.CreateParser();
            parser.Append("{\"items\":[{\"label\":null,\"text\":\"ab");
            var marker = Assert.Single(parser.Current!.Items!);
            Assert.Null(marker.Label);
            Assert.Equal(FieldState.Complete, marker.LabelState);
            Assert.Equal("ab", marker.Text);
        }

        [Fact]
        public void A_gated_variant_shows_the_discriminator_and_its_members_only_once_the_gate_completes()
        {
            const string page = "{\"blocks\":[{\"kind\":\"note\",\"heading\":\"Intro\",\"text\":\"Hello\"},{\"kind\":\"link\",\"url\":\"https://x.y\"}]}";
            var full = Page.StructuredOutput.Parse(page);
            for (int at = 0; at <= page.Length; at++)
            {
                var parser = Page.StructuredOutput.CreateParser();
                parser.Append(page.Substring(0, at));
                if (parser.Current?.Blocks is { Count: > 0 } blocks)
                {
                    var note = blocks[0].AsNoteBlock;
                    Assert.True(note is null || note.HeadingState == FieldState.Complete, "split at " + at + ": the note is shown before its heading is complete");
                    if (at >= page.IndexOf("\"text\"", System.StringComparison.Ordinal)) Assert.Equal("Intro", note!.Heading);
                }

                parser.Append(page.Substring(at));
                Assert.Equal(full.Blocks, parser.Complete().Blocks);
            }

            var partway = Page.StructuredOutput.CreateParser();
            partway.Append("{\"blocks\":[{\"kind\":\"note\",\"heading\":\"Int");
            var shell = Assert.Single(partway.Current!.Blocks!);
            Assert.Equal("note", shell.TypeDiscriminator);
            Assert.Null(shell.AsNoteBlock);
        }

        [Fact]
        public async Task The_element_stream_yields_each_chapter_whole_and_in_order()
        {
            using var client = new OneAnswerClient(Document);
            var chapters = new List<Chapter>();
            await foreach (var chapter in client.GenerateAnthologyStreamAsync("Tales?").ChaptersElementsAsync()) chapters.Add(chapter);
            Assert.Equal(Anthology.StructuredOutput.Parse(Document).Chapters, chapters);
        }

        /// <summary>Answers with the text one character per delta.</summary>
        private sealed class OneAnswerClient : ModelClient
        {
            private readonly string _text;

            public OneAnswerClient(string text)
                : base(new ScriptOptions())
            {
                _text = text;
            }

            protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                foreach (char c in _text)
                {
                    await Task.Yield();
                    yield return ChatStreamUpdate.ContentDelta(c.ToString());
                }

                yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "stop"));
            }

            private sealed class ScriptOptions : ModelClientOptions
            {
                public ScriptOptions()
                    : base(new System.Uri("scripted://local/"))
                {
                    Model = "scripted-1";
                }
            }
        }
    }
}
