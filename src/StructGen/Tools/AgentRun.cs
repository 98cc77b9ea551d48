using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Tools
{
    /// <summary>
    /// A streaming agent loop: send the conversation with the tools, stream text and tool events,
    /// run the completed calls, append the assistant <c>tool_calls</c> message and one <c>tool</c>
    /// message per call, and repeat until the model answers without tools. Enumerate once;
    /// <see cref="Result"/> is available afterwards.
    /// </summary>
    public sealed class AgentRun : IAsyncEnumerable<AgentEvent>
    {
        private readonly ModelClient _client;
        private readonly List<ModelMessage> _messages;
        private readonly ToolSet _tools;
        private readonly AgentOptions _options;
        private readonly CancellationToken _cancellationToken;
        private AgentResult? _result;
        private int _started;

        internal AgentRun(ModelClient client, IEnumerable<ModelMessage> messages, ToolSet tools, AgentOptions? options, CancellationToken cancellationToken)
        {
            _client = client;
            _messages = new List<ModelMessage>(messages ?? throw new ArgumentNullException(nameof(messages)));
            _tools = tools ?? throw new ArgumentNullException(nameof(tools));
            _options = options ?? new AgentOptions();
            if (_options.MaxSteps < 1) throw new ArgumentOutOfRangeException(nameof(options), "AgentOptions.MaxSteps must be at least 1.");
            _cancellationToken = cancellationToken;
        }

        /// <summary>The outcome; available once enumeration completed.</summary>
        public AgentResult Result => _result ?? throw new InvalidOperationException("The result is available once the run has been read to the end (or use GetResultAsync).");

        /// <summary>Runs the loop to the end (if not already) and returns the outcome.</summary>
        public async Task<AgentResult> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (_result is null)
            {
                await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }

            return Result;
        }

        private IReadOnlyList<ReasoningContent>? ReasoningToSendBack(ChatStreamState state, bool toolCallTurn) =>
            ReasoningSelection.Select(state.ReasoningBlocks, _options.ReasoningReplay ?? _client.ReasoningReplayForAgents, toolCallTurn);

        /// <inheritdoc />
        public async IAsyncEnumerator<AgentEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("An agent run can be enumerated only once.");
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
            var token = linked.Token;
            var request = (_options.Request ?? new ChatRequestOptions()).Clone();
            // Tools written through the raw-JSON escape hatch are the caller's own payload: left as given.
            if (!HasRaw(request, "tools")) request.Tools ??= _tools.Definitions;
            if (!HasRaw(request, "tool_choice")) request.ToolChoice ??= ToolChoice.Auto;
            var resolved = _client.Resolve(request);
            ChatUsage? usage = null;

            for (int step = 1; ; step++)
            {
                var (stepMessages, stepRequest) = await PrepareStepAsync(step, resolved, token).ConfigureAwait(false);
                var stream = _client.CreateStream(stepMessages, stepRequest, _options.Streaming, token);
                var argumentParsers = new Dictionary<int, IPartialParser?>();
                await foreach (var update in stream.WithCancellation(token).ConfigureAwait(false))
                {
                    var mapped = Map(update, step, argumentParsers);
                    if (mapped is not null) yield return mapped;
                }

                var state = stream.State;
                if (state.Usage is { } stepUsage) usage = usage is null ? stepUsage : usage + stepUsage;
                yield return new AgentEvent(AgentEventKind.StepCompleted, step, finishReason: state.FinishReason, usage: state.Usage);

                // Built once: the message, the result and the stop condition share one string of the step's text.
                string content = state.Content;
                var calls = state.ToolCalls;
                if (calls.Count == 0)
                {
                    _messages.Add(ModelMessage.Assistant(content, null, ReasoningToSendBack(state, toolCallTurn: false)));
                    _result = new AgentResult(content, _messages, usage, step, AgentStopReason.Completed, state.FinishReason);
                    yield break;
                }

                _messages.Add(ModelMessage.Assistant(content.Length == 0 ? null : content, calls, ReasoningToSendBack(state, toolCallTurn: true)));
                var outcomes = await RunToolsAsync(calls, ParsedArguments(argumentParsers, calls.Count), token).ConfigureAwait(false);
                bool stop = false;
                for (int i = 0; i < calls.Count; i++)
                {
                    _messages.Add(ModelMessage.Tool(calls[i].Id, outcomes[i].Result, calls[i].Name, outcomes[i].IsError));
                    yield return new AgentEvent(AgentEventKind.ToolResult, step, toolCallIndex: i, toolName: calls[i].Name, toolCall: calls[i], result: outcomes[i].Result, isError: outcomes[i].IsError);
                    stop |= _options.StopAfterTools.Contains(calls[i].Name);
                }

                bool condition = !stop && _options.StopWhen is { } stopWhen &&
                    stopWhen(new AgentStepResult(step, content, calls, Array.ConvertAll(outcomes, o => o.Result), state.FinishReason, state.Usage, usage));
                if (stop || condition || step == _options.MaxSteps)
                {
                    var reason = stop ? AgentStopReason.StopTool : condition ? AgentStopReason.StopCondition : AgentStopReason.MaxSteps;
                    _result = new AgentResult(content, _messages, usage, step, reason, state.FinishReason);
                    yield break;
                }
            }
        }

        // The messages and options of one request: the loop's own, or what AgentOptions.PrepareStep returned.
        private async ValueTask<(IReadOnlyList<ModelMessage> Messages, ChatRequestOptions Request)> PrepareStepAsync(int step, ChatRequestOptions resolved, CancellationToken token)
        {
            if (_options.PrepareStep is not { } prepare) return (_messages, resolved);
            var overrides = await prepare(new AgentStepContext(step, _messages.AsReadOnly(), resolved.Clone()), token).ConfigureAwait(false);
            if (overrides is null) return (_messages, resolved);
            var request = overrides.Options is null ? resolved.Clone() : _client.Resolve(overrides.Options);
            if (overrides.Tools is { } tools)
            {
                request.Tools = tools.Count == 0 ? null : tools;
                if (tools.Count == 0) request.ToolChoice = null;
            }

            if (overrides.ToolChoice is not null) request.ToolChoice = overrides.ToolChoice;
            var messages = overrides.Messages ?? _messages;
            if (messages.Count == 0)
            {
                throw new InvalidOperationException($"AgentOptions.PrepareStep returned no messages for step {step}: return at least one, or leave AgentStepOverrides.Messages null to send the conversation.");
            }

            return (messages, request);
        }

        private static bool HasRaw(ChatRequestOptions request, string member) => request.AdditionalProperties?.ContainsKey(member) == true;

        private AgentEvent? Map(ChatStreamUpdate update, int step, Dictionary<int, IPartialParser?> argumentParsers) => update.Kind switch
        {
            ChatStreamUpdateKind.ContentDelta => new AgentEvent(AgentEventKind.TextDelta, step, update.Text),
            ChatStreamUpdateKind.ReasoningDelta => new AgentEvent(AgentEventKind.ReasoningDelta, step, update.Text),
            ChatStreamUpdateKind.ToolCallStarted => new AgentEvent(AgentEventKind.ToolCallStarted, step, toolCallIndex: update.ToolCallIndex, toolName: update.ToolName),
            ChatStreamUpdateKind.ToolCallArgumentsDelta => new AgentEvent(
                AgentEventKind.ToolCallArgumentsDelta, step, update.Text, update.ToolCallIndex, update.ToolName,
                partialArguments: PartialArguments(update, argumentParsers)),
            ChatStreamUpdateKind.ToolCallCompleted => new AgentEvent(AgentEventKind.ToolCallCompleted, step, toolCallIndex: update.ToolCallIndex, toolName: update.ToolName, toolCall: update.ToolCall),
            _ => null,
        };

        // Typed partial arguments for tools whose definition carries a generated parser. Invalid text
        // stops the parsing for that call only: the call itself fails (and is reported) when it runs.
        private object? PartialArguments(ChatStreamUpdate update, Dictionary<int, IPartialParser?> parsers)
        {
            if (!parsers.TryGetValue(update.ToolCallIndex, out var parser))
            {
                parser = update.ToolName is not null && _tools.TryGetDefinition(update.ToolName, out var definition) ? definition.CreateArgumentsParser?.Invoke() : null;
                parsers[update.ToolCallIndex] = parser;
            }

            if (parser is null) return null;
            try
            {
                parser.Append(update.Text);
                return parser.CurrentPartial;
            }
            catch (StructuredOutputException)
            {
                parsers[update.ToolCallIndex] = null;
                return null;
            }
        }

        // The typed arguments the streaming parsers already built, so a generated tool does not parse them
        // again. A call whose text is invalid gets none: its tool parses the text and reports the error.
        private static object?[] ParsedArguments(Dictionary<int, IPartialParser?> parsers, int count)
        {
            var values = new object?[count];
            foreach (var pair in parsers)
            {
                if (pair.Value is null || pair.Key >= count) continue;
                try
                {
                    values[pair.Key] = pair.Value.Complete();
                }
                catch (StructuredOutputException)
                {
                }
            }

            return values;
        }

        private async Task<(string Result, bool IsError)[]> RunToolsAsync(IReadOnlyList<ToolCall> calls, object?[] parsed, CancellationToken token)
        {
            var approvals = await ApproveAsync(calls, token).ConfigureAwait(false);
            var results = new (string, bool)[calls.Count];
            if (_options.RunToolsInParallel && calls.Count > 1)
            {
                var tasks = new Task<(string, bool)>[calls.Count];
                for (int i = 0; i < calls.Count; i++) tasks[i] = RunApprovedAsync(calls[i], parsed[i], approvals?[i], token);
                return await Task.WhenAll(tasks).ConfigureAwait(false);
            }

            for (int i = 0; i < calls.Count; i++) results[i] = await RunApprovedAsync(calls[i], parsed[i], approvals?[i], token).ConfigureAwait(false);
            return results;
        }

        // Every decision is taken before any call runs: an approval may ask a person, one call at a time.
        private async Task<ToolApproval[]?> ApproveAsync(IReadOnlyList<ToolCall> calls, CancellationToken token)
        {
            if (_options.ApproveToolCall is not { } approve) return null;
            var approvals = new ToolApproval[calls.Count];
            for (int i = 0; i < calls.Count; i++)
            {
                approvals[i] = await approve(calls[i], token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"AgentOptions.ApproveToolCall returned null for the call to '{calls[i].Name}': return ToolApproval.Approve, ToolApproval.Deny(message) or ToolApproval.Edit(arguments).");
            }

            return approvals;
        }

        private Task<(string, bool)> RunApprovedAsync(ToolCall call, object? parsed, ToolApproval? approval, CancellationToken token) => approval?.Kind switch
        {
            ToolApprovalKind.Denied => Task.FromResult((approval.Message!, true)),
            ToolApprovalKind.Edited => RunToolAsync(new ToolCall(call.Id, call.Name, approval.Arguments!, call.Signature), parsed: null, token),
            _ => RunToolAsync(call, parsed, token),
        };

        private async Task<(string, bool)> RunToolAsync(ToolCall call, object? parsed, CancellationToken token)
        {
            try
            {
                return (await _tools.InvokeAsync(call.Name, new ToolArguments(call.Arguments, parsed), token).ConfigureAwait(false), false);
            }
            catch (Exception ex) when (_options.OnToolError == ToolErrorBehavior.ReturnErrorToModel && ex is not OperationCanceledException)
            {
                return (DescribeError(call, ex), true);
            }
        }

        private static string DescribeError(ToolCall call, Exception ex) => ex switch
        {
            UnknownToolException unknown => "Error: " + unknown.Message,
            StructuredOutputException invalid => $"Error: invalid arguments for tool '{call.Name}': {invalid.Message} Fix the arguments and call the tool again.",
            _ => $"Error: tool '{call.Name}' failed: {ex.Message}",
        };
    }

    /// <summary>Agent-loop methods on <see cref="ChatCompletionsClient"/>.</summary>
    public static class AgentExtensions
    {
        /// <summary>Starts a streaming agent loop over <paramref name="tools"/>; the first request is sent when enumeration begins.</summary>
        public static AgentRun RunAgentAsync(this ModelClient client, IEnumerable<ModelMessage> messages, ToolSet tools, AgentOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            return new AgentRun(client, messages, tools, options, cancellationToken);
        }
    }
}
