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
    /// A list reuses the node subtree of an element that closed valid for the next element, and a long
    /// string grows by adding blocks (both to allocate less). Neither may show: every published partial
    /// keeps what it showed, errors name the right element, an observer sees one node per element.
    /// </summary>
    public sealed class NodeReuseTests
    {
        private const string Rest = ",\"set\":[],\"imm\":[],\"moods\":[],\"matrix\":[],\"holes\":[]}";

        [Fact]
        public void Kept_partials_never_change_while_later_elements_reuse_the_nodes()
        {
            var json = "{\"tags\":[\"x\",\"yy\",\"zzz\"],\"numbers\":[1,22,333],\"items\":[" +
                string.Join(",", Enumerable.Range(0, 6).Select(i => "{\"name\":\"item " + i + "\",\"count\":" + (i * 7) + "}")) + "]" + Rest;

            // Reading a string member caches it in the snapshot, so the partials of one parser are read
            // as they are published and those of a second, identical parser only at the end.
            var parser = Collections.StructuredOutput.CreateParser();
            var unread = Collections.StructuredOutput.CreateParser();
            var kept = new List<(CollectionsPartial Partial, string Shown)>();
            foreach (char c in json)
            {
                bool published = unread.Append(c.ToString());
                Assert.Equal(published, parser.Append(c.ToString()));
                if (published) kept.Add((unread.Current!, Describe(parser.Current!)));
            }

            var value = parser.Complete();
            Assert.Equal(value.Items, unread.Complete().Items);

            // Partials published while the later (reusing) elements were being written.
            Assert.True(kept.Count(k => k.Partial.Items is { CompletedCount: >= 2, HasIncompleteTail: true }) >= 20, "too few partials while items streamed");
            foreach (var (partial, shown) in kept) Assert.Equal(shown, Describe(partial));
            Assert.Equal(Enumerable.Range(0, 6).Select(i => new Item("item " + i, i * 7)), value.Items);
            Assert.Equal(new[] { "x", "yy", "zzz" }, value.Tags);
            Assert.Equal(new[] { 1, 22, 333 }, value.Numbers);
        }

        [Fact]
        public void A_wrong_value_in_a_reused_element_names_that_element()
        {
            var parser = Collections.StructuredOutput.CreateParser();
            const string Json = "{\"tags\":[],\"numbers\":[],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2},{\"name\":\"c\",\"count\":\"x\"}]" + Rest;
            var error = Assert.Throws<StructuredOutputException>(() =>
            {
                foreach (char c in Json) parser.Append(c.ToString());
            });
            Assert.Equal(StructuredOutputErrorKind.WrongType, error.Kind);
            Assert.Equal("$.items[2].count", error.Path);
        }

        [Fact]
        public void A_missing_member_after_reuse_names_that_element_at_Complete()
        {
            var parser = Collections.StructuredOutput.CreateParser();
            const string Json = "{\"tags\":[],\"numbers\":[],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2},{\"name\":\"c\"},{\"name\":\"d\",\"count\":4}]" + Rest;
            foreach (char c in Json) parser.Append(c.ToString());
            Assert.Equal(new[] { "a", "b", "c", "d" }, parser.Current!.Items!.Select(i => i.Name));
            var error = Assert.Throws<StructuredOutputException>(() => parser.Complete());
            Assert.Equal(StructuredOutputErrorKind.MissingMember, error.Kind);
            Assert.Equal("$.items[2].count", error.Path);
        }

        [Fact]
        public void An_observer_sees_a_distinct_node_for_every_element()
        {
            var parser = Collections.StructuredOutput.CreateParser();
            var observer = new StartedNodes();
            parser.ValueObserver = observer;
            const string Json = "{\"tags\":[\"a\",\"b\",\"c\"],\"numbers\":[],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2},{\"name\":\"c\",\"count\":3}]" + Rest;
            foreach (char c in Json) parser.Append(c.ToString());
            parser.Complete();
            Assert.Equal(new[] { "$.items[0]", "$.items[1]", "$.items[2]" }, observer.Objects.Select(n => n.Path).Skip(1));
            Assert.Equal(4, observer.Objects.Distinct().Count());
            Assert.Equal(3 + 3, observer.Strings.Distinct().Count());
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(5000)]
        public void A_long_string_is_a_true_prefix_in_every_kept_partial(int deltaLength)
        {
            var random = new Random(20261203);
            var sb = new StringBuilder();
            for (int i = 0; i < 20_000; i++) sb.Append((char)('a' + random.Next(26)));
            string tag = sb.ToString();
            string json = "{\"tags\":[\"" + tag + "\"],\"numbers\":[],\"items\":[]" + Rest;
            var parser = Collections.StructuredOutput.CreateParser();
            var kept = new List<(CollectionsPartial Partial, int Length)>();
            for (int at = 0; at < json.Length; at += deltaLength)
            {
                if (parser.Append(json.Substring(at, Math.Min(deltaLength, json.Length - at))) && parser.Current!.Tags is { Count: 1 } tags)
                {
                    kept.Add((parser.Current!, tags[0].Length));
                }
            }

            var value = parser.Complete();
            Assert.Equal(tag, value.Tags[0]);
            Assert.True(kept.Count >= 20_000 / deltaLength - 1, "kept " + kept.Count);
            foreach (var (partial, length) in kept)
            {
                string shown = partial.Tags![0];
                Assert.Equal(length, shown.Length);
                Assert.True(tag.StartsWith(shown, StringComparison.Ordinal), "not a prefix at length " + length);
            }
        }

        private static string Describe(CollectionsPartial p)
        {
            var sb = new StringBuilder();
            sb.Append(p.TagsState).Append(':');
            if (p.Tags is { } tags) sb.Append(string.Join("|", tags)).Append('/').Append(tags.CompletedCount);
            sb.Append(';').Append(p.NumbersState).Append(':');
            if (p.Numbers is { } numbers) sb.Append(string.Join("|", numbers)).Append('/').Append(numbers.CompletedCount);
            sb.Append(';').Append(p.ItemsState).Append(':');
            if (p.Items is { } items)
            {
                foreach (var item in items) sb.Append('{').Append(item.State).Append(',').Append(item.Name).Append(',').Append(item.NameState).Append(',').Append(item.Count).Append(',').Append(item.CountState).Append('}');
                sb.Append('/').Append(items.CompletedCount);
            }

            return sb.ToString();
        }

        private sealed class StartedNodes : IPartialValueObserver
        {
            public List<PartialNode> Objects { get; } = new List<PartialNode>();

            public List<PartialNode> Strings { get; } = new List<PartialNode>();

            public void ObjectStarted(PartialNode node) => Objects.Add(node);

            public void ArrayStarted(PartialNode node)
            {
            }

            public void StringStarted(PartialNode node) => Strings.Add(node);

            public void StringChunk(PartialNode node, ReadOnlySpan<char> chunk)
            {
            }

            public void StringEnded(PartialNode node)
            {
            }

            public void ScalarCompleted(PartialNode node, ReadOnlySpan<char> json)
            {
            }

            public void ContainerEnded(PartialNode node)
            {
            }
        }
    }
}
