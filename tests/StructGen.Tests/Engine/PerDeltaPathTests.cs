using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.Corpus;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>
    /// The per-delta path of round three: string values and the parser's raw text live in append-only
    /// blocks (<see cref="BlockText"/>), a snapshot's text holds its blocks or, once read, its string in
    /// one field, and surrogate handling is out of line. None of it may show: the snapshots after a
    /// delta depend only on the text so far, whatever the split, and kept snapshots never change.
    /// </summary>
    public sealed class PerDeltaPathTests
    {
        // Plain text long enough to cross the first blocks (16, 16, 32, ... 4,096 characters), then every
        // kind of escape, an escaped and a raw surrogate pair, and plain text again.
        private static readonly string Label = Plain(5_000, seed: 1) + "\\n\\\"q\\\" \\u00e9t\\u00e9 \\ud83d\\ude00 \U0001F600 tab\\tbed path\\/to \\\\" + Plain(300, seed: 2);

        private static readonly string Json = "{\"label\":\"" + Label + "\",\"children\":[],\"next\":null}";

        private static readonly string Decoded = Plain(5_000, seed: 1) + "\n\"q\" été \U0001F600 \U0001F600 tab\tbed path/to \\" + Plain(300, seed: 2);

        [Fact]
        public void Escapes_after_a_long_unescaped_run_give_the_same_snapshots_at_every_split_point()
        {
            // Reference: one character per delta; what the latest partial shows after each character.
            var reference = Tree.StructuredOutput.CreateParser();
            var shownAfter = new string?[Json.Length];
            for (int i = 0; i < Json.Length; i++)
            {
                reference.Append(Json[i].ToString());
                shownAfter[i] = Describe(reference.Current);
            }

            Assert.Equal(Decoded, reference.Complete().Label);

            for (int split = 1; split < Json.Length; split++)
            {
                var parser = Tree.StructuredOutput.CreateParser();
                parser.Append(Json.Substring(0, split));
                Assert.Equal(shownAfter[split - 1], Describe(parser.Current));
                parser.Append(Json.Substring(split));
                Assert.Equal(shownAfter[Json.Length - 1], Describe(parser.Current));
                Assert.Equal(Decoded, parser.Complete().Label);
                Assert.Equal(Json, parser.Text);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(8)]
        [InlineData(4_097)]
        public void Kept_snapshots_read_late_show_what_they_showed_when_published(int deltaLength)
        {
            // One parser's partials are read as they are published, an identical parser's only at the
            // end, after the blocks behind them went on filling and new ones were added.
            var readNow = Tree.StructuredOutput.CreateParser();
            var readLate = Tree.StructuredOutput.CreateParser();
            var kept = new List<(TreePartial Partial, string? Shown)>();
            for (int at = 0; at < Json.Length; at += deltaLength)
            {
                string delta = Json.Substring(at, Math.Min(deltaLength, Json.Length - at));
                bool published = readLate.Append(delta);
                Assert.Equal(published, readNow.Append(delta));
                if (published) kept.Add((readLate.Current!, Describe(readNow.Current)));
            }

            Assert.Equal(Decoded, readLate.Complete().Label);
            Assert.True(kept.Count >= Math.Min(Json.Length / deltaLength, 100), "kept " + kept.Count);
            foreach (var (partial, shown) in kept)
            {
                Assert.Equal(shown, Describe(partial));
                Assert.StartsWith(partial.Label ?? string.Empty, Decoded, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void The_raw_text_is_exact_as_it_grows_across_blocks()
        {
            // Deltas of every size class: single characters, block-sized, and one that spans several blocks.
            string label = Plain(30_000, seed: 3);
            string json = "{\"label\":\"" + label + "\",\"children\":[],\"next\":null}";
            int[] sizes = { 1, 15, 16, 17, 4_096, 1, 12_000, 7, 4_095 };
            var parser = Tree.StructuredOutput.CreateParser();
            int at = 0;
            for (int k = 0; at < json.Length; k++)
            {
                int length = Math.Min(sizes[k % sizes.Length], json.Length - at);
                parser.Append(json.Substring(at, length));
                at += length;
                Assert.Equal(json.Substring(0, at), parser.Text);
                Assert.Equal(label.Substring(0, Math.Min(label.Length, Math.Max(0, at - 10))), parser.Current?.Label ?? string.Empty);
            }

            Assert.Equal(label, parser.Complete().Label);
        }

        [Fact]
        public void A_failure_after_a_long_text_carries_the_whole_raw_text()
        {
            string text = "{\"label\":\"" + Plain(9_000, seed: 4) + "\",\"children\":[],\"next\":x}";
            var parser = Tree.StructuredOutput.CreateParser();
            var error = Assert.Throws<StructuredOutputException>(() =>
            {
                for (int at = 0; at < text.Length; at += 5) parser.Append(text.Substring(at, Math.Min(5, text.Length - at)));
            });
            Assert.Equal(StructuredOutputErrorKind.InvalidJson, error.Kind);
            Assert.StartsWith(text.Substring(0, text.Length - 5), error.RawText, StringComparison.Ordinal);
            Assert.Equal(parser.Text, error.RawText);
        }

        [Theory]
        [InlineData(10)]
        [InlineData(10_000)]
        public void A_snapshot_text_creates_its_string_once_and_its_span_agrees(int length)
        {
            string label = Plain(length, seed: 5);
            var node = new StringNode(null, null, -1, allowNull: false);
            node.StringStart();
            for (int at = 0; at < label.Length; at += 7) node.StringChunk(label.AsSpan(at, Math.Min(7, label.Length - at)));
            LazyText text = node.Snapshot()!;
            Assert.Equal(label.Length, text.Length);
            Assert.Equal(label, text.Span.ToString());
            string first = text.Value;
            Assert.Equal(label, first);
            Assert.Same(first, text.Value);
            Assert.Equal(label, text.Span.ToString());
            Assert.Equal(label, text.ToString());

            // More text arrives: the kept snapshot still shows its own length.
            node.StringChunk(Plain(100, seed: 6).AsSpan());
            Assert.Same(first, text.Value);
            Assert.Equal(label.Length + 100, node.Snapshot()!.Length);
        }

        [Fact]
        public void A_complete_string_snapshot_holds_the_final_string_itself()
        {
            // A closed element's snapshot shares the value's string instead of keeping its blocks alive.
            const string Text = "{\"label\":\"root\",\"children\":[{\"label\":\"first child\",\"children\":[],\"next\":null},{\"label\":\"se\\u00e7ond\",\"children\":[],\"next\":null}],\"next\":null}";
            var parser = Tree.StructuredOutput.CreateParser();
            var seen = new List<string?>();
            for (int at = 0; at < Text.Length; at += 3)
            {
                if (parser.Append(Text.Substring(at, Math.Min(3, Text.Length - at))) && parser.Current!.Children is { Count: > 0 } children) seen.Add(children[0].Label);
            }

            var value = parser.Complete();
            var last = parser.Current!;
            Assert.Equal(new[] { "first child", "se\u00e7ond" }, last.Children!.Select(c => c.Label));
            Assert.Same(value.Children[0].Label, last.Children![0].Label);
            Assert.Same(value.Children[1].Label, last.Children![1].Label);
            Assert.Same(value.Label, last.Label);
            Assert.Contains("first c", seen);
            Assert.Contains("first child", seen);
            Assert.All(seen, s => Assert.StartsWith(s ?? string.Empty, "first child", StringComparison.Ordinal));
        }

        private static string? Describe(TreePartial? p) =>
            p is null ? null : p.State + "|" + p.LabelState + "|" + p.Label + "|" + p.ChildrenState + "|" + p.Children?.Count + "|" + p.NextState;

        private static string Plain(int length, int seed)
        {
            var random = new Random(seed);
            var sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) sb.Append(i % 7 == 6 ? ' ' : (char)('a' + random.Next(26)));
            return sb.ToString();
        }
    }
}
