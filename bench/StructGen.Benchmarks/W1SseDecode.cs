using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Chat;
using StructGen.Benchmarks.Infrastructure;
using StructGen.Chat;
using SgChatMessage = StructGen.Chat.ModelMessage;
using OaiChatMessage = OpenAI.Chat.ChatMessage;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W1: SSE framing + chunk decode. The same canned body (1k/15k text events, 1k tool-call events)
    /// through the same <see cref="HttpClient"/> + canned handler, in reads of 7, 1,460 and 16,384 bytes.
    /// Each method returns the number of delta characters it saw (checked in setup).
    /// </summary>
    [MemoryDiagnoser]
    public class W1SseDecode
    {
        private static readonly SgChatMessage[] SgMessages = { SgChatMessage.User("Write a long answer.") };
        private static readonly OaiChatMessage[] OaiMessages = { new UserChatMessage("Write a long answer.") };
        private static readonly Uri Endpoint = new Uri("http://bench.invalid/v1/");

        private SseBody _body = null!;
        private HttpClient _http = null!;
        private ChatCompletionsClient _ours = null!;
        private ChatClient _sdk = null!;
        private char[] _scratch = null!;

        [Params(StreamKind.Text1k, StreamKind.Text15k, StreamKind.Tool1k)]
        public StreamKind Stream { get; set; }

        [Params(7, 1_460, 16_384)]
        public int ReadSize { get; set; }

        private bool IsTool => Stream == StreamKind.Tool1k;

        [GlobalSetup]
        public void Setup()
        {
            _body = SyntheticStreams.Get(Stream);
            var handler = new CannedSseHandler(_body.Bytes, ReadSize);
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _ours = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "gpt-4o-mini" }, _http);
            _sdk = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
            {
                Endpoint = Endpoint,
                Transport = new HttpClientPipelineTransport(_http),
                RetryPolicy = new ClientRetryPolicy(0),
            });
            _scratch = new char[64 * 1024];

            // Every implementation must see exactly the deltas the body carries.
            Check(nameof(StructGen), StructGen().GetAwaiter().GetResult());
            Check(nameof(OpenAiSdk), OpenAiSdk().GetAwaiter().GetResult());
            Check(nameof(SseParserJsonDocument), SseParserJsonDocument().GetAwaiter().GetResult());
            Check(nameof(FloorSseParserUtf8JsonReader), FloorSseParserUtf8JsonReader().GetAwaiter().GetResult());
        }

        private void Check(string name, long chars)
        {
            // Tool arguments are ASCII, so the SDK's UTF-8 byte counts equal character counts.
            long expected = _body.DeltaChars;
            if (chars != expected) throw new InvalidOperationException(name + " saw " + chars + " delta characters, expected " + expected + " (" + Stream + ", " + ReadSize + ").");
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ours.Dispose();
            _http.Dispose();
        }

        /// <summary>Ours: <see cref="ChatCompletionsClient.StreamAsync"/>, every update enumerated.</summary>
        [Benchmark]
        public async Task<long> StructGen()
        {
            long chars = 0;
            var kind = IsTool ? ChatStreamUpdateKind.ToolCallArgumentsDelta : ChatStreamUpdateKind.ContentDelta;
            await foreach (var update in _ours.StreamAsync(SgMessages).ConfigureAwait(false))
            {
                if (update.Kind == kind) chars += update.Text!.Length;
            }

            return chars;
        }

        /// <summary>The OpenAI .NET SDK 2.15.0: <c>ChatClient.CompleteChatStreamingAsync</c> over the same canned transport.</summary>
        [Benchmark(Baseline = true)]
        public async Task<long> OpenAiSdk()
        {
            long chars = 0;
            await foreach (var update in _sdk.CompleteChatStreamingAsync(OaiMessages).ConfigureAwait(false))
            {
                if (IsTool)
                {
                    foreach (var call in update.ToolCallUpdates)
                    {
                        if (call.FunctionArgumentsUpdate is { } args) chars += args.ToMemory().Length;
                    }
                }
                else
                {
                    foreach (var part in update.ContentUpdate) chars += part.Text.Length;
                }
            }

            return chars;
        }

        /// <summary><c>SseParser&lt;string&gt;</c> (System.Net.ServerSentEvents) + <see cref="JsonDocument"/> per event.</summary>
        [Benchmark]
        public async Task<long> SseParserJsonDocument()
        {
            long chars = 0;
            using var response = await _http.SendAsync(NewRequest(), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var parser = SseParser.Create(stream, static (_, data) => Encoding.UTF8.GetString(data));
            bool tool = IsTool;
            await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
            {
                if (item.Data == "[DONE]") break;
                using var document = JsonDocument.Parse(item.Data);
                var choices = document.RootElement.GetProperty("choices");
                if (choices.GetArrayLength() == 0) continue;
                var delta = choices[0].GetProperty("delta");
                if (tool)
                {
                    if (delta.TryGetProperty("tool_calls", out var calls) && calls[0].GetProperty("function").TryGetProperty("arguments", out var args))
                    {
                        chars += args.GetString()!.Length;
                    }
                }
                else if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    chars += content.GetString()!.Length;
                }
            }

            return chars;
        }

        /// <summary>
        /// The floor: <c>SseParser&lt;T&gt;</c> with an item parser that pulls the one field out with
        /// <see cref="Utf8JsonReader"/> and unescapes it into a reused buffer (no string, no DTO).
        /// </summary>
        [Benchmark]
        public async Task<long> FloorSseParserUtf8JsonReader()
        {
            long chars = 0;
            using var response = await _http.SendAsync(NewRequest(), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var scratch = _scratch;
            var field = IsTool ? "arguments"u8.ToArray() : "content"u8.ToArray();
            var parser = SseParser.Create(stream, (_, data) => FloorReader.ExtractLength(data, field, scratch));
            await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
            {
                if (item.Data < 0) break;
                chars += item.Data;
            }

            return chars;
        }

        private static HttpRequestMessage NewRequest() => new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, "chat/completions"))
        {
            Content = new ByteArrayContent("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Write a long answer.\"}]}"u8.ToArray()),
        };
    }
}
