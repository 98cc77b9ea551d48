using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// Replays the hand-written Messages fixtures in <c>ProviderShapes/messages/</c> (the Anthropic-compatible
    /// endpoints of DeepSeek, Moonshot, Agnes AI and the llama.cpp server, and Claude on Vertex AI; see its README: they are not
    /// recordings) through the agent loop and the raw stream, asserting the quirk each one carries. The corpus
    /// test replays them too.
    /// </summary>
    public class MessagesProviderShapeTests
    {
        [Fact]
        public async Task DeepSeek_thinking_goes_back_signed_with_the_tool_use_and_one_delta_input_completes_the_call()
        {
            var (client, handler) = Client("deepseek-thinking-tool-loop.yaml", "https://api.deepseek.com/anthropic/v1/", "deepseek-v4-pro");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // DeepSeek answers 400 when a thinking turn's blocks do not come back: the second request (held by the
            // replay handler) carries the thinking block with DeepSeek's own signature before the tool_use.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);
            var assistant = run.Result.Messages[2];
            var block = Assert.Single(assistant.Reasoning);
            Assert.Equal("The user wants the weather in Florence, Italy. I'll call the weather tool.", block.Text);
            Assert.Equal("ZHNrLXRoaW5raW5nLXNpZ25hdHVyZS0wMDAx3f9a7c21e8b4", block.Signature);
            Assert.True(block.MustSendBack);

            // The whole input in one input_json_delta.
            Assert.Equal(new[] { "{\"location\": \"Florence, Italy\"}" }, events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text));
            var call = Assert.Single(assistant.ToolCalls);
            Assert.Equal(("call_00_q8Rz3kLwM2vT6nYp1cXa4bJe", "weather"), (call.Id, call.Name));

            // message_start reports output_tokens 0; message_delta repeats input_tokens beside the output count.
            var steps = events.Where(e => e.Kind == AgentEventKind.StepCompleted).ToList();
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, steps.Select(s => s.FinishReason!.Kind));
            Assert.Equal(new[] { (412, 58), (489, 31) }, steps.Select(s => (s.Usage!.PromptTokens, s.Usage.CompletionTokens)));
            Assert.Equal(990, run.Result.Usage!.TotalTokens);
        }

        [Fact]
        public async Task Kimi_two_tool_use_blocks_after_text_run_as_two_calls_and_go_back_in_one_turn()
        {
            var (client, handler) = Client("kimi-tools-parallel.yaml", "https://api.moonshot.ai/anthropic/v1/", "kimi-k2-0905-preview");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.FlorenceAndRome, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // One assistant message (text, both tool_use blocks), one user message with both tool_result blocks.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal("Both Florence and Rome are at 40 °C.", run.Result.Text);
            Assert.Equal("I'll check both cities.", run.Result.Messages[2].Text);

            // Block indexes 1 and 2 become calls 0 and 1; Kimi's ids (functions.weather:N) are kept as they are.
            Assert.Equal(new[] { 0, 1 }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => e.ToolCallIndex));
            var calls = run.Result.Messages[2].ToolCalls;
            Assert.Equal(new[] { "functions.weather:0", "functions.weather:1" }, calls.Select(c => c.Id));
            Assert.Equal(new[] { "{\"location\": \"Florence, Italy\"}", "{\"location\": \"Rome, Italy\"}" }, calls.Select(c => c.Arguments));
            Assert.Equal(new[] { "functions.weather:0", "functions.weather:1" }, new[] { run.Result.Messages[3].ToolResults[0].CallId, run.Result.Messages[4].ToolResults[0].CallId });

            // Usage: input only in message_start, output only in message_delta; the step reports both.
            var steps = events.Where(e => e.Kind == AgentEventKind.StepCompleted).ToList();
            Assert.Equal(new[] { (96, 52), (171, 12) }, steps.Select(s => (s.Usage!.PromptTokens, s.Usage.CompletionTokens)));
        }

        [Fact]
        public async Task Agnes_thinking_block_without_any_signature_is_reasoning_with_a_null_signature()
        {
            var (client, handler) = Client("agnes-thinking-unsigned.yaml", "https://apihub.agnes-ai.com/v1/", "agnes-2.0-flash");
            var stream = client.StreamAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            handler.AssertAllUsed();
            Assert.Equal("Olá! Tudo bem?", stream.State.Content);
            const string Thinking = "The user wants a greeting in Portuguese. \"Olá\" is the word.";
            Assert.Equal(Thinking, stream.State.Reasoning);
            Assert.Equal(3, updates.Count(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta));

            // No "signature" member on the block start and no signature_delta: the block is kept, unsigned.
            var block = Assert.Single(stream.State.ReasoningBlocks);
            Assert.Equal(Thinking, block.Text);
            Assert.Null(block.Signature);
            Assert.Equal(FinishKind.Stop, stream.State.FinishReason!.Kind);
            Assert.Equal((18, 27), (stream.State.Usage!.PromptTokens, stream.State.Usage.CompletionTokens));
            Assert.Equal("agnes-2.0-flash", stream.State.Model);
        }

        [Fact]
        public async Task LlamaCpp_sorted_keys_and_a_thinking_block_left_open_under_the_text_until_an_empty_signature()
        {
            var (client, handler) = Client("llamacpp-thinking-open-until-the-end.yaml", "http://localhost:8080/v1/", "Qwen3-4B-Thinking-2507-Q4_K_M.gguf");
            var stream = client.StreamAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            // Every event's "type" comes after its "delta" and "index" (nlohmann::json sorts keys): the deltas still
            // decode, each to its own block, though the thinking block (index 0) stays open while the text (index 1) streams.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Olá", "! 👋" }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text));
            Assert.Equal(new[] { "Portuguese greeting:", " \"Olá\".", " Keep it short." }, updates.Where(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta).Select(u => u.Text));

            // The block completes at its stop, after the text; the empty signature_delta leaves it unsigned.
            int completed = updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ReasoningCompleted);
            Assert.True(completed > updates.FindLastIndex(u => u.Kind == ChatStreamUpdateKind.ContentDelta), "the thinking block completed before its stop");
            var block = Assert.Single(stream.State.ReasoningBlocks);
            Assert.Equal("Portuguese greeting: \"Olá\". Keep it short.", block.Text);
            Assert.Null(block.Signature);

            Assert.Equal(FinishKind.Stop, stream.State.FinishReason!.Kind);
            Assert.Equal((23, 31, 54), (stream.State.Usage!.PromptTokens, stream.State.Usage.CompletionTokens, stream.State.Usage.TotalTokens));
            Assert.Equal(0, stream.State.Usage.CachedPromptTokens);
            Assert.Equal("chatcmpl-Xq2V7nR4kT9bLm3sWc8Yp1Df6Gh0Ja5E", stream.State.Id);
        }

        internal static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "ProviderShapes", "messages", fixture);

        [Fact]
        public async Task Vertex_claude_takes_the_model_in_the_url_the_version_in_the_body_and_reads_padded_events()
        {
            var (client, handler) = Client("vertex-claude-tool-loop.yaml", "https://us-east5-aiplatform.googleapis.com/v1/projects/demo-project/locations/us-east5/publishers/anthropic/", "claude-sonnet-4@20250514");
            client.Options.ApiKey = null;
            client.Options.AccessTokenProvider = _ => new ValueTask<string?>("ya29.demo-access-token");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            await foreach (var _ in run) { }

            // Both requests went to models/claude-sonnet-4@20250514:streamRawPredict with anthropic_version in the body
            // and no model member (the replay handler compared them), with the token as the bearer.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal("It's 40 °C in Florence right now.", run.Result.Text);
            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal(("toolu_vrtx_01DemoWq8Zt3RkYp5sLm2Nc", "{\"location\": \"Florence, Italy\"}"), (call.Id, call.Arguments));
        }

        internal static (AnthropicClient Client, ReplayHandler Handler) Client(string fixture, string endpoint, string model)
        {
            var handler = new ReplayHandler(PathOf(fixture), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            var options = new AnthropicClientOptions { Endpoint = new Uri(endpoint), Model = model, ApiKey = "sk-test-not-a-real-key" };
            options.Defaults.MaxTokens = 4000;
            return (new AnthropicClient(options, new HttpClient(handler)), handler);
        }
    }
}
