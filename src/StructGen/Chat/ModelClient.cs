using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>
    /// A client of one wire protocol (chat completions, the Responses API, Anthropic Messages,
    /// Gemini…). Each implements one method, <see cref="StreamCoreAsync"/>, which turns a neutral
    /// <see cref="ModelRequest"/> into neutral <see cref="ChatStreamUpdate"/>s; everything else
    /// (typed partials, element streams, validation and repair, forced-tool mode, the agent loop and
    /// the generated <c>Generate{Type}Async</c> methods) is written once, here and above.
    /// </summary>
    public abstract class ModelClient : IDisposable
    {
        private const string SchemaInstruction = "Answer with one JSON object, and nothing else, that is valid against this JSON Schema:\n";

        /// <summary>Creates a client with these settings.</summary>
        /// <param name="options">Endpoint, key, model, defaults and transport settings.</param>
        protected ModelClient(ModelClientOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Endpoint is null) throw new ArgumentException(options.GetType().Name + ".Endpoint is required.", nameof(options));
        }

        /// <summary>The client's settings.</summary>
        public ModelClientOptions Options { get; }

        /// <summary>How structured output is asked for when a request does not say (<see cref="ChatRequestOptions.StructuredOutputMode"/>).</summary>
        protected virtual StructuredOutputMode DefaultStructuredOutputMode => StructuredOutputMode.ResponseFormat;

        /// <summary>Whether a forced tool that carries structured output is sent in strict mode, unless the request says (<see cref="ChatRequestOptions.StrictForcedTool"/>).</summary>
        protected virtual bool StrictForcedTool => true;

        /// <summary>Which reasoning the agent loop sends back with the assistant's messages unless the run says (<see cref="Tools.AgentOptions.ReasoningReplay"/>).</summary>
        protected virtual ReasoningReplay DefaultReasoningReplay => ReasoningReplay.Auto;

        internal ReasoningReplay ReasoningReplayForAgents => DefaultReasoningReplay;

        /// <summary>
        /// Sends <paramref name="request"/> and yields its answer as neutral updates, in order. Tool
        /// calls are numbered 0, 1, 2… in order of appearance; a <see cref="ChatStreamUpdateKind.Finished"/>
        /// update ends a complete answer (a source that ends without one is reported as truncated).
        /// Failures are thrown as <see cref="ChatApiException"/> or <see cref="ChatStreamException"/>.
        /// </summary>
        /// <param name="request">The request, options merged with the client's defaults.</param>
        /// <param name="state">What the stream has folded from the updates so far (read it for failure messages).</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        protected abstract IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken);

        /// <summary>Starts a streamed answer; the request is sent when enumeration begins.</summary>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Per-request settings (override the client defaults).</param>
        /// <param name="cancellationToken">Cancels the request and the stream.</param>
        public ChatStream StreamAsync(IEnumerable<ModelMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            CreateStream(Materialize(messages), Resolve(options), stream: true, cancellationToken);

        /// <summary>
        /// Sends a non-streamed request and returns the whole answer: content, reasoning, tool calls,
        /// usage and finish reason, decoded by the same code as a stream, with the same typed failures.
        /// </summary>
        public async Task<ChatStreamState> CompleteAsync(IEnumerable<ModelMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var stream = CreateStream(Materialize(messages), Resolve(options), stream: false, cancellationToken);
            await foreach (var _ in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
            }

            return stream.State;
        }

        /// <summary>Streams the assistant's text deltas; usage and finish reason are on the returned stream.</summary>
        public TextStream StreamTextAsync(IEnumerable<ModelMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            new TextStream(StreamAsync(messages, options, cancellationToken));

        /// <summary>Streams typed partials of <typeparamref name="T"/>, asking for its generated schema.</summary>
        /// <param name="type">The generated descriptor (<c>T.StructuredOutput</c>).</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Per-request settings; the response format (or forced tool) is set from <paramref name="type"/>.</param>
        /// <param name="cancellationToken">Cancels the request and the stream.</param>
        public StructuredStream<T, TPartial> StreamStructuredAsync<T, TPartial>(
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ModelMessage> messages,
            ChatRequestOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            var resolved = Resolve(options);
            var conversation = Materialize(messages);
            var mode = resolved.StructuredOutputMode ?? DefaultStructuredOutputMode;
            switch (mode)
            {
                case StructuredOutputMode.ForcedToolCall:
                    resolved.Tools = new[] { type.AsTool(resolved.StrictForcedTool ?? StrictForcedTool) };
                    resolved.ToolChoice = ToolChoice.Tool(type.Name);
                    break;
                case StructuredOutputMode.JsonObject:
                    resolved.ResponseFormat = ResponseFormat.JsonObject;
                    conversation = WithSchemaInstruction(type.JsonSchema, conversation);
                    break;
                default:
                    resolved.ResponseFormat = type.ResponseFormat;
                    break;
            }

            var stream = CreateStream(conversation, resolved, stream: resolved.Stream != false, cancellationToken);
            return new StructuredStream<T, TPartial>(stream, type.CreateParser(), mode == StructuredOutputMode.ForcedToolCall, resolved.PartialPublication);
        }

        /// <summary>
        /// Gets a complete, validated <typeparamref name="T"/> (streamed on the wire, returned at the end).
        /// With <see cref="ChatRequestOptions.RepairAttempts"/> set, an invalid answer is sent back
        /// with the validation error and the model is asked again.
        /// </summary>
        /// <exception cref="StructuredOutputRepairException">Every attempt failed validation.</exception>
        public async Task<StructuredResult<T>> GenerateStructuredAsync<T, TPartial>(
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ModelMessage> messages,
            ChatRequestOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            int repairs = Math.Max(0, options?.RepairAttempts ?? Options.Defaults?.RepairAttempts ?? 0);
            var conversation = new List<ModelMessage>(Materialize(messages));
            var failures = new List<StructuredOutputException>();
            ChatUsage? usage = null;
            while (true)
            {
                var stream = StreamStructuredAsync(type, conversation, options, cancellationToken);
                try
                {
                    var result = await stream.GetResultAsync(cancellationToken).ConfigureAwait(false);
                    return failures.Count == 0 ? result : result.WithUsage(Sum(usage, result.Usage), failures.Count + 1);
                }
                catch (StructuredOutputException ex) when (repairs > 0 || failures.Count > 0)
                {
                    usage = Sum(usage, stream.Usage);
                    failures.Add(ex);
                    if (failures.Count > repairs) throw new StructuredOutputRepairException(failures, usage);
                    conversation.Add(ModelMessage.Assistant(stream.StructuredText));
                    conversation.Add(ModelMessage.User(
                        "Your previous answer was not valid for the required JSON schema. " + ex.Message +
                        " Answer again with the complete, corrected JSON document only."));
                }
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the client owns (its <c>HttpClient</c> when it made one).</summary>
        protected virtual void Dispose(bool disposing)
        {
        }

        /// <inheritdoc />
        public override string ToString() => GetType().Name + "(" + Options + ")";

        /// <summary>A stream over this client's answer to one request.</summary>
        internal ChatStream CreateStream(IReadOnlyList<ModelMessage> messages, ChatRequestOptions resolved, bool stream, CancellationToken cancellationToken)
        {
            if (resolved.Model is null)
            {
                throw new InvalidOperationException(
                    "No model is set: set " + Options.GetType().Name + ".Model or ChatRequestOptions.Model (an empty string sends no model, for endpoints that pick the model themselves).");
            }

            var request = new ModelRequest(messages, resolved, stream && resolved.Stream != false);
            return new ChatStream((state, token) => StreamCoreAsync(request, state, token), cancellationToken);
        }

        /// <summary>The per-request options merged over the client's defaults (a new object).</summary>
        internal ChatRequestOptions Resolve(ChatRequestOptions? options)
        {
            var defaults = Options.Defaults ?? new ChatRequestOptions();
            var resolved = (options ?? new ChatRequestOptions()).Clone();
            resolved.Model ??= defaults.Model ?? Options.Model;
            resolved.MaxCompletionTokens ??= defaults.MaxCompletionTokens;
            resolved.MaxTokens ??= defaults.MaxTokens;
            resolved.Temperature ??= defaults.Temperature;
            resolved.TopP ??= defaults.TopP;
            resolved.Seed ??= defaults.Seed;
            resolved.ReasoningEffort ??= defaults.ReasoningEffort;
            resolved.IncludeUsage ??= defaults.IncludeUsage;
            resolved.ResponseFormat ??= defaults.ResponseFormat;
            resolved.Tools ??= defaults.Tools;
            resolved.ToolChoice ??= defaults.ToolChoice;
            resolved.ParallelToolCalls ??= defaults.ParallelToolCalls;
            resolved.StructuredOutputMode ??= defaults.StructuredOutputMode;
            resolved.StrictForcedTool ??= defaults.StrictForcedTool;
            resolved.Stream ??= defaults.Stream;
            resolved.PartialPublication ??= defaults.PartialPublication;
            if (defaults.AdditionalProperties is { Count: > 0 } extra)
            {
                var merged = resolved.AdditionalProperties ??= new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in extra)
                {
                    if (!merged.ContainsKey(pair.Key)) merged[pair.Key] = pair.Value;
                }
            }

            return resolved;
        }

        /// <summary>The instruction JSON mode needs (providers require the word "JSON" in the prompt), placed first.</summary>
        internal static IReadOnlyList<ModelMessage> WithSchemaInstruction(string schema, IReadOnlyList<ModelMessage> messages)
        {
            var list = new List<ModelMessage>(messages.Count + 1) { ModelMessage.System(SchemaInstruction + schema) };
            list.AddRange(messages);
            return list;
        }

        internal static IReadOnlyList<ModelMessage> Materialize(IEnumerable<ModelMessage> messages)
        {
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var list = messages as IReadOnlyList<ModelMessage> ?? messages.ToList();
            if (list.Count == 0) throw new ArgumentException("At least one message is required.", nameof(messages));
            return list;
        }

        private static ChatUsage? Sum(ChatUsage? a, ChatUsage? b) => a is null ? b : b is null ? a : a + b;
    }
}
