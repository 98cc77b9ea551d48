using System.Text;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>Chunk fields outside the OpenAI shape that real providers send.</summary>
    public class ChunkReaderProviderExtensionTests
    {
        [Fact]
        public void Groq_usage_inside_x_groq_is_the_chunks_usage()
        {
            var chunk = Read("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_01\",\"usage\":{\"queue_time\":0.02,\"prompt_tokens\":18,\"prompt_time\":0.001,\"completion_tokens\":9,\"completion_time\":0.03,\"total_tokens\":27,\"total_time\":0.031}}}");
            Assert.Equal(18, chunk.Usage!.PromptTokens);
            Assert.Equal(9, chunk.Usage.CompletionTokens);
            Assert.Equal(27, chunk.Usage.TotalTokens);
        }

        [Fact]
        public void A_top_level_usage_wins_over_x_groq_whatever_the_order()
        {
            var chunk = Read("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3},\"x_groq\":{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":8,\"total_tokens\":15}}}");
            Assert.Equal(3, chunk.Usage!.TotalTokens);
            Assert.Null(Read("{\"choices\":[],\"x_groq\":{\"id\":\"req_01\"}}").Usage);
        }

        [Fact]
        public void Content_as_an_array_of_parts_splits_text_from_thinking()
        {
            var chunk = Read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Let me \"},{\"type\":\"text\",\"text\":\"see.\"}]},{\"type\":\"text\",\"text\":\"Olá!\"}]}}]}");
            var delta = chunk.Choices![0].Delta!;
            Assert.Equal("Olá!", delta.Content);
            Assert.Equal("Let me see.", delta.ReasoningContent);
        }

        [Theory]
        [InlineData("{\"text\":\"thinking\"}", "thinking")]
        [InlineData("{\"content\":\"thinking\",\"tokens\":3}", "thinking")]
        [InlineData("{\"effort\":\"high\"}", null)]
        [InlineData("[\"a\",\"b\"]", null)]
        [InlineData("42", null)]
        public void Reasoning_in_an_unexpected_shape_gives_its_text_or_nothing_and_never_fails_the_chunk(string reasoning, string? expected)
        {
            var chunk = Read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":" + reasoning + ",\"content\":\"ok\"}}]}");
            Assert.Equal(expected, chunk.Choices![0].Delta!.Reasoning);
            Assert.Equal("ok", chunk.Choices[0].Delta!.Content);
        }

        [Fact]
        public void An_empty_reasoning_details_array_is_nothing_and_the_rest_of_the_chunk_still_reads()
        {
            var chunk = Read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_details\":[],\"content\":\"hi\"}}],\"usage\":null}");
            Assert.Null(chunk.Choices![0].Delta!.ReasoningDetails);
            Assert.Equal("hi", chunk.Choices[0].Delta!.Content);
            Assert.Equal("[{\"type\":\"reasoning.text\"}]", Read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_details\":[{\"type\":\"reasoning.text\"}]}}]}").Choices![0].Delta!.ReasoningDetails);
        }

        [Fact]
        public void A_numeric_tool_call_id_is_kept_as_its_text()
        {
            var chunk = Read("{\"id\":7,\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":12,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
            Assert.Equal("7", chunk.Id);
            Assert.Equal("12", chunk.Choices![0].Delta!.ToolCalls![0].Id);
        }

        [Fact]
        public void Content_of_another_kind_is_a_clear_error()
        {
            var ex = Assert.Throws<System.Text.Json.JsonException>(() => Read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}"));
            Assert.Contains("content", ex.Message);
        }

        [Fact]
        public async System.Threading.Tasks.Task Usage_repeated_with_the_same_counts_is_reported_once_and_a_change_again()
        {
            const string Usage = "\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":9,\"total_tokens\":27}";
            var body = Support.StubSseHandler.Events(new[]
            {
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Olá\"},\"finish_reason\":\"stop\"}]," + Usage + ",\"x_groq\":{\"id\":\"req_1\"," + Usage + "}}",
                "{\"choices\":[]," + Usage + "}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":10,\"total_tokens\":28}}",
            });
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new System.Net.Http.HttpClient(new Support.StubSseHandler(body)));
            var stream = client.StreamAsync(new[] { ModelMessage.User("hi") });
            var totals = new System.Collections.Generic.List<int>();
            await foreach (var update in stream)
            {
                if (update.Kind == ChatStreamUpdateKind.Usage) totals.Add(update.Usage!.TotalTokens);
            }

            Assert.Equal(new[] { 27, 28 }, totals);
            Assert.Equal(28, stream.State.Usage!.TotalTokens);
        }

        private static ChunkDto Read(string json) => new ChunkReader().Read(Encoding.UTF8.GetBytes(json), needIdentity: true)!;
    }
}
