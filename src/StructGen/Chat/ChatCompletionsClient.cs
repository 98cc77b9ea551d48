using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for OpenAI-compatible chat-completions endpoints (OpenAI, Azure OpenAI's v1 API,
    /// OpenRouter, Groq, xAI, vLLM, llama.cpp, Ollama…). Generated <c>Generate{Type}Async</c> and
    /// <c>Generate{Type}StreamAsync</c> methods extend it.
    /// </summary>
    public sealed class ChatCompletionsClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ChatTransport _transport;

        /// <summary>Creates a client.</summary>
        /// <param name="options">Endpoint, key, model and defaults.</param>
        /// <param name="httpClient">The HTTP client to use (not disposed by this client); a new one when <see langword="null"/>.</param>
        public ChatCompletionsClient(ChatCompletionsClientOptions options, HttpClient? httpClient = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Endpoint is null) throw new ArgumentException("ChatCompletionsClientOptions.Endpoint is required.", nameof(options));
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _transport = new ChatTransport(_http, options);
        }

        /// <summary>The client's settings.</summary>
        public ChatCompletionsClientOptions Options { get; }

        /// <summary>Starts a streamed completion; the request is sent when enumeration begins.</summary>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Per-request settings (override the client defaults).</param>
        /// <param name="cancellationToken">Cancels the request and the stream.</param>
        public ChatStream StreamAsync(IEnumerable<ChatMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            CreateStream(messages, options, stream: true, cancellationToken);

        /// <summary>A request whose answer is read as updates, streamed on the wire or not (a JSON body is one event).</summary>
        internal ChatStream CreateStream(IEnumerable<ChatMessage> messages, ChatRequestOptions? options, bool stream, CancellationToken cancellationToken)
        {
            var body = ChatRequestWriter.Write(Materialize(messages), Resolve(options), stream);
            return new ChatStream(_transport, body, cancellationToken);
        }

        /// <summary>
        /// Sends a non-streamed request (no <c>stream</c> member) and returns the whole answer: content,
        /// reasoning, tool calls, usage and finish reason, decoded by the same code as a stream, with
        /// the same typed failures (<see cref="ChatApiException"/>, <see cref="ChatStreamException"/>).
        /// </summary>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Per-request settings (override the client defaults).</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public async Task<ChatStreamState> CompleteAsync(IEnumerable<ChatMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var stream = CreateStream(messages, options, stream: false, cancellationToken);
            await foreach (var _ in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
            }

            return stream.State;
        }

        /// <summary>Streams the assistant's text deltas; usage and finish reason are on the returned stream.</summary>
        public TextStream StreamTextAsync(IEnumerable<ChatMessage> messages, ChatRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            new TextStream(StreamAsync(messages, options, cancellationToken));

        /// <summary>Streams typed partials of <typeparamref name="T"/> using its generated <c>response_format</c>.</summary>
        /// <param name="type">The generated descriptor (<c>T.StructuredOutput</c>).</param>
        /// <param name="messages">The conversation.</param>
        /// <param name="options">Per-request settings; its <c>ResponseFormatJson</c> is set from <paramref name="type"/>.</param>
        /// <param name="cancellationToken">Cancels the request and the stream.</param>
        public StructuredStream<T, TPartial> StreamStructuredAsync<T, TPartial>(
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatRequestOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            if (type is null) throw new ArgumentNullException(nameof(type));
            var resolved = Resolve(options);
            var conversation = Materialize(messages);
            var mode = resolved.StructuredOutputMode ?? StructuredOutputMode.ResponseFormat;
            bool forcedTool = mode == StructuredOutputMode.ForcedToolCall;
            switch (mode)
            {
                case StructuredOutputMode.ForcedToolCall:
                    resolved.ToolsJson = type.ForcedToolJson;
                    resolved.ToolChoiceJson = type.ForcedToolChoiceJson;
                    break;
                case StructuredOutputMode.JsonObject:
                    resolved.ResponseFormatJson = JsonObjectResponseFormat;
                    conversation = WithSchemaInstruction(type.JsonSchema, conversation);
                    break;
                default:
                    resolved.ResponseFormatJson = type.ResponseFormatJson;
                    break;
            }

            var body = ChatRequestWriter.Write(conversation, resolved, stream: true);
            return new StructuredStream<T, TPartial>(new ChatStream(_transport, body, cancellationToken), type.CreateParser(), forcedTool ? type.Name : null);
        }

        /// <summary>
        /// Gets a complete, validated <typeparamref name="T"/> (streamed on the wire, returned at the end).
        /// With <see cref="ChatRequestOptions.RepairAttempts"/> set, an invalid answer is sent back
        /// with the validation error and the model is asked again.
        /// </summary>
        /// <exception cref="StructuredOutputRepairException">Every attempt failed validation.</exception>
        public async Task<StructuredResult<T>> GenerateStructuredAsync<T, TPartial>(
            StructuredOutputType<T, TPartial> type,
            IEnumerable<ChatMessage> messages,
            ChatRequestOptions? options = null,
            CancellationToken cancellationToken = default)
            where TPartial : class
        {
            int repairs = Math.Max(0, options?.RepairAttempts ?? Options.Defaults?.RepairAttempts ?? 0);
            var conversation = new List<ChatMessage>(Materialize(messages));
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
                    conversation.Add(ChatMessage.Assistant(stream.State.Content));
                    conversation.Add(ChatMessage.User(
                        "Your previous answer was not valid for the required JSON schema. " + ex.Message +
                        " Answer again with the complete, corrected JSON document only."));
                }
            }
        }

        private static ChatUsage? Sum(ChatUsage? a, ChatUsage? b) => a is null ? b : b is null ? a : a + b;

        /// <inheritdoc />
        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }

        /// <inheritdoc />
        public override string ToString() => "ChatCompletionsClient(" + Options + ")";

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
            resolved.ResponseFormatJson ??= defaults.ResponseFormatJson;
            resolved.ToolsJson ??= defaults.ToolsJson;
            resolved.ToolChoiceJson ??= defaults.ToolChoiceJson;
            resolved.ParallelToolCalls ??= defaults.ParallelToolCalls;
            resolved.StructuredOutputMode ??= defaults.StructuredOutputMode;
            resolved.Stream ??= defaults.Stream;
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

        private const string JsonObjectResponseFormat = "{\"type\":\"json_object\"}";

        /// <summary>The instruction JSON mode needs (providers require the word "JSON" in the prompt), placed first.</summary>
        internal static IReadOnlyList<ChatMessage> WithSchemaInstruction(string schema, IReadOnlyList<ChatMessage> messages)
        {
            var list = new List<ChatMessage>(messages.Count + 1)
            {
                ChatMessage.System("Answer with one JSON object, and nothing else, that is valid against this JSON Schema:\n" + schema),
            };
            list.AddRange(messages);
            return list;
        }

        private static IReadOnlyList<ChatMessage> Materialize(IEnumerable<ChatMessage> messages)
        {
            if (messages is null) throw new ArgumentNullException(nameof(messages));
            var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
            if (list.Count == 0) throw new ArgumentException("At least one message is required.", nameof(messages));
            return list;
        }
    }
}
