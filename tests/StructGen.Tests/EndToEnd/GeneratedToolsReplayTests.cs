using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>The recorded tool sessions and constructed streams through the agent loop, with tool sets
    /// generated from [Tool] methods (no hand-written definitions or argument parsing).</summary>
    public class GeneratedToolsReplayTests
    {
        [Theory]
        [InlineData("openai-o4-mini/tool_streaming.yaml", "o4-mini", true)]
        [InlineData("openai-gpt-4o-mini/tool_streaming.yaml", "gpt-4o-mini", false)]
        public async Task Agent_loop_with_the_generated_tool_set_replays_both_requests_and_runs_the_tool_once(string cassette, string model, bool completionTokens)
        {
            var (client, handler) = Cassettes.Client(cassette, model, d =>
            {
                if (completionTokens) d.MaxCompletionTokens = 4000;
                else d.MaxTokens = 4000;
            });
            var weather = new WeatherTools();
            var run = client.RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            // Both requests matched the recording (the replay handler compares every body semantically).
            handler.AssertAllUsed();
            Assert.Equal(new[] { "Florence, Italy" }, weather.Calls);
            Assert.Equal(2, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal("stop", run.Result.FinishReason?.Value);

            var (recordedText, recordedUsage) = Recorded(cassette);
            Assert.Equal(recordedText, run.Result.Text);
            Assert.Equal(recordedText, string.Concat(events.Where(e => e.Kind == AgentEventKind.TextDelta).Select(e => e.Text)));
            Assert.Equal(recordedUsage, (run.Result.Usage!.PromptTokens, run.Result.Usage.CompletionTokens, run.Result.Usage.TotalTokens));

            var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
            Assert.Equal("40 C", result.Result);
            Assert.False(result.IsError);
            Assert.Equal("weather", result.ToolName);
            Assert.Single(events, e => e.Kind == AgentEventKind.ToolCallStarted);
            Assert.Equal("{\"location\":\"Florence, Italy\"}", string.Concat(events.Where(e => e.Kind == AgentEventKind.ToolCallArgumentsDelta).Select(e => e.Text)));

            // The conversation carries the assistant tool call and the tool result, as recorded.
            Assert.Equal(new[] { "system", "user", "assistant", "tool", "assistant" }, run.Result.Messages.Select(m => m.Role.Value));
            Assert.Equal("{\"location\":\"Florence, Italy\"}", Assert.Single(run.Result.Messages[2].ToolCalls).Arguments);
            Assert.Equal("40 C", run.Result.Messages[3].ToolResults[0].Content);
        }

        [Theory]
        [InlineData("openai-o4-mini/tool_streaming.yaml")]
        [InlineData("openai-gpt-4o-mini/tool_streaming.yaml")]
        public void Generated_tools_json_is_the_recorded_tools_array(string cassette)
        {
            var recorded = JsonNode.Parse(CassetteLoader.Load(Cassettes.PathOf(cassette)).Interactions[0].Request.Body)!["tools"];
            Assert.True(JsonNode.DeepEquals(recorded, JsonNode.Parse(WeatherTools.ToolsJson)), WeatherTools.ToolsJson);
            ToolDefinition definition = Assert.Single(WeatherTools.ToolDefinitions);
            Assert.Equal("weather", definition.Name);
            Assert.Equal("Get weather information for a location", definition.Description);
            Assert.False(definition.Strict);
            Assert.True(JsonNode.DeepEquals(recorded![0]!["function"]!["parameters"], JsonNode.Parse(definition.ParametersJsonSchema)));
        }

        [Fact]
        public void Partial_arguments_stream_through_the_generated_arguments_type()
        {
            // The argument fragments exactly as the recorded o4-mini session streamed them.
            string[] fragments = { "{\"", "location", "\":\"", "Flor", "ence", ",", " Italy", "\"}" };
            var parser = WeatherTools.WeatherArguments.StructuredOutput.CreateParser();
            var seen = new List<string?>();
            foreach (string fragment in fragments)
            {
                if (parser.Append(fragment)) seen.Add(parser.Current!.Location);
            }

            WeatherTools.WeatherArguments arguments = parser.Complete();
            Assert.Equal("Florence, Italy", arguments.Location);
            Assert.Equal(new[] { null, "", "Flor", "Florence", "Florence,", "Florence, Italy" }, seen.Distinct());
            Assert.All(seen.Where(s => s is not null), s => Assert.StartsWith(s!, "Florence, Italy"));
            Assert.Equal(Streaming.FieldState.Complete, parser.Current!.LocationState);
        }

        [Fact]
        public async Task Record_parameters_and_optional_parameters_are_read_by_generated_code()
        {
            ToolSet tools = new TravelTools().AsToolSet();
            string full = await tools.InvokeAsync("plan_trip", """{"trip":{"from":"Rome","to":"Milan","date":"2025-05-01","stops":["Florence","Bologna"]},"travellers":3}""");
            Assert.Equal("Rome->Florence->Bologna->Milan on 2025-05-01 for 3", full);

            string defaulted = await tools.InvokeAsync("plan_trip", """{"trip":{"from":"Rome","to":"Milan","date":"2025-05-01","stops":[]}}""");
            Assert.Equal("Rome->->Milan on 2025-05-01 for 1", defaulted);
        }

        [Fact]
        public async Task Results_are_text_json_or_ok()
        {
            var travel = new TravelTools();
            ToolSet tools = travel.AsToolSet();
            Assert.Equal(
                """{"city":"Florence","temperature":104,"unit":"fahrenheit","humidity":null,"notes":["hot","dry \"air\""]}""",
                await tools.InvokeAsync("reading", """{"city":"Florence","unit":"fahrenheit"}"""));
            Assert.Equal("ok", await tools.InvokeAsync("note", """{"text":"remember"}"""));
            Assert.Contains("note:remember", travel.Calls);
            Assert.Equal("212", await tools.InvokeAsync("convert", """{"value":100,"to":"fahrenheit","from":null}"""));

            ToolSet math = MathTools.CreateToolSet();
            Assert.Equal(new[] { "add", "sum" }, math.Definitions.Select(d => d.Name));
            Assert.Equal("5", await math.InvokeAsync("add", """{"a":2,"b":3}"""));
            Assert.Equal("6", await math.InvokeAsync("sum", """{"values":[1,2,3]}"""));
        }

        [Fact]
        public async Task Scalar_formats_and_polymorphic_results_round_trip_through_generated_code()
        {
            ToolSet tools = new EchoTools().AsToolSet();
            const string stamp = """{"at":"2025-05-01T10:30:00Z","offset":"2025-05-01T10:30:00+02:00","id":"0f8fad5b-d9cb-469f-a165-70867728950e","took":"PT1H30M","link":"https://example.com/a?b=c","day":"2025-05-01","time":"10:30:15.5","initial":"é","price":12.50,"big":9007199254740993,"small":255,"missing":null}""";
            string echoed = await tools.InvokeAsync("echo_stamp", "{\"stamp\":" + stamp + "}");
            Assert.Equal(stamp, echoed);

            Assert.Equal("""{"kind":"circle","radius":1.5}""", await tools.InvokeAsync("make_shape", """{"sides":0}"""));
            Assert.Equal("""{"kind":"square","side":2}""", await tools.InvokeAsync("make_shape", """{"sides":4}"""));
            Assert.Equal("null", await tools.InvokeAsync("make_shape", """{"sides":3}"""));
        }

        [Fact]
        public void Strict_tools_send_the_strict_schema()
        {
            ToolDefinition convert = TravelTools.ToolDefinitions.Single(d => d.Name == "convert");
            Assert.True(convert.Strict);
            var schema = JsonNode.Parse(convert.ParametersJsonSchema)!;
            Assert.False(schema["additionalProperties"]!.GetValue<bool>());
            Assert.Equal("[\"value\",\"to\",\"from\"]", schema["required"]!.ToJsonString());
        }

        [Theory]
        [InlineData("""{"trip":{"from":"Rome","to":"Milan","date":"May first","stops":[]}}""", StructuredOutputErrorKind.InvalidFormat, "$.trip.date")]
        [InlineData("""{"trip":{"from":"Rome","date":"2025-05-01","stops":[]}}""", StructuredOutputErrorKind.MissingMember, "$.trip.to")]
        [InlineData("""{"travellers":2}""", StructuredOutputErrorKind.MissingMember, "$.trip")]
        [InlineData("""{"trip":{"from":"Rome","to":"Milan","date":"2025-05-01","stops":[1]}}""", StructuredOutputErrorKind.WrongType, "$.trip.stops[0]")]
        [InlineData("""{"trip":""", StructuredOutputErrorKind.Truncated, null)]
        public async Task Invalid_arguments_raise_StructuredOutputException_with_the_json_path(string arguments, StructuredOutputErrorKind kind, string? path)
        {
            var travel = new TravelTools();
            var ex = await Assert.ThrowsAsync<StructuredOutputException>(async () => await travel.AsToolSet().InvokeAsync("plan_trip", arguments));
            Assert.Equal(kind, ex.Kind);
            if (path is not null) Assert.Equal(path, ex.Path);
            Assert.Empty(travel.Calls);
        }

        [Fact]
        public async Task Unknown_tool_names_the_available_tools()
        {
            var ex = await Assert.ThrowsAsync<UnknownToolException>(async () => await new WeatherTools().AsToolSet().InvokeAsync("forecast", "{}"));
            Assert.Equal("The model called an unknown tool 'forecast'. Available tools: weather.", ex.Message);
        }

        [Fact]
        public async Task Two_interleaved_parallel_calls_are_both_dispatched_with_their_arguments()
        {
            var handler = new StubSseHandler(
                Sse(
                    Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":""}}]}"""),
                    Chunk("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"weather","arguments":""}}]}"""),
                    Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":\"Flor"}}]}"""),
                    Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"{\"location\":"}}]}"""),
                    Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"\"Paris, France\"}"}}]}"""),
                    Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"ence, Italy\"}"}}]}"""),
                    Chunk("{}", "tool_calls")),
                Sse(Chunk("""{"role":"assistant","content":"Both are hot."}"""), Chunk("{}", "stop")));
            var weather = new WeatherTools();
            var run = Client(handler).RunAgentAsync(WeatherPrompts.Florence, weather.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal(new[] { "Florence, Italy", "Paris, France" }, weather.Calls.OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal("Both are hot.", run.Result.Text);
            var results = events.Where(e => e.Kind == AgentEventKind.ToolResult).ToList();
            Assert.Equal(new[] { "call_a", "call_b" }, results.Select(r => r.ToolCall!.Id));
            Assert.All(results, r => Assert.Equal("40 C", r.Result));

            var second = JsonNode.Parse(handler.Requests[1])!["messages"]!.AsArray();
            var assistant = second[2]!;
            Assert.Equal("{\"location\":\"Florence, Italy\"}", assistant["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
            Assert.Equal("{\"location\":\"Paris, France\"}", assistant["tool_calls"]![1]!["function"]!["arguments"]!.GetValue<string>());
            Assert.Equal(new[] { "call_a", "call_b" }, new[] { second[3]!["tool_call_id"]!.GetValue<string>(), second[4]!["tool_call_id"]!.GetValue<string>() });
            Assert.Equal(new[] { "40 C", "40 C" }, new[] { second[3]!["content"]!.GetValue<string>(), second[4]!["content"]!.GetValue<string>() });
        }

        [Fact]
        public async Task A_whole_call_in_one_chunk_is_dispatched()
        {
            var handler = new StubSseHandler(
                Sse(Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"add","arguments":"{\"a\":40,\"b\":2}"}}]}"""), Chunk("{}", "tool_calls")),
                Sse(Chunk("""{"role":"assistant","content":"42"}"""), Chunk("{}", "stop")));
            var run = Client(handler).RunAgentAsync(new[] { ModelMessage.User("40+2?") }, MathTools.CreateToolSet());
            AgentResult result = await run.GetResultAsync();

            Assert.Equal("42", result.Text);
            Assert.Equal("{\"a\":40,\"b\":2}", Assert.Single(result.Messages[1].ToolCalls).Arguments);
            Assert.Equal("42", result.Messages[2].ToolResults[0].Content);
            Assert.Equal("call_1", result.Messages[2].ToolResults[0].CallId);
        }

        [Fact]
        public async Task Invalid_arguments_and_unknown_tools_go_back_to_the_model_as_errors()
        {
            var handler = new StubSseHandler(
                Sse(
                    Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"plan_trip","arguments":"{\"trip\":{\"from\":\"Rome\"}}"}}]}"""),
                    Chunk("""{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"book_hotel","arguments":"{}"}}]}"""),
                    Chunk("""{"tool_calls":[{"index":2,"id":"call_3","type":"function","function":{"name":"fail","arguments":"{\"reason\":\"boom\"}"}}]}"""),
                    Chunk("{}", "tool_calls")),
                Sse(Chunk("""{"role":"assistant","content":"Sorry."}"""), Chunk("{}", "stop")));
            var travel = new TravelTools();
            var run = Client(handler).RunAgentAsync(new[] { ModelMessage.User("Plan it") }, travel.AsToolSet());
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            Assert.Equal("Sorry.", run.Result.Text);
            Assert.Empty(travel.Calls);
            var results = events.Where(e => e.Kind == AgentEventKind.ToolResult).ToList();
            Assert.All(results, r => Assert.True(r.IsError));
            Assert.Equal(
                "Error: invalid arguments for tool 'plan_trip': Missing required member at $.trip.to: expected a string but got nothing (the member is absent). Fix the arguments and call the tool again.",
                results[0].Result);
            Assert.Equal("Error: The model called an unknown tool 'book_hotel'. Available tools: plan_trip, reading, convert, note, fail.", results[1].Result);
            Assert.Equal("Error: tool 'fail' failed: boom", results[2].Result);

            var messages = JsonNode.Parse(handler.Requests[1])!["messages"]!.AsArray();
            Assert.Equal(results.Select(r => r.Result), messages.Skip(2).Select(m => m!["content"]!.GetValue<string>()));
        }

        [Fact]
        public async Task Throw_behavior_rethrows_the_argument_error()
        {
            var handler = new StubSseHandler(
                Sse(Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]}"""), Chunk("{}", "tool_calls")));
            var options = new AgentOptions { OnToolError = ToolErrorBehavior.Throw };
            var ex = await Assert.ThrowsAsync<StructuredOutputException>(async () => await Client(handler).RunAgentAsync(WeatherPrompts.Florence, new WeatherTools().AsToolSet(), options).GetResultAsync());
            Assert.Equal("$.location", ex.Path);
        }

        /// <summary>The final assistant text and the summed usage of a recorded tool session.</summary>
        private static (string Text, (int Prompt, int Completion, int Total) Usage) Recorded(string cassette)
        {
            var interactions = CassetteLoader.Load(Cassettes.PathOf(cassette)).Interactions;
            var text = new StringBuilder();
            int prompt = 0, completion = 0, total = 0;
            for (int i = 0; i < interactions.Count; i++)
            {
                foreach (string line in interactions[i].Response.Body.Split('\n'))
                {
                    if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
                    using var chunk = JsonDocument.Parse(line.Substring("data: ".Length));
                    if (chunk.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                    {
                        prompt += usage.GetProperty("prompt_tokens").GetInt32();
                        completion += usage.GetProperty("completion_tokens").GetInt32();
                        total += usage.GetProperty("total_tokens").GetInt32();
                    }

                    if (i == interactions.Count - 1)
                    {
                        foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                        {
                            if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                            {
                                text.Append(content.GetString());
                            }
                        }
                    }
                }
            }

            return (text.ToString(), (prompt, completion, total));
        }

        private static ChatCompletionsClient Client(HttpMessageHandler handler) =>
            new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "gpt-4o-mini", ApiKey = "sk-test-not-a-real-key" }, new HttpClient(handler));

        private static string Chunk(string delta, string? finishReason = null) =>
            "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":" + delta +
            ",\"finish_reason\":" + (finishReason is null ? "null" : "\"" + finishReason + "\"") + "}]}";

        private static string Sse(params string[] chunks) =>
            string.Concat(chunks.Select(c => "data: " + c + "\n\n")) + "data: [DONE]\n\n";

        /// <summary>Answers each request with the next constructed SSE body and keeps the request bodies.</summary>
        private sealed class StubSseHandler : HttpMessageHandler
        {
            private readonly Queue<string> _responses;

            public StubSseHandler(params string[] responses) => _responses = new Queue<string>(responses);

            public List<string> Requests { get; } = new();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(_responses.Dequeue(), Encoding.UTF8, "text/event-stream"),
                };
            }
        }
    }
}
