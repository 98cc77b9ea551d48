using System.Collections.Generic;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    // Members named like what the generator adds to a partial type: Name + NameState, State, Node.
    [StructuredOutput]
    public partial record Tangle(string Name, int NameState, string State, TangleNode Node, IReadOnlyList<string> Tags);

    public record TangleNode(string Snapshot, int Version, string NodeState);

    public class CollidingMemberNamesTests
    {
        [Fact]
        public void Members_named_like_generated_ones_get_their_own_state_and_stream_correctly()
        {
            const string Json = "{\"name\":\"knot\",\"name_state\":3,\"state\":\"tied\",\"node\":{\"snapshot\":\"s1\",\"version\":2,\"node_state\":\"ok\"},\"tags\":[\"a\",\"b\"]}";
            var parser = Tangle.CreateStreamingParser();
            var seen = new List<TanglePartial>();
            foreach (char c in Json)
            {
                if (parser.Append(c.ToString())) seen.Add(parser.Current!);
            }

            var value = parser.Complete();
            Assert.Equal(("knot", 3, "tied", 2, "ok"), (value.Name, value.NameState, value.State, value.Node.Version, value.Node.NodeState));
            var last = parser.Current!;
            Assert.Equal(3, last.NameState);
            Assert.Equal(FieldState.Complete, last.NameFieldState);
            Assert.Equal(FieldState.Complete, last.NameStateState);
            Assert.Equal("tied", last.State);
            Assert.Equal(FieldState.Complete, last.StateState);
            Assert.Equal(FieldState.Complete, last.ObjectState);
            Assert.Equal("s1", last.Node!.Snapshot);
            Assert.Equal(FieldState.Complete, last.Node.NodeStateState);
            Assert.Equal(FieldState.Complete, last.NodeState);
            Assert.Contains(seen, p => p.Name == "kn" && p.NameFieldState == FieldState.Streaming);
        }
    }
}
