using System.Collections.Generic;
using System.Linq;
using System.Text;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Engine
{
    public class ThinkTagSplitterTests
    {
        private const string Text = "<think>\nThe user wants JSON. </th is not a tag.\n</think>\n\n{\"a\":1}";

        [Fact]
        public void Every_split_of_a_leading_think_block_gives_the_same_reasoning_and_content()
        {
            for (int first = 0; first <= Text.Length; first++)
            {
                for (int second = first; second <= Text.Length; second += 3)
                {
                    var (content, reasoning) = Run(Text.Substring(0, first), Text.Substring(first, second - first), Text.Substring(second));
                    Assert.Equal("\nThe user wants JSON. </th is not a tag.\n", reasoning);
                    Assert.Equal("{\"a\":1}", content);
                }
            }
        }

        [Theory]
        [InlineData("\n \n<think>r</think> {\"a\":1}", "{\"a\":1}", "r")]
        [InlineData(" \t x <think>y</think>", " \t x <think>y</think>", "")]
        [InlineData("  \n ", "  \n ", "")]
        public void Leading_whitespace_over_several_deltas_is_kept_or_dropped_as_one_delta_would(string text, string expectedContent, string expectedReasoning)
        {
            // The whitespace buffer now exists only while whitespace waits for the decision: every three-way split.
            for (int first = 0; first <= text.Length; first++)
            {
                for (int second = first; second <= text.Length; second++)
                {
                    var (content, reasoning) = Run(text.Substring(0, first), text.Substring(first, second - first), text.Substring(second));
                    Assert.Equal(expectedContent, content);
                    Assert.Equal(expectedReasoning, reasoning);
                }
            }
        }

        [Theory]
        [InlineData("Hello <think>not a block</think>")]
        [InlineData("  \n<thinking about it> is plain text")]
        [InlineData("<th")]
        [InlineData("<")]
        [InlineData("   ")]
        public void Content_that_does_not_open_with_a_think_tag_passes_through_whole(string text)
        {
            for (int cut = 0; cut <= text.Length; cut++)
            {
                var (content, reasoning) = Run(text.Substring(0, cut), text.Substring(cut));
                Assert.Equal(text, content);
                Assert.Equal(string.Empty, reasoning);
            }
        }

        [Fact]
        public void An_unclosed_think_block_is_all_reasoning_including_a_held_back_tail()
        {
            var (content, reasoning) = Run("<think>still thinking </thi");
            Assert.Equal(string.Empty, content);
            Assert.Equal("still thinking </thi", reasoning);
        }

        [Fact]
        public void Content_after_the_block_is_not_delayed_once_the_block_closed()
        {
            var splitter = new ThinkTagSplitter();
            splitter.Split("<think>x</think>", out var c1, out var r1);
            Assert.Null(c1);
            Assert.Equal("x", r1);
            splitter.Split("\n", out var c2, out _);
            Assert.Null(c2);
            splitter.Split("{", out var c3, out _);
            Assert.Equal("{", c3);
            splitter.Split("<think>", out var c4, out var r4);
            Assert.Equal("<think>", c4);
            Assert.Null(r4);
            Assert.True(splitter.SawThinkBlock);
        }

        [Fact]
        public void The_stream_surfaces_a_think_block_as_reasoning_events_and_keeps_it_out_of_the_content()
        {
            var chunks = new[] { "<thi", "nk>plan", " it</th", "ink>\n\nHi", "!" }
                .Select(c => "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + System.Text.Json.JsonSerializer.Serialize(c) + "}}]}")
                .Append("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            var updates = Stream(StubSseHandler.Events(chunks), thinkTags: true, out var state);
            Assert.Equal("Hi!", state.Content);
            Assert.Equal("plan it", state.Reasoning);
            Assert.Equal("plan it", string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text)));
            Assert.Equal("Hi!", string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text)));

            Stream(StubSseHandler.Events(chunks), thinkTags: false, out var untouched);
            Assert.Equal("<think>plan it</think>\n\nHi!", untouched.Content);
            Assert.Equal(string.Empty, untouched.Reasoning);
        }

        private static List<ChatStreamUpdate> Stream(string body, bool thinkTags, out ChatStreamState state)
        {
            var options = new ChatCompletionsClientOptions { Model = "m", ThinkTagsAsReasoning = thinkTags };
            using var client = new ChatCompletionsClient(options, new System.Net.Http.HttpClient(new StubSseHandler(body)));
            var stream = client.StreamAsync(new[] { ModelMessage.User("hi") });
            var updates = new List<ChatStreamUpdate>();
            var enumerator = stream.GetAsyncEnumerator();
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) updates.Add(enumerator.Current);
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            state = stream.State;
            return updates;
        }

        private static (string Content, string Reasoning) Run(params string[] deltas)
        {
            var splitter = new ThinkTagSplitter();
            var content = new StringBuilder();
            var reasoning = new StringBuilder();
            foreach (var delta in deltas)
            {
                if (delta.Length == 0) continue;
                splitter.Split(delta, out var c, out var r);
                content.Append(c);
                reasoning.Append(r);
            }

            splitter.Flush(out var fc, out var fr);
            content.Append(fc);
            reasoning.Append(fr);
            return (content.ToString(), reasoning.ToString());
        }
    }
}
