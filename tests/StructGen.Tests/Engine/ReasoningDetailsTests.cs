using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Engine
{
    /// <summary>OpenRouter's <c>reasoning_details</c>: merged while streaming, sent back when the model needs them.</summary>
    public class ReasoningDetailsTests
    {
        // The shapes of the recorded OpenRouter sessions: Gemini streams text pieces then an encrypted
        // thought signature tied to the tool call; Anthropic sends an empty signature first and the real one last.
        private static readonly string[] Gemini =
        {
            "[{\"type\":\"reasoning.text\",\"text\":\"**Assessing** \",\"format\":\"google-gemini-v1\",\"index\":0}]",
            "[{\"type\":\"reasoning.text\",\"text\":\"the weather\",\"format\":\"google-gemini-v1\",\"index\":0}]",
            "[{\"type\":\"reasoning.encrypted\",\"data\":\"CiUBjz1r\",\"format\":\"google-gemini-v1\",\"id\":\"tool_weather_1\",\"index\":0}]",
        };

        private static readonly string[] Claude =
        {
            "[{\"type\":\"reasoning.text\",\"text\":\"\",\"signature\":\"\",\"format\":\"anthropic-claude-v1\",\"index\":0}]",
            "[{\"type\":\"reasoning.text\",\"text\":\"The user asks\",\"format\":\"anthropic-claude-v1\",\"index\":0}]",
            "[{\"type\":\"reasoning.text\",\"text\":\" for weather.\",\"format\":\"anthropic-claude-v1\",\"index\":0}]",
            "[{\"type\":\"reasoning.text\",\"signature\":\"EqcDCkgI\",\"format\":\"anthropic-claude-v1\",\"index\":0}]",
        };

        [Fact]
        public void Pieces_of_one_entry_are_joined_and_entries_of_another_type_stay_apart()
        {
            var details = new ReasoningDetails();
            foreach (var delta in Gemini) details.Add(delta);

            AssertJson(
                "[{\"type\":\"reasoning.text\",\"text\":\"**Assessing** the weather\",\"format\":\"google-gemini-v1\",\"index\":0}," +
                "{\"type\":\"reasoning.encrypted\",\"data\":\"CiUBjz1r\",\"format\":\"google-gemini-v1\",\"id\":\"tool_weather_1\",\"index\":0}]",
                details.ToJson());
            Assert.True(details.HasFormat("google-gemini"));
        }

        [Fact]
        public void Encrypted_signatures_of_parallel_calls_stay_apart_by_call_id()
        {
            var details = new ReasoningDetails();
            details.Add("[{\"type\":\"reasoning.encrypted\",\"data\":\"AAA\",\"format\":\"google-gemini-v1\",\"id\":\"tool_add_1\",\"index\":0}]");
            details.Add("[{\"type\":\"reasoning.encrypted\",\"data\":\"BBB\",\"format\":\"google-gemini-v1\",\"id\":\"tool_multiply_2\",\"index\":0}]");

            AssertJson(
                "[{\"type\":\"reasoning.encrypted\",\"data\":\"AAA\",\"format\":\"google-gemini-v1\",\"id\":\"tool_add_1\",\"index\":0}," +
                "{\"type\":\"reasoning.encrypted\",\"data\":\"BBB\",\"format\":\"google-gemini-v1\",\"id\":\"tool_multiply_2\",\"index\":0}]",
                details.ToJson());
        }

        [Fact]
        public void An_empty_signature_is_replaced_by_the_one_that_comes_last()
        {
            var details = new ReasoningDetails();
            foreach (var delta in Claude) details.Add(delta);

            AssertJson("[{\"type\":\"reasoning.text\",\"text\":\"The user asks for weather.\",\"signature\":\"EqcDCkgI\",\"format\":\"anthropic-claude-v1\",\"index\":0}]", details.ToJson());
            Assert.False(details.HasFormat("google-gemini"));
        }

        [Theory]
        [InlineData("gemini", ReasoningReplay.Auto, true)]
        [InlineData("claude", ReasoningReplay.Auto, false)]
        [InlineData("claude", ReasoningReplay.ReasoningDetails, true)]
        [InlineData("gemini", ReasoningReplay.None, false)]
        public async Task The_agent_loop_sends_them_back_with_the_tool_call_turn_as_configured(string model, ReasoningReplay replay, bool sent)
        {
            var deltas = model == "gemini" ? Gemini : Claude;
            var first = deltas.Select(d => "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning\":\"r\",\"reasoning_details\":" + d + "}}]}")
                .Append("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"tool_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\\\"Florence\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}");
            var second = new[] { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"40 C in Florence.\"},\"finish_reason\":\"stop\"}]}" };
            var handler = new SequenceSseHandler(StubSseHandler.Events(first), StubSseHandler.Events(second));
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = model }, new HttpClient(handler));
            var tools = new ToolSet().Add(
                new ToolDefinition("weather", "Weather", "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}", false),
                (_, _) => new ValueTask<string>("40 C"));

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence?") }, tools, new AgentOptions { ReasoningReplay = replay }).GetResultAsync();

            Assert.Equal("40 C in Florence.", result.Text);
            using var request = JsonDocument.Parse(handler.RequestBodies[1]);
            var assistant = request.RootElement.GetProperty("messages")[1];
            Assert.Equal("assistant", assistant.GetProperty("role").GetString());
            Assert.Equal(sent, assistant.TryGetProperty("reasoning_details", out var details));
            if (sent)
            {
                var expected = new ReasoningDetails();
                foreach (var delta in deltas) expected.Add(delta);
                AssertJson(expected.ToJson(), details.GetRawText());
            }
        }

        [Fact]
        public async Task Reasoning_details_that_are_not_an_array_are_rejected_with_a_clear_message()
        {
            var reasoning = new[] { new ReasoningContent(WireProtocols.ChatCompletions, string.Empty, payloadJson: "{\"type\":\"reasoning.text\"}") };
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(new StubSseHandler("data: [DONE]\n\n")));
            var stream = client.StreamAsync(new[] { ModelMessage.User("q"), ModelMessage.Assistant("x", null, reasoning), ModelMessage.User("again") });
            var ex = await Assert.ThrowsAsync<System.InvalidOperationException>(async () => { await foreach (var _ in stream) { } });
            Assert.Contains("JSON array", ex.Message);
        }

        private static void AssertJson(string expected, string actual)
        {
            var differences = JsonSemanticDiff.Compare(expected, actual);
            Assert.True(differences.Count == 0, string.Join("; ", differences));
        }
    }
}
