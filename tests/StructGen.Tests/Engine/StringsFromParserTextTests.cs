using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>
    /// String values are read from the parser's own text (the message content, kept anyway) instead
    /// of a second copy: every snapshot still shows exactly the characters surfaced so far, escapes
    /// decoded, whatever surrounds the document and wherever the deltas split it.
    /// </summary>
    public class StringsFromParserTextTests
    {
        // Escapes of every kind, an escaped and a raw surrogate pair, non-ASCII, an escape at the very start and end.
        private const string Title = "\\\"Caf\\u00e9\\\" \\ud83d\\ude00 😀 line\\none\\ttab \\\\ back\\/slash \\b\\f\\r 日本 end\\n";
        private const string Name = "J.R.R. Tolkien";
        private static readonly string Json =
            "{\"title\":\"" + Title + "\",\"author\":{\"name\":\"" + Name + "\",\"nationality\":\"\\u0042ritish\"},\"genres\":[\"fan\\u0074asy\",\"\",\"adventure\"],\"published_year\":1954}";

        public static IEnumerable<object[]> Surroundings => new[]
        {
            new object[] { string.Empty, string.Empty },
            new object[] { "  \n", "\n" },
            new object[] { "```json\n", "\n```" },
            new object[] { "<think>{\"not\": \"this\"}</think>\n", string.Empty },
        };

        [Theory]
        [MemberData(nameof(Surroundings))]
        public void Every_split_gives_each_snapshot_exactly_the_text_surfaced_so_far(string before, string after)
        {
            string text = before + Json + after;
            var expected = JsonSerializer.Deserialize<JsonElement>(Json);
            string title = expected.GetProperty("title").GetString()!;
            for (int i = 0; i <= text.Length; i++) Check(Splits.At(text, i), title, "split " + i);
            Check(Splits.PerCharacter(text), title, "per character");
            for (int seed = 0; seed < 200; seed++) Check(Splits.Random(text, seed, maxPiece: 1 + (seed % 7)), title, "seed " + seed);
        }

        [Fact]
        public void A_snapshot_kept_while_the_text_grows_past_many_blocks_still_reads_its_own_prefix()
        {
            // 40,000 characters: the parser's text spans blocks of up to 4,096, and escapes move the value off the text's positions.
            var body = new StringBuilder();
            for (int i = 0; body.Length < 40_000; i++) body.Append(i % 5 == 0 ? "\\n" : i % 7 == 0 ? "\\u00e9" : "word ");
            string json = "{\"title\":\"" + body + "\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[],\"published_year\":1}";
            string title = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("title").GetString()!;

            var parser = Book.StructuredOutput.CreateParser();
            var kept = new List<(BookPartial Partial, int Length)>();
            for (int at = 0; at < json.Length; at += 37)
            {
                if (!parser.Append(json.AsSpan(at, Math.Min(37, json.Length - at)))) continue;
                if (kept.Count == 0 || parser.Current!.Title?.Length > kept[^1].Length + 3_000) kept.Add((parser.Current!, parser.Current!.Title?.Length ?? 0));
            }

            Assert.Equal(title, parser.Complete().Title);
            Assert.True(kept.Count > 10, "snapshots along the way: " + kept.Count);
            foreach (var (partial, length) in kept) Assert.Equal(title.Substring(0, length), partial.Title ?? string.Empty);
        }

        [Fact]
        public async System.Threading.Tasks.Task Partials_read_on_another_thread_while_the_parser_appends_show_their_own_prefix()
        {
            // The parser's text grows its table of blocks while a reader on another thread decodes partials published
            // before: each must read exactly its prefix (escapes included), never a torn or missing block.
            var body = new StringBuilder();
            for (int i = 0; body.Length < 150_000; i++) body.Append(i % 5 == 0 ? "\\u00e9\\n" : "lorem ipsum ");
            string json = "{\"title\":\"" + body + "\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[],\"published_year\":1}";
            string title = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("title").GetString()!;

            var published = new System.Collections.Concurrent.BlockingCollection<BookPartial>(boundedCapacity: 64);
            var reader = System.Threading.Tasks.Task.Run(() =>
            {
                int read = 0;
                foreach (var partial in published.GetConsumingEnumerable())
                {
                    string seen = partial.Title ?? string.Empty;
                    Assert.True(title.StartsWith(seen, StringComparison.Ordinal), "a partial's title is not a prefix of the final title (length " + seen.Length + ")");
                    read++;
                }

                return read;
            });

            var parser = Book.StructuredOutput.CreateParser();
            for (int at = 0; at < json.Length; at += 97)
            {
                if (parser.Append(json.AsSpan(at, Math.Min(97, json.Length - at)))) published.TryAdd(parser.Current!);
            }

            published.CompleteAdding();
            Assert.Equal(title, parser.Complete().Title);
            int read = await reader;
            Assert.True(read > 10, "partials read: " + read);
        }

        [Theory]
        [InlineData("plain text only, no escapes at all")]
        [InlineData("caf\\u00e9 \\n\\\"q\\\"")]
        public void A_snapshot_span_agrees_with_its_value(string content)
        {
            var parser = Book.StructuredOutput.CreateParser();
            parser.Append("{\"title\":\"" + content);
            var node = TitleNode(parser.Root);
            LazyText snapshot = node.Snapshot()!;
            string decoded = JsonSerializer.Deserialize<string>("\"" + content + "\"")!;
            Assert.Equal(decoded.Length, snapshot.Length);
            Assert.Equal(decoded, snapshot.Span.ToString());
            Assert.Equal(decoded, snapshot.Value);
            Assert.Same(snapshot.Value, snapshot.Value);
            Assert.Equal(decoded, node.Text.ToString());
        }

        [Fact]
        public void A_chunk_without_a_place_in_the_text_moves_the_value_to_blocks_of_its_own()
        {
            // One parser never does this; a node must still not lose or repeat characters if it happens.
            var text = new ParserText();
            text.Append("{\"s\":\"ab\\ncd".AsSpan());
            var node = new StringNode(null, null, -1, allowNull: false);
            node.StringStartAt(text, contentStart: 6);
            node.StringChunkAt("ab".AsSpan(), sourceEnd: 8);
            node.StringChunkAt("\n".AsSpan(), sourceEnd: 10);
            LazyText before = node.Snapshot()!;
            node.StringChunk("cd".AsSpan());
            node.StringChunkAt("ef".AsSpan(), sourceEnd: 99); // after the move, positions are ignored
            node.StringEnd();
            Assert.Equal("ab\n", before.Value);
            Assert.Equal("ab\ncdef", node.GetValue());
        }

        [Fact]
        public void Streamed_strings_keep_their_characters_once_not_twice()
        {
            // 200,000 characters of string content with an escape every ~30: the parser's text (2 B a
            // character) and the final string (2 B) are needed; a second copy of the value while it
            // streams (2 B more) is what this design removes. Bound: 5 B a character, with headroom for
            // the partials published (one per 1,000-character delta) and the block slack.
            var body = new StringBuilder();
            for (int i = 0; body.Length < 200_000; i++) body.Append(i % 6 == 0 ? "\\n" : "lorem ipsum ");
            string json = "{\"title\":\"" + body + "\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[],\"published_year\":1}";
            var deltas = Enumerable.Range(0, (json.Length + 999) / 1000).Select(i => json.Substring(i * 1000, Math.Min(1000, json.Length - (i * 1000)))).ToArray();

            Run(deltas); // warm-up: JIT and type loading are not the parser's allocations
            long before = GC.GetAllocatedBytesForCurrentThread();
            var book = Run(deltas);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(JsonSerializer.Deserialize<JsonElement>(json).GetProperty("title").GetString(), book.Title);
            double perCharacter = (double)allocated / json.Length;
            Assert.True(perCharacter < 5.0, $"allocated {allocated:N0} B for {json.Length:N0} characters ({perCharacter:0.00} B each; a second copy of the value would make it ~6)");
        }

        [Fact]
        public void A_view_marks_the_value_published_and_a_later_snapshot_is_fresh()
        {
            // A string member of an object is published inline (View); the same node's Snapshot must not return
            // one from before the view, and changes after the view must mark the node again.
            var node = new StringNode(null, null, -1, allowNull: false);
            node.StringStart();
            node.StringChunk("ab".AsSpan());
            Assert.True(node.HasChanges);
            var first = node.View();
            Assert.False(node.HasChanges);
            Assert.Equal("ab", first.Read());
            Assert.Equal("ab", node.Snapshot()!.Value);

            node.StringChunk("cd".AsSpan());
            Assert.True(node.HasChanges);
            var second = node.View();
            Assert.Equal("abcd", node.Snapshot()!.Value);
            Assert.Equal("abcd", node.Snapshot()!.Value);
            Assert.Equal("abcd", second.Read());
            Assert.Equal("ab", first.Read());

            node.StringEnd();
            var done = node.View();
            Assert.Equal("abcd", done.Read());
            Assert.Same(done.Read(), node.GetValue());
            Assert.Null(default(TextView).Read());
        }

        [Fact]
        public void A_partial_holds_its_streaming_string_members_inline()
        {
            // The marginal cost of a partial while a title streams in 10-character deltas (2,000 partials against
            // 1,000, so the parser's setup cancels): the partial object only, its string member a TextView in a
            // field. The extra 10,000 characters cost 2 B each in the parser's text and 2 B in the final string
            // (block slack: at most one 4,096-character block, ~8 B a partial here). A LazyText object per
            // partial would add 32 B.
            long small = Allocated(1_000, out int smallPartials);
            long large = Allocated(2_000, out int largePartials);
            double perPartial = (large - small - (4.0 * 10_000)) / (largePartials - smallPartials);
            Assert.Equal(1_000, largePartials - smallPartials);
            Assert.True(perPartial < 80, $"{perPartial:0.0} B per extra partial besides its text");

            static long Allocated(int count, out int published)
            {
                string title = new string('t', count * 10);
                string json = "{\"title\":\"" + title + "\",\"author\":{\"name\":\"N\",\"nationality\":\"X\"},\"genres\":[],\"published_year\":1}";
                int head = json.IndexOf(title, StringComparison.Ordinal);
                string[] deltas = new[] { json.Substring(0, head) }
                    .Concat(Enumerable.Range(0, count).Select(i => title.Substring(i * 10, 10)))
                    .Append(json.Substring(head + title.Length)).ToArray();
                Run(deltas); // warm-up: JIT and type loading are not the parser's allocations
                long before = GC.GetAllocatedBytesForCurrentThread();
                var parser = Book.StructuredOutput.CreateParser();
                published = 0;
                foreach (var delta in deltas)
                {
                    if (parser.Append(delta)) published++;
                }

                Assert.Equal(title, parser.Complete().Title);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        private static StringNode TitleNode(PartialNode root)
        {
            for (var child = root.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is StringNode node && node.Path == "$.title") return node;
            }

            throw new InvalidOperationException("The book's root node has no $.title string node.");
        }

        private static Book Run(string[] deltas)
        {
            var parser = Book.StructuredOutput.CreateParser();
            foreach (var delta in deltas) parser.Append(delta);
            return parser.Complete();
        }

        private static void Check(IEnumerable<string> deltas, string title, string context)
        {
            // Every other snapshot is read when published (its strings are created then); the rest are read
            // only after the whole text arrived, so they must still show their own prefix, not the text since.
            var parser = Book.StructuredOutput.CreateParser();
            var published = new List<BookPartial>();
            var readEarly = new Dictionary<int, (string? Title, string? Name, string[]? Genres)>();
            foreach (var delta in deltas)
            {
                if (!parser.Append(delta)) continue;
                var p = parser.Current!;
                if (published.Count % 2 == 1) readEarly[published.Count] = Read(p);
                published.Add(p);
            }

            var book = parser.Complete();
            Assert.Equal(title, book.Title);
            Assert.Equal(Name, book.Author.Name);
            Assert.Equal("British", book.Author.Nationality);
            Assert.Equal(new[] { "fantasy", string.Empty, "adventure" }, book.Genres);

            int previousLength = 0;
            for (int i = 0; i < published.Count; i++)
            {
                var (t, name, genres) = Read(published[i]);
                if (readEarly.TryGetValue(i, out var early))
                {
                    Assert.Equal(early.Title, t);
                    Assert.Equal(early.Name, name);
                    Assert.Equal(early.Genres, genres);
                }

                if (t is null) continue;
                Assert.True(title.StartsWith(t, StringComparison.Ordinal), $"{context}: snapshot {i}'s title '{t}' is not a prefix of the value");
                Assert.False(t.Length > 0 && char.IsHighSurrogate(t[^1]), $"{context}: snapshot {i}'s title ends in half a surrogate pair");
                Assert.True(t.Length >= previousLength, $"{context}: snapshot {i}'s title is shorter than the one before");
                previousLength = t.Length;
                if (name is not null) Assert.StartsWith(name, Name, StringComparison.Ordinal);
            }
        }

        private static (string? Title, string? Name, string[]? Genres) Read(BookPartial p) =>
            (p.Title, p.Author?.Name, p.Genres?.Select(g => g ?? "<null>").ToArray());
    }
}
