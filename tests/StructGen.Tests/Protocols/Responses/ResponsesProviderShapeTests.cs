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

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>
    /// Replays the hand-written Responses fixtures in <c>ProviderShapes/responses/</c> (Ollama, vLLM and
    /// OpenRouter shapes; see its README: they are not recordings) through the agent loop and the raw stream,
    /// asserting the quirk each one carries. The corpus test replays them too, against an independent reading.
    /// </summary>
    public class ResponsesProviderShapeTests
    {
        [Fact]
        public async Task Ollama_sorted_keys_summary_reasoning_and_its_plain_encrypted_content_go_back_in_the_loop()
        {
            var (client, handler) = Client("ollama-gptoss-tool-loop.yaml", "http://localhost:11434/v1/", "gpt-oss:20b", o => o.ApiKey = null);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // The second request (held by the replay handler) carries the reasoning item with Ollama's
            // encrypted_content (the thinking as plain text), which Ollama reads back as the model's thinking.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);

            // Every event's "type" is its last member (Go sorts map keys): the deltas still decode.
            string Reasoning(int step) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta && e.Step == step).Select(e => e.Text));
            Assert.Equal("The user asks for the weather in Florence, Italy. I should call the weather tool.", Reasoning(1));
            Assert.Equal("The tool says 40 C.", Reasoning(2));
            var assistant = run.Result.Messages[2];
            var block = Assert.Single(assistant.Reasoning);
            Assert.True(block.MustSendBack);
            Assert.Equal("The user asks for the weather in Florence, Italy. I should call the weather tool.", block.Text);

            // The call's arguments arrive whole in one delta.
            Assert.Equal(new[] { "{\"location\":\"Florence, Italy\"}" }, events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text));
            var call = Assert.Single(assistant.ToolCalls);
            Assert.Equal(("call_2c4vx7kq", "weather"), (call.Id, call.Name));
            Assert.Equal("call_2c4vx7kq", run.Result.Messages[3].ToolResults[0].CallId);

            var steps = events.Where(e => e.Kind == AgentEventKind.StepCompleted).ToList();
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, steps.Select(s => s.FinishReason!.Kind));
            Assert.Equal(new[] { 128, 165 }, steps.Select(s => s.Usage!.TotalTokens));
            Assert.Equal(0, run.Result.Usage!.ReasoningTokens); // Ollama reports 0 reasoning tokens
        }

        [Fact]
        public async Task VLLM_raw_reasoning_text_streams_before_the_typed_book_and_stays_home()
        {
            var (client, handler) = Client("vllm-gptoss-book-reasoning-text.yaml", "http://localhost:8000/v1/", "openai/gpt-oss-20b", o => o.ApiKey = null);
            var stream = client.StreamAsync(new[] { ModelMessage.User(ProviderShapeFixtures.BookPrompt) }, new ChatRequestOptions { ResponseFormat = Book.StructuredOutput.ResponseFormat });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            handler.AssertAllUsed();
            const string Thinking = "The user wants a JSON object about The Lord of the Rings. Tolkien was British; published 1954. Genres: fantasy, adventure.";

            // response.reasoning_text.delta (gpt-oss's raw chain of thought), not a summary: streamed once, not
            // repeated when the reasoning item (content:[reasoning_text], summary:[]) is done.
            Assert.Equal(6, updates.Count(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta));
            Assert.Equal(Thinking, stream.State.Reasoning);
            int lastReasoning = updates.FindLastIndex(u => u.Kind == ChatStreamUpdateKind.ReasoningDelta);
            Assert.True(lastReasoning < updates.FindIndex(u => u.Kind == ChatStreamUpdateKind.ContentDelta), "reasoning and content interleaved");

            // The item has "encrypted_content":null: nothing to send back on a later turn.
            var block = Assert.Single(stream.State.ReasoningBlocks);
            Assert.Equal(Thinking, block.Text);
            Assert.False(block.MustSendBack);

            Assert.Equal(ProviderShapeFixtures.Document, stream.State.Content);
            Assert.Equal(31, updates.Count(u => u.Kind == ChatStreamUpdateKind.ContentDelta));
            Assert.Equal(FinishKind.Stop, stream.State.FinishReason!.Kind);
            Assert.Equal((141, 96, 237, 38), (stream.State.Usage!.PromptTokens, stream.State.Usage.CompletionTokens, stream.State.Usage.TotalTokens, stream.State.Usage.ReasoningTokens));
            Assert.Equal("resp_6f0d2b8e4c1a47b9a3e5d7c9f1b2a4c6", stream.State.Id);
            Assert.Equal("openai/gpt-oss-20b", stream.State.Model);
        }

        [Fact]
        public async Task VLLM_book_partials_stay_monotonic_through_the_split_year()
        {
            var (client, handler) = Client("vllm-gptoss-book-reasoning-text.yaml", "http://localhost:8000/v1/", "openai/gpt-oss-20b", o => o.ApiKey = null);
            var stream = client.GenerateBookStreamAsync(ProviderShapeFixtures.BookPrompt);
            var partials = await ProviderShapeFixtures.ReadMonotonicAsync(stream);

            handler.AssertAllUsed();
            ProviderShapeFixtures.AssertLordOfTheRings(stream.Result.Value);
            Assert.All(partials, p => Assert.True(p.PublishedYear is null or 1954, $"showed published year {p.PublishedYear}"));
        }

        [Fact]
        public async Task OpenRouter_data_only_events_with_processing_comments_and_two_parallel_calls()
        {
            var (client, handler) = Client("openrouter-tools-parallel.yaml", "https://openrouter.ai/api/v1/", "openai/gpt-4o-mini");
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.FlorenceAndRome, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // The second request carries both function_call items, then both outputs, by call_id.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy", "Rome, Italy" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal("Both cities are at 40 °C: Florence and Rome.", run.Result.Text);

            // Calls are numbered over function calls (0, 1), each with its own argument deltas.
            Assert.Equal(new[] { 0, 1 }, events.Where(e => e.Kind == AgentEventKind.ToolCallStarted).Select(e => e.ToolCallIndex));
            string Arguments(int index) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta && e.ToolCallIndex == index).Select(e => e.Text));
            Assert.Equal("{\"location\":\"Florence, Italy\"}", Arguments(0));
            Assert.Equal("{\"location\":\"Rome, Italy\"}", Arguments(1));
            var calls = run.Result.Messages[2].ToolCalls;
            Assert.Equal(new[] { "call_Qm4kW8rTz2Lp6vXn1bHy9cJd", "call_Vt5nR1sKx7Fw3gZq0mPe4uLa" }, calls.Select(c => c.Id));
            Assert.Equal(new[] { "call_Qm4kW8rTz2Lp6vXn1bHy9cJd", "call_Vt5nR1sKx7Fw3gZq0mPe4uLa" }, new[] { run.Result.Messages[3].ToolResults[0].CallId, run.Result.Messages[4].ToolResults[0].CallId });

            // Usage with OpenRouter's extra "cost" member; the response id is OpenRouter's generation id.
            Assert.Equal(new[] { 112, 156 }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.Usage!.TotalTokens));
            Assert.Equal(268, run.Result.Usage!.TotalTokens);
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.FinishReason!.Kind));
        }

        [Fact]
        public async Task Codex_spark_arguments_only_in_the_done_events_complete_the_call()
        {
            var (client, handler) = Client("codex-spark-arguments-only-done.yaml", "https://api.openai.com/v1/", "gpt-5.3-codex-spark");
            var stream = client.StreamAsync(WeatherPrompts.Florence, new ChatRequestOptions { Tools = WeatherTools.ToolDefinitions, ToolChoice = ToolChoice.Auto });
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream) updates.Add(update);

            // No function_call_arguments.delta at all: the arguments come whole with the done events, and are
            // published once, between the call's start and its completion.
            handler.AssertAllUsed();
            Assert.Equal(
                new[] { ChatStreamUpdateKind.ToolCallStarted, ChatStreamUpdateKind.ToolCallArgumentsDelta, ChatStreamUpdateKind.ToolCallCompleted },
                updates.Select(u => u.Kind).Where(k => k is ChatStreamUpdateKind.ToolCallStarted or ChatStreamUpdateKind.ToolCallArgumentsDelta or ChatStreamUpdateKind.ToolCallCompleted));
            Assert.Equal("{\"location\":\"Florence, Italy\"}", Assert.Single(updates, u => u.Kind == ChatStreamUpdateKind.ToolCallArgumentsDelta).Text);
            var call = Assert.Single(stream.State.ToolCalls);
            Assert.Equal(("call_7HkQ2mVxR9tLc4WbN0pZs3Ye", "weather", "{\"location\":\"Florence, Italy\"}"), (call.Id, call.Name, call.Arguments));
            Assert.Equal(FinishKind.ToolCalls, stream.State.FinishReason!.Kind);
            Assert.Equal(8, stream.State.Usage!.ReasoningTokens);

            // The call runs through the generated tool set as it arrived.
            var weather = new WeatherTools();
            Assert.Equal("40 C", await weather.AsToolSet().InvokeAsync(call.Name, call.Arguments));
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
        }

        [Fact]
        public async Task VLLM_text_before_a_call_with_an_empty_done_message_goes_back_as_an_assistant_message()
        {
            var (client, handler) = Client("vllm-qwen3-text-then-call.yaml", "http://localhost:8000/v1/", "Qwen/Qwen3-8B", o => o.ApiKey = null);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // The second request carries the step's text as an assistant message before the function_call item.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);

            // The message item is done with "content":[] and the response's output repeats the text: neither adds to
            // or removes from what the deltas (content_index 0, 1, 2… one per delta) streamed.
            var assistant = run.Result.Messages[2];
            Assert.Equal("I'll use the weather tool for Florence, Italy.", assistant.Text);
            Assert.Equal(10, events.Count(e => e.Kind == AgentEventKind.TextDelta && e.Step == 1));
            var call = Assert.Single(assistant.ToolCalls);
            Assert.Equal(("call_b727c44f9cc79cc8", "weather", "{\"location\": \"Florence, Italy\"}"), (call.Id, call.Name, call.Arguments));
            Assert.Equal(new[] { "{", "\"location\": \"Florence, Italy\"", "}" }, events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text));
            Assert.Equal(new[] { FinishKind.ToolCalls, FinishKind.Stop }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.FinishReason!.Kind));
            Assert.Equal(438, run.Result.Usage!.TotalTokens);
        }

        [Fact]
        public async Task VLLM_gptoss_call_finished_under_the_next_index_with_a_new_call_id_runs_once_and_goes_back_by_its_first_id()
        {
            var (client, handler) = Client("vllm-gptoss-tool-loop.yaml", "http://localhost:8000/v1/", "openai/gpt-oss-20b", o => o.ApiKey = null);
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // One call, though its done event comes under output_index 3 with no id and call_id fc_…, and the completed
            // response lists it again with fresh ids: the second request carries it once, by the call_id it was added with.
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallStarted);
            var call = Assert.Single(run.Result.Messages[2].ToolCalls);
            Assert.Equal(("call_2f8d6b4a1c9e7f3d5b0a8c6e4d2f1b9a", "{\"location\":\"Florence, Italy\"}"), (call.Id, call.Arguments));

            // The reasoning came once per step (the rebuilt output repeats it under fresh ids), and stays home
            // ("encrypted_content":null): the second request has no reasoning item.
            string Reasoning(int step) => string.Concat(events.Where(e => e.Kind == AgentEventKind.ReasoningDelta && e.Step == step).Select(e => e.Text));
            Assert.Equal("User asks weather in Florence. Call the weather function.", Reasoning(1));
            Assert.Equal("The tool says 40 C.", Reasoning(2));
            Assert.Empty(run.Result.Messages[2].Reasoning);
            Assert.Equal("It's currently 40 °C in Florence, Italy.", run.Result.Text);
            Assert.Equal(new[] { 213, 260 }, events.Where(e => e.Kind == AgentEventKind.StepCompleted).Select(e => e.Usage!.TotalTokens));
        }

        internal static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "ProviderShapes", "responses", fixture);

        internal static (ResponsesClient Client, ReplayHandler Handler) Client(string fixture, string endpoint, string model, Action<ResponsesClientOptions>? configure = null)
        {
            var handler = new ReplayHandler(PathOf(fixture), new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            var options = new ResponsesClientOptions { Endpoint = new Uri(endpoint), Model = model, ApiKey = ResponsesTestClients.Key };
            configure?.Invoke(options);
            return (new ResponsesClient(options, new HttpClient(handler)), handler);
        }
    }
}
