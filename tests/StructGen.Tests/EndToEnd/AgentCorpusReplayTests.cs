using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.CassetteCorpus;
using StructGen.Tools;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>
    /// Every corpus cassette that records a whole tool loop (request with tools → tool calls → the
    /// next request carrying the calls and their results → … → answer) replayed by the agent loop
    /// itself: from the first request's messages only, the loop must write every later request the
    /// recording holds, streamed or not as the recording was. Each tool answers with the result the
    /// recording sent for that call.
    /// </summary>
    public class AgentCorpusReplayTests
    {
        public static IEnumerable<object[]> ToolLoopCassettes() =>
            CorpusCassettes.Paths()
                .Where(path => IsToolLoop(CassetteLoader.Load(CorpusCassettes.Resolve(path))))
                .Select(path => new object[] { path });

        [Fact]
        public void The_corpus_has_the_recorded_tool_sessions()
        {
            var cassettes = ToolLoopCassettes().Select(c => (string)c[0]).ToList();
            Assert.Contains("cassettes/openai-o4-mini/tool_streaming.yaml", cassettes);
            Assert.Contains("cassettes/openai-gpt-4o-mini/tool_streaming.yaml", cassettes);
            Assert.Contains("ProviderShapes/openrouter-tools-nonstreamed.yaml", cassettes); // AgentOptions.Streaming = false
        }

        [Theory]
        [MemberData(nameof(ToolLoopCassettes))]
        public async Task The_agent_loop_writes_every_recorded_request_from_the_first_ones_messages(string cassettePath)
        {
            var cassette = CassetteLoader.Load(CorpusCassettes.Resolve(cassettePath));
            for (int k = 1; k < cassette.Interactions.Count; k++)
            {
                var request = cassette.Interactions[k].Request;
                request.Body = WithAllReasoningDetailsOfTheAnswer(request.Body, cassette.Interactions[k - 1].Response.Body);
            }

            var requests = cassette.Interactions.Select(i => RecordedRequest.From(i.Request)).ToList();
            var results = RecordedToolResults(requests);
            var tools = new ToolSet();
            var invoked = new List<string>();
            using (var definitions = JsonDocument.Parse(requests[0].ToolsJson!))
            {
                foreach (var tool in definitions.RootElement.EnumerateArray())
                {
                    var function = tool.GetProperty("function");
                    var name = function.GetProperty("name").GetString()!;
                    var parameters = function.TryGetProperty("parameters", out var p) ? p.GetRawText() : "{}";
                    var strict = function.TryGetProperty("strict", out var s) && s.ValueKind == JsonValueKind.True;
                    var description = function.TryGetProperty("description", out var d) ? d.GetString() : null;
                    tools.Add(new ToolDefinition(name, description, parameters, strict), (arguments, _) =>
                    {
                        lock (invoked) invoked.Add(name);
                        return new ValueTask<string>(results.Dequeue(name, arguments.Json));
                    });
                }
            }

            var handler = new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = ChunkingMode.EventBoundaries });
            var options = new ChatCompletionsClientOptions { Endpoint = requests[0].Endpoint, Defaults = new ChatRequestOptions(), MaxRetries = 0 };
            using var client = new ChatCompletionsClient(options, new HttpClient(handler));
            // Send reasoning_details and the reasoning text back exactly when the recording did.
            var sent = requests.Skip(1).SelectMany(r => r.Messages).SelectMany(m => m.Reasoning).ToList();
            bool sentDetails = sent.Any(ReasoningText.IsDetails), sentText = sent.Any(ReasoningText.IsText);
            var agentOptions = new AgentOptions
            {
                Request = requests[0].Options,
                MaxSteps = requests.Count,
                RunToolsInParallel = false,
                Streaming = requests[0].Stream,
                ReasoningReplay = sentDetails && sentText ? ReasoningReplay.Both : sentDetails ? ReasoningReplay.ReasoningDetails : sentText ? ReasoningReplay.ReasoningContent : ReasoningReplay.None,
            };

            var run = client.RunAgentAsync(requests[0].Messages, tools, agentOptions);
            var events = new List<AgentEvent>();
            await foreach (var e in run) events.Add(e);

            handler.AssertAllUsed();
            Assert.Equal(requests.Count, run.Result.Steps);
            Assert.Equal(AgentStopReason.Completed, run.Result.StopReason);
            Assert.Equal(results.Count, invoked.Count);
            Assert.Equal(invoked.Count, events.Count(e => e.Kind == AgentEventKind.ToolResult));
            Assert.DoesNotContain(events, e => e.Kind == AgentEventKind.ToolResult && e.IsError);
        }

        // A cassette records a tool loop when every request is streamed (or none is), the first offers tools, and
        // each later request answers the calls of the one before it with tool messages.
        private static bool IsToolLoop(Cassette cassette)
        {
            if (cassette.Interactions.Count < 2 || cassette.Interactions.Any(i => i.Response.Code != 200)) return false;
            try
            {
                var requests = cassette.Interactions.Select(i => RecordedRequest.From(i.Request)).ToList();
                if (requests.Any(r => r.Stream != requests[0].Stream) || requests[0].ToolsJson is null) return false;
                if (requests[0].TypedMessages != requests[0].Messages.Count) return false;
                for (int k = 1; k < requests.Count; k++)
                {
                    var calls = requests[k].LastAssistantToolCalls();
                    if (calls.Count == 0 || requests[k].Messages.Count <= requests[k - 1].Messages.Count) return false;
                    if (!calls.All(c => requests[k].Messages.Any(m => m.Role == MessageRole.Tool && m.ToolResults.Any(r => r.CallId == c.Id)))) return false;
                    if (!ReasoningSentBackCameFromTheAnswer(requests[k], cassette.Interactions[k - 1].Response.Body)) return false;
                }

                return true;
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
            {
                return false;
            }
        }

        // Some client libraries send back reasoning_details the answer never held (a placeholder entry of
        // another type): no agent loop can write that request, so such a recording is not a loop to re-run
        // (the per-request corpus test still replays it).
        private static bool ReasoningSentBackCameFromTheAnswer(RecordedRequest request, string answer)
        {
            var assistant = request.Messages.LastOrDefault(m => m.Role == MessageRole.Assistant && m.ToolCalls.Count > 0);
            if (assistant?.Reasoning.FirstOrDefault(ReasoningText.IsDetails)?.PayloadJson is not { } sent) return true;
            using var details = JsonDocument.Parse(sent);
            foreach (var entry in details.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) continue;
                foreach (var name in new[] { "type", "format" })
                {
                    if (entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
                        !answer.Contains("\"" + name + "\":\"" + value.GetString() + "\"", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        // OpenRouter asks for reasoning_details to go back unmodified, and the loop does so; some recorders sent back only
        // a subset (the encrypted entry without the summary). When every entry they sent is one of the answer's, the
        // recorded request is judged as if the whole array had gone back (a whole JSON answer only; streamed answers
        // are compared as recorded).
        internal static string WithAllReasoningDetailsOfTheAnswer(string body, string answer)
        {
            var trimmed = answer.TrimStart();
            if (!trimmed.StartsWith('{') || !body.Contains("\"reasoning_details\"", StringComparison.Ordinal)) return body;
            JsonNode? received;
            JsonNode? root;
            try
            {
                received = JsonNode.Parse(trimmed)?["choices"]?[0]?["message"]?["reasoning_details"];
                root = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return body;
            }

            if (received is not JsonArray all || root?["messages"] is not JsonArray messages) return body;
            var assistant = messages.LastOrDefault(m => (string?)m?["role"] == "assistant" && m?["reasoning_details"] is JsonArray);
            if (assistant?["reasoning_details"] is not JsonArray sent || sent.Count >= all.Count) return body;
            static JsonNode? WithoutIndex(JsonNode? entry)
            {
                var copy = entry?.DeepClone();
                (copy as JsonObject)?.Remove("index");
                return copy;
            }

            if (!sent.All(entry => all.Any(candidate => JsonNode.DeepEquals(WithoutIndex(entry), WithoutIndex(candidate))))) return body;
            assistant["reasoning_details"] = all.DeepClone();
            return root.ToJsonString();
        }

        private static RecordedResults RecordedToolResults(IReadOnlyList<RecordedRequest> requests)
        {
            var results = new RecordedResults();
            for (int k = 1; k < requests.Count; k++)
            {
                var messages = requests[k].Messages;
                var calls = requests[k].LastAssistantToolCalls();
                foreach (var call in calls)
                {
                    var answer = messages.Last(m => m.Role == MessageRole.Tool && m.ToolResults.Any(r => r.CallId == call.Id));
                    results.Add(call.Name, call.Arguments, answer.ToolResults.First(r => r.CallId == call.Id).Content);
                }
            }

            return results;
        }

        /// <summary>The recorded result of each call, looked up by tool name and arguments (ids are the model's, not ours).</summary>
        private sealed class RecordedResults
        {
            private readonly List<(string Name, string Arguments, string Result)> _results = new List<(string, string, string)>();

            public int Count { get; private set; }

            public void Add(string name, string arguments, string result)
            {
                _results.Add((name, arguments, result));
                Count++;
            }

            // Arguments compare as JSON; a model that wrote invalid JSON is matched on the exact text.
            private static bool SameArguments(string recorded, string actual)
            {
                try
                {
                    return JsonSemanticDiff.AreEquivalent(recorded, actual);
                }
                catch (JsonException)
                {
                    return string.Equals(recorded, actual, StringComparison.Ordinal);
                }
            }

            public string Dequeue(string name, string arguments)
            {
                lock (_results)
                {
                    int index = _results.FindIndex(r => r.Name == name && SameArguments(r.Arguments, arguments));
                    if (index < 0) throw new InvalidOperationException($"The recording has no result for {name}({arguments}).");
                    var result = _results[index].Result;
                    _results.RemoveAt(index);
                    return result;
                }
            }
        }
    }
}
