using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Anthropic.Models.Messages;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;
using StructGen.Benchmarks.Infrastructure;
using StructGen.Chat;
using SgChatMessage = StructGen.Chat.ModelMessage;

#pragma warning disable OPENAI001 // The Responses client of the OpenAI SDK is marked experimental.

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W5: each protocol adapter's decode per event against that protocol's official .NET SDK, on the same
    /// canned bytes (<see cref="ProtocolStreams"/>: 1,000 text events in the provider's recorded envelope) through
    /// the same <see cref="HttpClient"/> and canned handler, in reads of 7, 1,460 and 16,384 bytes. Peers: the
    /// OpenAI SDK 2.15.0 (chat completions, Responses), the Anthropic SDK 13.15.0 (Messages), and for Gemini
    /// (no official .NET SDK on the registry) <c>SseParser</c> + <see cref="JsonDocument"/>. The floor is
    /// <c>SseParser</c> plus one <see cref="Utf8JsonReader"/> pass to the text field. Each method returns the text
    /// characters it saw, checked in setup against what the body carries.
    /// </summary>
    [MemoryDiagnoser]
    public class W5ProtocolDecode
    {
        private static readonly SgChatMessage[] SgMessages = { SgChatMessage.User("Write a long answer.") };
        private static readonly Uri Endpoint = new Uri("http://bench.invalid/v1/");

        private SseBody _body = null!;
        private HttpClient _http = null!;
        private ModelClient _ours = null!;
        private Func<Task<long>> _sdk = null!;
        private char[] _scratch = null!;
        private byte[] _field = null!;

        [Params(Protocol.ChatCompletions, Protocol.Responses, Protocol.Anthropic, Protocol.Gemini)]
        public Protocol Protocol { get; set; }

        [Params(7, 1_460, 16_384)]
        public int ReadSize { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _body = ProtocolStreams.Get(Protocol);
            _http = new HttpClient(new CannedSseHandler(_body.Bytes, ReadSize), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _scratch = new char[64 * 1024];
            switch (Protocol)
            {
                case Protocol.ChatCompletions:
                    _ours = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "gpt-4o-mini" }, _http);
                    _sdk = ChatCompletionsSdk();
                    _field = "content"u8.ToArray();
                    break;
                case Protocol.Responses:
                    _ours = new global::StructGen.Chat.ResponsesClient(new global::StructGen.Chat.ResponsesClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "o4-mini" }, _http);
                    _sdk = ResponsesSdk();
                    _field = "delta"u8.ToArray();
                    break;
                case Protocol.Anthropic:
                    _ours = new global::StructGen.Chat.AnthropicClient(new AnthropicClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "claude-sonnet-4-20250514" }, _http);
                    _sdk = AnthropicSdk();
                    _field = "text"u8.ToArray();
                    break;
                default:
                    _ours = new GeminiClient(new GeminiClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "gemini-2.5-flash" }, _http);
                    _sdk = GeminiSseParserJsonDocument;
                    _field = "text"u8.ToArray();
                    break;
            }

            // Every implementation must see exactly the text the body carries.
            Check(nameof(StructGen), StructGen().GetAwaiter().GetResult());
            Check(nameof(OfficialSdk), OfficialSdk().GetAwaiter().GetResult());
            Check(nameof(FloorSseParserUtf8JsonReader), FloorSseParserUtf8JsonReader().GetAwaiter().GetResult());
        }

        private void Check(string name, long chars)
        {
            if (chars != _body.DeltaChars) throw new InvalidOperationException(name + " saw " + chars + " text characters, expected " + _body.DeltaChars + " (" + Protocol + ", " + ReadSize + ").");
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ours.Dispose();
            _http.Dispose();
        }

        /// <summary>Ours: the protocol's <see cref="ModelClient.StreamAsync"/>, every update enumerated.</summary>
        [Benchmark]
        public async Task<long> StructGen()
        {
            long chars = 0;
            await foreach (var update in _ours.StreamAsync(SgMessages).ConfigureAwait(false))
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) chars += update.Text!.Length;
            }

            return chars;
        }

        /// <summary>The protocol's official SDK (Gemini: <c>SseParser</c> + <see cref="JsonDocument"/>), every update enumerated.</summary>
        [Benchmark(Baseline = true)]
        public Task<long> OfficialSdk() => _sdk();

        /// <summary>The floor: <c>SseParser&lt;T&gt;</c> whose item parser reads the one text field with <see cref="Utf8JsonReader"/> into a reused buffer.</summary>
        [Benchmark]
        public async Task<long> FloorSseParserUtf8JsonReader()
        {
            long chars = 0;
            using var response = await _http.SendAsync(NewRequest(), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var scratch = _scratch;
            var field = _field;
            var parser = SseParser.Create(stream, (_, data) => FloorReader.ExtractLength(data, field, scratch));
            await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
            {
                if (item.Data < 0) break;
                chars += item.Data;
            }

            return chars;
        }

        private Func<Task<long>> ChatCompletionsSdk()
        {
            var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions { Endpoint = Endpoint, Transport = new HttpClientPipelineTransport(_http), RetryPolicy = new ClientRetryPolicy(0) });
            OpenAI.Chat.ChatMessage[] messages = { new UserChatMessage("Write a long answer.") };
            return async () =>
            {
                long chars = 0;
                await foreach (var update in client.CompleteChatStreamingAsync(messages).ConfigureAwait(false))
                {
                    foreach (var part in update.ContentUpdate) chars += part.Text.Length;
                }

                return chars;
            };
        }

        private Func<Task<long>> ResponsesSdk()
        {
            var client = new OpenAI.Responses.ResponsesClient(new ApiKeyCredential("sk-bench"), new OpenAI.Responses.ResponsesClientOptions { Endpoint = Endpoint, Transport = new HttpClientPipelineTransport(_http), RetryPolicy = new ClientRetryPolicy(0) });
            return async () =>
            {
                long chars = 0;
                var options = new CreateResponseOptions { Model = "o4-mini", StreamingEnabled = true };
                options.InputItems.Add(ResponseItem.CreateUserMessageItem("Write a long answer."));
                var updates = await client.CreateResponseStreamingAsync(options).ConfigureAwait(false);
                await foreach (var update in ((System.Collections.Generic.IAsyncEnumerable<StreamingResponseUpdate>)updates).ConfigureAwait(false))
                {
                    if (update is StreamingResponseOutputTextDeltaUpdate delta) chars += delta.Delta.Length;
                }

                return chars;
            };
        }

        private Func<Task<long>> AnthropicSdk()
        {
            var client = new Anthropic.AnthropicClient { ApiKey = "sk-bench", BaseUrl = "http://bench.invalid", HttpClient = _http, MaxRetries = 0 };
            return async () =>
            {
                long chars = 0;
                var request = new MessageCreateParams
                {
                    MaxTokens = 4096,
                    Model = "claude-sonnet-4-20250514",
                    Messages = new MessageParam[] { new UserMessageParam { Content = "Write a long answer." } },
                };
                await foreach (var streamEvent in client.Messages.CreateStreaming(request).ConfigureAwait(false))
                {
                    if (streamEvent.TryPickContentBlockDelta(out var block) && block.Delta.TryPickText(out var text)) chars += text.Text.Length;
                }

                return chars;
            };
        }

        /// <summary>Gemini's peer: <c>SseParser&lt;string&gt;</c> + <see cref="JsonDocument"/> per event, text of every part.</summary>
        private async Task<long> GeminiSseParserJsonDocument()
        {
            long chars = 0;
            using var response = await _http.SendAsync(NewRequest(), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var parser = SseParser.Create(stream, static (_, data) => Encoding.UTF8.GetString(data));
            await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
            {
                using var document = JsonDocument.Parse(item.Data);
                foreach (var candidate in document.RootElement.GetProperty("candidates").EnumerateArray())
                {
                    if (!candidate.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts)) continue;
                    foreach (var part in parts.EnumerateArray())
                    {
                        if (part.TryGetProperty("text", out var text)) chars += text.GetString()!.Length;
                    }
                }
            }

            return chars;
        }

        private static HttpRequestMessage NewRequest() => new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, "stream"))
        {
            Content = new ByteArrayContent("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Write a long answer.\"}]}"u8.ToArray()),
        };
    }
}
