using StructGen.Streaming;
using StructGen.Tests.Corpus;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>
    /// A list keeps only the snapshot and the final value of each closed element (its node subtree is
    /// released for performance); what callers see must not change: values, snapshots, and the moment
    /// and path of a validation error.
    /// </summary>
    public sealed class ListElementRetentionTests
    {
        [Fact]
        public void An_invalid_element_still_fails_at_Complete_with_its_path()
        {
            var parser = Collections.StructuredOutput.CreateParser();
            const string Json = "{\"tags\":[],\"numbers\":[],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\"},{\"name\":\"c\",\"count\":3}],\"set\":[],\"imm\":[],\"moods\":[],\"matrix\":[],\"holes\":[]}";
            foreach (char c in Json) parser.Append(c.ToString());
            var partial = parser.Current!;
            Assert.Equal(3, partial.Items!.Count);
            Assert.Equal("b", partial.Items[1].Name);
            var error = Assert.Throws<StructuredOutputException>(() => parser.Complete());
            Assert.Equal(StructuredOutputErrorKind.MissingMember, error.Kind);
            Assert.Equal("$.items[1].count", error.Path);
        }

        [Fact]
        public void Closed_elements_keep_their_snapshots_and_values()
        {
            var parser = Collections.StructuredOutput.CreateParser();
            const string Json = "{\"tags\":[\"x\",\"y\"],\"numbers\":[1,2],\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}],\"set\":[\"s\"],\"imm\":[4],\"moods\":[\"happy\"],\"matrix\":[[1],[2,3]],\"holes\":[null,\"h\"]}";
            CollectionsPartial? afterFirstItem = null;
            foreach (char c in Json)
            {
                parser.Append(c.ToString());
                if (afterFirstItem is null && parser.Current?.Items is { CompletedCount: 1 }) afterFirstItem = parser.Current;
            }

            var value = parser.Complete();
            Assert.Equal(new[] { new Item("a", 1), new Item("b", 2) }, value.Items);
            Assert.Equal(new[] { 2, 3 }, value.Matrix[1]);
            Assert.Equal(new string?[] { null, "h" }, value.Holes);
            Assert.Equal("a", afterFirstItem!.Items![0].Name);
            Assert.Same(afterFirstItem.Items[0], parser.Current!.Items![0]);
        }
    }
}
