using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>
    /// Replays the hand-written tool-call fixtures in <c>ProviderShapes/</c> (Ollama, vLLM, Azure OpenAI,
    /// Mistral; see its README: they are not recordings) through the agent loop and the raw stream, with
    /// the generated <see cref="WeatherTools"/> tool set.
    /// </summary>
    public class ProviderShapeToolReplayTests
    {
        [Fact]
        public async Task Ollama_two_whole_calls_at_the_same_index_run_as_two_calls()
        {
            var (client, handler) = ProviderShapeFixtures.Client("ollama-tools-parallel.yaml", "http://localhost:11434/v1/", "llama3.1:8b", o =>
            {
                o.ApiKey = null;
                o.Defaults.IncludeUsage = false;
            });
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.FlorenceAndRome, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // The second request carried one assistant message with both calls and one tool message per call.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("stop", run.Result.FinishReason?.Value);
            Assert.Equal("It's currently 40 °C in both Florence and Rome.", run.Result.Text);
            Assert.Null(run.Result.Usage); // Ollama sends no usage when stream_options is not requested.

            Assert.Equal(new[] { (0, "weather"), (1, "weather") }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => (e.ToolCallIndex, e.ToolName!)));
            var completed = events.Where(e => e.Kind == AgentEventKind.ToolCallCompleted).Select(e => e.ToolCall!).ToList();
            Assert.Equal(new[] { "call_abc123", "call_def456" }, completed.Select(c => c.Id));
            Assert.Equal(new[] { "{\"location\":\"Florence, Italy\"}", "{\"location\":\"Rome, Italy\"}" }, completed.Select(c => c.Arguments));
            Assert.Equal(new[] { "40 C", "40 C" }, events.Where(e => e.Kind == AgentEventKind.ToolResult).Select(e => e.Result));

            var messages = run.Result.Messages;
            Assert.Equal(new[] { "system", "user", "assistant", "tool", "tool", "assistant" }, messages.Select(m => m.Role.Value));
            Assert.Equal(new[] { "call_abc123", "call_def456" }, messages[2].ToolCalls.Select(c => c.Id));
            Assert.Equal(new[] { "call_abc123", "call_def456" }, new[] { messages[3].ToolResults[0].CallId, messages[4].ToolResults[0].CallId });
        }

        [Theory]
        [InlineData("kimi-thinking-tool-loop.yaml", "https://api.moonshot.ai/v1/", "kimi-k2-thinking")]
        [InlineData("glm-thinking-tool-loop.yaml", "https://api.z.ai/api/paas/v4/", "glm-4.6")]
        public async Task Thinking_models_get_their_reasoning_back_as_reasoning_content_by_default(string fixture, string endpoint, string model)
        {
            // No ReasoningReplay set anywhere: the default (Auto) must write the second request the
            // replay handler holds, whose assistant tool-call message carries reasoning_content.
            var (client, handler) = ProviderShapeFixtures.Client(fixture, endpoint, model, o => o.ApiKey = null);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            await run.GetResultAsync();

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            var assistant = run.Result.Messages.Single(m => m.Role == MessageRole.Assistant && m.ToolCalls.Count == 1);
            var block = Assert.Single(assistant.Reasoning);
            Assert.Equal("Okay, the user wants the weather in Florence, Italy. I should call the weather tool.", block.Text);
        }

        [Fact]
        public async Task VLLM_reasoning_then_a_fragmented_call_with_usage_in_the_finish_chunk()
        {
            const string ToolCallId = "chatcmpl-tool-5d1c8e2f4a9b4c0e8f6a7b3d2e1c9f08";
            var (client, handler) = ProviderShapeFixtures.Client("vllm-tools-reasoning.yaml", "http://localhost:8000/v1/", "Qwen/Qwen3-8B", o => o.ApiKey = null);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);

            string Reasoning(int step) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta && e.Step == step).Select(e => e.Text));
            Assert.Equal("Okay, the user wants the weather in Florence, Italy. I should call the weather tool.", Reasoning(1));
            Assert.Equal("The tool says 40 C.", Reasoning(2));
            Assert.DoesNotContain("Okay", run.Result.Text, StringComparison.Ordinal);

            var started = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallStarted);
            Assert.Equal("weather", started.ToolName);
            Assert.Equal(
                new[] { "{\"location\": \"", "Flor", "ence", ", Italy", "\"}" },
                events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text));
            var call = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallCompleted).ToolCall!;
            Assert.Equal(ToolCallId, call.Id);
            Assert.Equal("{\"location\": \"Florence, Italy\"}", call.Arguments);
            Assert.Equal(ToolCallId, run.Result.Messages[3].ToolResults[0].CallId);

            // Each step's usage came in the same chunk as its finish reason; the run sums them.
            var steps = events.Where(e => e.Kind == AgentEventKind.StepCompleted).ToList();
            Assert.Equal(new[] { "tool_calls", "stop" }, steps.Select(s => s.FinishReason?.Value));
            Assert.Equal(new[] { 262, 310 }, steps.Select(s => s.Usage!.TotalTokens));
            Assert.Equal(493, run.Result.Usage!.PromptTokens);
            Assert.Equal(79, run.Result.Usage.CompletionTokens);
            Assert.Equal(572, run.Result.Usage.TotalTokens);
        }

        [Fact]
        public async Task Azure_prompt_filter_chunk_and_two_interleaved_parallel_calls()
        {
            var (client, handler) = ProviderShapeFixtures.Client("azure-tools-parallel.yaml", "https://contoso.openai.azure.com/openai/v1/", "gpt-4o");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.FlorenceAndRome, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("Both cities are hot: Florence is 40°C and Rome is 40°C.", run.Result.Text);

            Assert.Equal(new[] { 0, 1 }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => e.ToolCallIndex));
            string Arguments(int index) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta && e.ToolCallIndex == index).Select(e => e.Text));
            Assert.Equal("{\"location\": \"Florence, Italy\"}", Arguments(0));
            Assert.Equal("{\"location\": \"Rome, Italy\"}", Arguments(1));
            var calls = run.Result.Messages[2].ToolCalls;
            Assert.Equal(new[] { "call_9kQz2wLm4XbR7tYvN1cH8sDe", "call_Ur5pJ3nGk0aTq6WyE2iB9fMo" }, calls.Select(c => c.Id));
            Assert.Equal(new[] { "{\"location\": \"Florence, Italy\"}", "{\"location\": \"Rome, Italy\"}" }, calls.Select(c => c.Arguments));

            // The prompt_filter_results chunk (empty id and model, no choices) changes nothing.
            Assert.Equal(new[] { 123, 156 }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.Usage!.TotalTokens));
            Assert.Equal(211, run.Result.Usage!.PromptTokens);
            Assert.Equal(68, run.Result.Usage.CompletionTokens);
            Assert.Equal(279, run.Result.Usage.TotalTokens);
            Assert.Equal(0, run.Result.Usage.ReasoningTokens);
        }

        [Fact]
        public async Task Mistral_both_calls_finish_and_usage_in_one_chunk()
        {
            var (client, handler) = ProviderShapeFixtures.Client("mistral-tools-one-chunk.yaml", "https://api.mistral.ai/v1/", "mistral-large-latest", o => o.Defaults.IncludeUsage = false);
            var stream = client.StreamAsync(WeatherPrompts.FlorenceAndRome, new ChatRequestOptions { Tools = WeatherTools.ToolDefinitions, ToolChoice = ToolChoice.Auto });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            handler.AssertAllUsed();
            Assert.Equal(
                new[]
                {
                    ChatStreamUpdateKind.ToolCallStarted, ChatStreamUpdateKind.ToolCallArgumentsDelta,
                    ChatStreamUpdateKind.ToolCallStarted, ChatStreamUpdateKind.ToolCallArgumentsDelta,
                    ChatStreamUpdateKind.ToolCallCompleted, ChatStreamUpdateKind.ToolCallCompleted,
                    ChatStreamUpdateKind.Finished, ChatStreamUpdateKind.Usage,
                },
                updates.Select(u => u.Kind).Where(k => k != ChatStreamUpdateKind.ResponseStarted));
            Assert.Equal(
                new[] { (0, "D681PevKs"), (1, "fX2bQ9mZt") },
                updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallStarted).Select(u => (u.ToolCallIndex, u.ToolCallId!)));

            var calls = stream.State.ToolCalls;
            Assert.Equal(new[] { "D681PevKs", "fX2bQ9mZt" }, calls.Select(c => c.Id));
            Assert.Equal(new[] { "weather", "weather" }, calls.Select(c => c.Name));
            Assert.Equal(new[] { "{\"location\": \"Florence, Italy\"}", "{\"location\": \"Rome, Italy\"}" }, calls.Select(c => c.Arguments));
            Assert.Equal(calls.Select(c => c.Arguments), updates.Where(u => u.Kind == ChatStreamUpdateKind.ToolCallCompleted).Select(u => u.ToolCall!.Arguments));
            Assert.Equal("tool_calls", stream.State.FinishReason?.Value);
            Assert.Equal(string.Empty, stream.State.Content);
            Assert.Equal(93, stream.State.Usage!.PromptTokens);
            Assert.Equal(42, stream.State.Usage.CompletionTokens);
            Assert.Equal(135, stream.State.Usage.TotalTokens);

            // The calls run through the generated tool set as they arrived.
            var tools = new WeatherTools();
            var set = tools.AsToolSet();
            foreach (var call in calls) Assert.Equal("40 C", await set.InvokeAsync(call.Name, call.Arguments));
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, tools.Calls);
        }
    }
}
