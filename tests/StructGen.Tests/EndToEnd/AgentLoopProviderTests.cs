using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>
    /// The agent loop against the documented rules of other OpenAI-compatible providers (constructed
    /// streams in their shapes, not recordings): reasoning sent back, the per-step hook, stop conditions,
    /// and non-strict forced tools.
    /// </summary>
    public class AgentLoopProviderTests
    {
        private const string Call = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"weather:0\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\\\"Florence\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}";

        private static string Reasoning(string field, string text) => "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"" + field + "\":" + JsonSerializer.Serialize(text) + "}}]}";

        private static readonly string[] Answer = { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"40 C in Florence.\"},\"finish_reason\":\"stop\"}]}" };

        private static ToolSet Weather() => new ToolSet().Add(
            new ToolDefinition("weather", "Weather", "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}", false),
            (_, _) => new ValueTask<string>("40 C"));

        private static (SequenceSseHandler Handler, ChatCompletionsClient Client) Loop(string model, IEnumerable<string> first, ReasoningReplay clientPolicy = ReasoningReplay.Auto, params string[][] more)
        {
            var bodies = new List<string> { StubSseHandler.Events(first) };
            bodies.AddRange(more.Select(StubSseHandler.Events));
            if (more.Length == 0) bodies.Add(StubSseHandler.Events(Answer));
            var handler = new SequenceSseHandler(bodies.ToArray());
            return (handler, new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = model, ReasoningReplay = clientPolicy }, new HttpClient(handler)));
        }

        private static JsonElement Message(SequenceSseHandler handler, int request, int index)
        {
            using var document = JsonDocument.Parse(handler.RequestBodies[request]);
            return document.RootElement.GetProperty("messages")[index].Clone();
        }

        [Fact]
        public async Task Kimi_thinking_gets_its_reasoning_content_back_on_the_assistant_tool_call_message()
        {
            // Moonshot: kimi-k2-thinking streams reasoning_content and rejects the next request without it
            // ("reasoning_content is missing in assistant tool call message").
            var (handler, client) = Loop("kimi-k2-thinking", new[] { Reasoning("reasoning_content", "The user wants "), Reasoning("reasoning_content", "the weather."), Call });

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence?") }, Weather()).GetResultAsync();

            Assert.Equal("40 C in Florence.", result.Text);
            var assistant = Message(handler, 1, 1);
            Assert.Equal("assistant", assistant.GetProperty("role").GetString());
            Assert.Equal("weather:0", assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString());
            Assert.Equal("The user wants the weather.", assistant.GetProperty("reasoning_content").GetString());
            Assert.False(assistant.TryGetProperty("reasoning", out _));
            Assert.False(assistant.TryGetProperty("reasoning_details", out _));
            Assert.Equal("tool", Message(handler, 1, 2).GetProperty("role").GetString());
        }

        [Fact]
        public async Task Glm_interleaved_thinking_keeps_every_tool_call_turns_reasoning()
        {
            // Z.ai: interleaved thinking wants each tool-call turn's reasoning_content back with the tool results.
            var second = new[] { Reasoning("reasoning_content", "Now Rome."), Call.Replace("weather:0", "weather:1").Replace("Florence", "Rome") };
            var (handler, client) = Loop("glm-4.6", new[] { Reasoning("reasoning_content", "Florence first."), Call }, ReasoningReplay.Auto, second, Answer);

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence, then Rome?") }, Weather()).GetResultAsync();

            Assert.Equal(3, result.Steps);
            Assert.Equal("Florence first.", Message(handler, 2, 1).GetProperty("reasoning_content").GetString());
            Assert.Equal("Now Rome.", Message(handler, 2, 3).GetProperty("reasoning_content").GetString());
        }

        [Fact]
        public async Task Reasoning_that_arrived_as_reasoning_goes_back_as_reasoning_which_vllm_reads()
        {
            var (handler, client) = Loop("Qwen/Qwen3-8B", new[] { Reasoning("reasoning", "Weather tool."), Call });

            await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence?") }, Weather()).GetResultAsync();

            var assistant = Message(handler, 1, 1);
            Assert.Equal("Weather tool.", assistant.GetProperty("reasoning").GetString());
            Assert.False(assistant.TryGetProperty("reasoning_content", out _));
        }

        [Fact]
        public async Task Reasoning_sent_in_both_fields_during_vllms_rename_goes_back_in_both()
        {
            var both = "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Tool.\",\"reasoning\":\"Tool.\"}}]}";
            var (handler, client) = Loop("Qwen/Qwen3-8B", new[] { both, Call });

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather()).GetResultAsync();

            var assistant = Message(handler, 1, 1);
            Assert.Equal("Tool.", assistant.GetProperty("reasoning_content").GetString());
            Assert.Equal("Tool.", assistant.GetProperty("reasoning").GetString());
        }

        [Fact]
        public async Task DeepSeek_by_default_gets_it_on_the_tool_call_turn_only_never_on_an_answer()
        {
            // DeepSeek thinking mode: reasoning_content of a tool-call turn must go back (else 400); on a
            // turn without tool calls it is ignored, and the first deepseek-reasoner rejected it there.
            var second = new[] { Reasoning("reasoning_content", "It is hot."), Answer[0] };
            var (handler, client) = Loop("deepseek-reasoner", new[] { Reasoning("reasoning_content", "Call the tool."), Call }, ReasoningReplay.Auto, second);

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence?") }, Weather()).GetResultAsync();

            Assert.Equal("Call the tool.", Message(handler, 1, 1).GetProperty("reasoning_content").GetString());
            var answer = result.Messages[^1];
            Assert.Equal(MessageRole.Assistant, answer.Role);
            Assert.Empty(answer.Reasoning);

            // The conversation reused for a next question: the final answer carries no reasoning_content.
            var next = result.Messages.Append(ModelMessage.User("and tomorrow?")).ToList();
            var followUp = new SequenceSseHandler(StubSseHandler.Events(Answer));
            using var again = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "deepseek-reasoner" }, new HttpClient(followUp));
            await foreach (var _ in again.StreamAsync(next)) { }
            using var body = JsonDocument.Parse(followUp.RequestBodies[0]);
            var messages = body.RootElement.GetProperty("messages");
            Assert.True(messages[1].TryGetProperty("reasoning_content", out _));
            Assert.False(messages[3].TryGetProperty("reasoning_content", out _));
        }

        [Theory]
        [InlineData(ReasoningReplay.None, null, false)]
        [InlineData(ReasoningReplay.None, ReasoningReplay.ReasoningContent, true)]
        [InlineData(ReasoningReplay.Auto, ReasoningReplay.None, false)]
        [InlineData(ReasoningReplay.ReasoningDetails, null, false)]
        [InlineData(ReasoningReplay.Both, null, true)]
        public async Task The_client_setting_applies_unless_the_run_says(ReasoningReplay clientPolicy, ReasoningReplay? runPolicy, bool sent)
        {
            // Older llama.cpp servers rejected reasoning_content in input: ReasoningReplay.None for those.
            var (handler, client) = Loop("gpt-oss", new[] { Reasoning("reasoning_content", "Use the tool."), Call }, clientPolicy);

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather(), new AgentOptions { ReasoningReplay = runPolicy }).GetResultAsync();

            Assert.Equal(sent, Message(handler, 1, 1).TryGetProperty("reasoning_content", out _));
        }

        [Fact]
        public async Task With_reasoning_details_the_default_sends_no_reasoning_text()
        {
            // OpenRouter streams `reasoning` beside reasoning_details; its documented replay is reasoning_details.
            var chunk = "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"r\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"r\",\"format\":\"google-gemini-v1\",\"index\":0}]}}]}";
            var (handler, client) = Loop("google/gemini-2.5-flash", new[] { chunk, Call });

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather()).GetResultAsync();

            var assistant = Message(handler, 1, 1);
            Assert.True(assistant.TryGetProperty("reasoning_details", out _));
            Assert.False(assistant.TryGetProperty("reasoning", out _));
            Assert.False(assistant.TryGetProperty("reasoning_content", out _));
        }

        [Fact]
        public async Task A_prepare_step_hook_moves_a_cache_marker_onto_the_newest_message_at_each_step()
        {
            var (handler, client) = Loop("anthropic/claude-sonnet-4", new[] { Call });
            var seen = new List<(int Step, int Count)>();
            var options = new AgentOptions
            {
                PrepareStep = (context, _) =>
                {
                    seen.Add((context.Step, context.Messages.Count));
                    var messages = context.Messages.ToList();
                    var newest = messages[^1];
                    messages[^1] = ModelMessage.FromJson(
                        "{\"role\":" + JsonSerializer.Serialize(newest.Role.Value) + "," +
                        (newest.ToolResults.Count == 0 ? "" : "\"tool_call_id\":" + JsonSerializer.Serialize(newest.ToolResults[0].CallId) + ",") +
                        "\"content\":[{\"type\":\"text\",\"text\":" + JsonSerializer.Serialize(newest.Text ?? newest.ToolResults[0].Content) + ",\"cache_control\":{\"type\":\"ephemeral\"}}]}");
                    return new ValueTask<AgentStepOverrides?>(new AgentStepOverrides { Messages = messages });
                },
            };

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather in Florence?") }, Weather(), options).GetResultAsync();

            Assert.Equal(new[] { (1, 1), (2, 3) }, seen);
            for (int request = 0; request < 2; request++)
            {
                using var body = JsonDocument.Parse(handler.RequestBodies[request]);
                var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
                var marked = messages.Select(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array && c[0].TryGetProperty("cache_control", out _)).ToList();
                Assert.True(marked[^1], $"request {request + 1}: the newest message carries the marker");
                Assert.Equal(1, marked.Count(m => m));
            }

            // The run's own conversation is unchanged by the hook.
            Assert.All(result.Messages, m => Assert.DoesNotContain("cache_control", m.ToString()));
            Assert.Equal("weather in Florence?", result.Messages[0].Text);
        }

        [Fact]
        public async Task A_hook_that_removes_the_tools_after_step_one_is_honoured()
        {
            var (handler, client) = Loop("m", new[] { Call });
            var options = new AgentOptions
            {
                PrepareStep = (context, _) => new ValueTask<AgentStepOverrides?>(
                    context.Step == 1 ? null : new AgentStepOverrides { Tools = Array.Empty<ToolDefinition>() }),
            };

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather(), options).GetResultAsync();

            using var first = JsonDocument.Parse(handler.RequestBodies[0]);
            using var second = JsonDocument.Parse(handler.RequestBodies[1]);
            Assert.True(first.RootElement.TryGetProperty("tools", out _));
            Assert.Equal("auto", first.RootElement.GetProperty("tool_choice").GetString());
            Assert.False(second.RootElement.TryGetProperty("tools", out _));
            Assert.False(second.RootElement.TryGetProperty("tool_choice", out _));
        }

        [Fact]
        public async Task A_hook_can_change_the_tool_choice_and_options_of_one_step()
        {
            var (handler, client) = Loop("m", new[] { Call });
            var options = new AgentOptions
            {
                PrepareStep = (context, _) =>
                {
                    if (context.Step == 1) return new ValueTask<AgentStepOverrides?>(new AgentStepOverrides { ToolChoice = ToolChoice.Required });
                    var request = context.Options;
                    request.MaxTokens = 50;
                    return new ValueTask<AgentStepOverrides?>(new AgentStepOverrides { Options = request, ToolChoice = ToolChoice.None });
                },
            };

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather(), options).GetResultAsync();

            using var first = JsonDocument.Parse(handler.RequestBodies[0]);
            using var second = JsonDocument.Parse(handler.RequestBodies[1]);
            Assert.Equal("required", first.RootElement.GetProperty("tool_choice").GetString());
            Assert.False(first.RootElement.TryGetProperty("max_tokens", out _));
            Assert.Equal("none", second.RootElement.GetProperty("tool_choice").GetString());
            Assert.Equal(50, second.RootElement.GetProperty("max_tokens").GetInt32());
            Assert.True(second.RootElement.TryGetProperty("tools", out _));
        }

        [Fact]
        public async Task A_hook_that_returns_no_messages_gets_a_clear_error()
        {
            var (_, client) = Loop("m", new[] { Call });
            var options = new AgentOptions { PrepareStep = (_, _) => new ValueTask<AgentStepOverrides?>(new AgentStepOverrides { Messages = Array.Empty<ModelMessage>() }) };

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RunAgentAsync(new[] { ModelMessage.User("q") }, Weather(), options).GetResultAsync());
            Assert.Contains("PrepareStep returned no messages for step 1", ex.Message);
        }

        [Fact]
        public async Task A_stop_condition_on_the_token_budget_ends_the_loop_after_the_step()
        {
            var usage = "{\"choices\":[],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":200,\"total_tokens\":1100}}";
            var (handler, client) = Loop("m", new[] { Call, usage });
            var options = new AgentOptions { StopWhen = s => s.TotalUsage?.TotalTokens > 1000 };

            var result = await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, Weather(), options).GetResultAsync();

            Assert.Equal(AgentStopReason.StopCondition, result.StopReason);
            Assert.Equal(1, result.Steps);
            Assert.Single(handler.RequestBodies);
            Assert.Equal(MessageRole.Tool, result.Messages[^1].Role);
        }

        [Fact]
        public async Task A_denied_call_sends_the_denial_back_and_the_loop_continues()
        {
            var (handler, client) = Loop("m", new[] { Call });
            var ran = 0;
            var tools = new ToolSet().Add(
                new ToolDefinition("weather", "Weather", "{\"type\":\"object\"}", false),
                (_, _) => { ran++; return new ValueTask<string>("40 C"); });
            var options = new AgentOptions { ApproveToolCall = (call, _) => new ValueTask<ToolApproval>(ToolApproval.Deny("The user declined to share the location " + call.Arguments + ".")) };

            var events = new List<AgentEvent>();
            var run = client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, tools, options);
            await foreach (var e in run) events.Add(e);

            Assert.Equal(0, ran);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal(2, run.Result.Steps);
            var denied = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.True(denied.IsError);
            var tool = Message(handler, 1, 2);
            Assert.Equal("weather:0", tool.GetProperty("tool_call_id").GetString());
            Assert.Equal("The user declined to share the location {\"location\":\"Florence\"}.", tool.GetProperty("content").GetString());
        }

        [Fact]
        public async Task An_edited_call_runs_with_the_edited_arguments_and_the_conversation_keeps_the_models_call()
        {
            var (handler, client) = Loop("m", new[] { Call });
            var seen = new List<string>();
            var tools = new ToolSet().Add(
                new ToolDefinition("weather", "Weather", "{\"type\":\"object\"}", false),
                (arguments, _) => { seen.Add(arguments.Json); return new ValueTask<string>("18 C"); });
            var options = new AgentOptions { ApproveToolCall = (_, _) => new ValueTask<ToolApproval>(ToolApproval.Edit("{\"location\":\"Florence, Italy\"}")) };

            await client.RunAgentAsync(new[] { ModelMessage.User("weather?") }, tools, options).GetResultAsync();

            Assert.Equal(new[] { "{\"location\":\"Florence, Italy\"}" }, seen);
            Assert.Equal("{\"location\":\"Florence\"}", Message(handler, 1, 1).GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
            Assert.Equal("18 C", Message(handler, 1, 2).GetProperty("content").GetString());
        }

        [Fact]
        public async Task A_forced_tool_can_be_sent_without_strict_mode_with_the_natural_schema()
        {
            const string Document = "{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\"],\"published_year\":1954,\"title\":\"The Lord of the Rings\"}";
            var chunks = new[]
            {
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"Book\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(Document.Substring(0, 40)) + "}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(Document.Substring(40)) + "}}]},\"finish_reason\":\"stop\"}]}",
            };
            var handler = new StubSseHandler(StubSseHandler.Events(chunks));
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(handler));

            var stream = client.GenerateBookStreamAsync("a book", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall, StrictForcedTool = false });
            var partials = 0;
            await foreach (var _ in stream) partials++;

            Assert.True(partials >= 2);
            Assert.Equal("The Lord of the Rings", stream.Result.Value.Title);
            Assert.Equal(1954, stream.Result.Value.PublishedYear);
            using var request = JsonDocument.Parse(handler.RequestBodies.Single());
            var function = request.RootElement.GetProperty("tools")[0].GetProperty("function");
            Assert.False(function.GetProperty("strict").GetBoolean());
            Assert.Equal(JsonDocument.Parse(Book.StructuredOutput.NaturalJsonSchema).RootElement.GetRawText(), function.GetProperty("parameters").GetRawText());
            Assert.NotEqual(JsonDocument.Parse(Book.JsonSchema).RootElement.GetRawText(), function.GetProperty("parameters").GetRawText());
        }
    }
}
