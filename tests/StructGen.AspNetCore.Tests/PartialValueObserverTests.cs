using System;
using System.Collections.Generic;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using StructGen.Tests.EndToEnd;
using Xunit;

namespace StructGen.AspNetCore.Tests
{
    /// <summary>The runtime hook the patch stream is built on: what it reports, and what it leaves out.</summary>
    public class PartialValueObserverTests
    {
        [Fact]
        public void Reports_accepted_changes_in_order_and_skips_unknown_members()
        {
            var parser = Book.CreateStreamingParser();
            var log = new Log();
            parser.ValueObserver = log;
            foreach (var delta in new[] { "{\"ti", "tle\":\"Du", "ne\",\"extra\":{\"a\":[1,\"x\"]},", "\"genres\":[\"sf\"],\"published_year\":19", "65" })
            {
                parser.Append(delta);
            }

            Assert.Equal(
                new[]
                {
                    "object $", "string $.title", "chunk $.title Du", "chunk $.title ne", "end-string $.title",
                    "array $.genres", "string $.genres[0]", "chunk $.genres[0] sf", "end-string $.genres[0]", "end $.genres",
                },
                log.Entries);

            // A number is reported only once it is complete (here: when the object closes after it).
            parser.Append("}");
            Assert.Equal(new[] { "scalar $.published_year 1965", "end $" }, log.Entries.GetRange(10, 2));
        }

        [Fact]
        public void A_value_the_node_rejects_is_not_reported()
        {
            var parser = Book.CreateStreamingParser();
            var log = new Log();
            parser.ValueObserver = log;
            var ex = Assert.Throws<StructuredOutputException>(() => parser.Append("{\"published_year\":99999999999,"));
            Assert.Equal("$.published_year", ex.Path);
            Assert.Equal(new[] { "object $" }, log.Entries);
        }

        private sealed class Log : IPartialValueObserver
        {
            public List<string> Entries { get; } = new List<string>();

            public void ObjectStarted(PartialNode node) => Entries.Add("object " + node.Path);

            public void ArrayStarted(PartialNode node) => Entries.Add("array " + node.Path);

            public void StringStarted(PartialNode node) => Entries.Add("string " + node.Path);

            public void StringChunk(PartialNode node, ReadOnlySpan<char> chunk) => Entries.Add("chunk " + node.Path + " " + chunk.ToString());

            public void StringEnded(PartialNode node) => Entries.Add("end-string " + node.Path);

            public void ScalarCompleted(PartialNode node, ReadOnlySpan<char> json) => Entries.Add("scalar " + node.Path + " " + json.ToString());

            public void ContainerEnded(PartialNode node) => Entries.Add("end " + node.Path);
        }
    }
}
