using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Chat;
using StructGen.Benchmarks.Infrastructure;
using StructGen.Benchmarks.Models;
using StructGen.Chat;
using OaiChatMessage = OpenAI.Chat.ChatMessage;

namespace StructGen.Benchmarks
{
    /// <summary>The W3 bodies.</summary>
    public enum W3Body
    {
        /// <summary>The recorded o4-mini Book session (cassettes/openai-o4-mini/complex_object_streaming.yaml).</summary>
        BookCassette,
        /// <summary>A synthetic Book of ~16 KB (a long title, 600 genres) streamed in 1–8 character deltas.</summary>
        BookSynthetic16K,
    }

    /// <summary>How StructGen publishes partials in W3 (<c>ChatRequestOptions.PartialPublication</c>).</summary>
    public enum W3Publication
    {
        EveryDelta,
        PerBatch,
        AtMostEvery16ms,
    }

    /// <summary>How the W3 reads complete.</summary>
    public enum W3Arrival
    {
        /// <summary>Every read completes at once: the whole body is already received.</summary>
        Buffered,
        /// <summary>Each read (one SSE event) completes asynchronously, as events arriving one by one.</summary>
        EventByEvent,
    }

    /// <summary>
    /// W3: end to end, bytes → typed partials. The same SSE body, one event per read (what a model
    /// streaming over a real connection delivers), through a canned handler. Ours:
    /// <c>GenerateBookStreamAsync</c> (every partial enumerated, then the validated Book). Peer: the
    /// OpenAI SDK's plain text streaming of the same bytes (content accumulated, no parsing at all).
    /// </summary>
    [MemoryDiagnoser]
    public class W3EndToEnd
    {
        private static readonly Uri Endpoint = new Uri("http://bench.invalid/v1/");
        private static readonly OaiChatMessage[] OaiMessages = { new UserChatMessage("Generate information about 'The Lord of the Rings'.") };

        private HttpClient _http = null!;
        private ChatCompletionsClient _ours = null!;
        private ChatClient _sdk = null!;

        [Params(W3Body.BookCassette, W3Body.BookSynthetic16K)]
        public W3Body Body { get; set; }

        [Params(W3Publication.EveryDelta, W3Publication.PerBatch, W3Publication.AtMostEvery16ms)]
        public W3Publication Publication { get; set; }

        [Params(W3Arrival.Buffered, W3Arrival.EventByEvent)]
        public W3Arrival Arrival { get; set; }

        private ChatRequestOptions _options = null!;

        public static byte[] BodyBytes(W3Body body) => body switch
        {
            W3Body.BookCassette => CassetteBody.Read(Path.Combine(AppContext.BaseDirectory, "cassettes", "complex_object_streaming.yaml")),
            _ => SyntheticBook(),
        };

        [GlobalSetup]
        public void Setup()
        {
            var bytes = BodyBytes(Body);
            var handler = new CannedSseHandler(bytes, CassetteBody.EventReadSizes(bytes)) { ReadsYield = Arrival == W3Arrival.EventByEvent };
            _options = new ChatRequestOptions
            {
                PartialPublication = Publication switch
                {
                    W3Publication.PerBatch => PartialPublication.PerBatch,
                    W3Publication.AtMostEvery16ms => PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(16)),
                    _ => PartialPublication.EveryDelta,
                },
            };
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _ours = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = Endpoint, ApiKey = "sk-bench", Model = "o4-mini" }, _http);
            _sdk = new ChatClient("o4-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
            {
                Endpoint = Endpoint,
                Transport = new HttpClientPipelineTransport(_http),
                RetryPolicy = new ClientRetryPolicy(0),
            });

            int partials = StructGen_GenerateBookStreamAsync().GetAwaiter().GetResult();
            int chars = OpenAiSdk_TextStreaming().GetAwaiter().GetResult();
            Console.WriteLine("// " + Body + " " + Publication + " " + Arrival + ": " + bytes.Length + " bytes, " + CassetteBody.CountEvents(bytes) + " events, " + chars + " content characters, " + partials + " partials");
            if (partials < (Publication == W3Publication.EveryDelta ? 10 : 1) || chars < 100) throw new InvalidOperationException("W3 workload did not stream (" + partials + " partials, " + chars + " characters).");
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ours.Dispose();
            _http.Dispose();
        }

        /// <summary>Ours: typed partials of Book from the bytes, then the validated value.</summary>
        [Benchmark]
        public async Task<int> StructGen_GenerateBookStreamAsync()
        {
            int partials = 0;
            var stream = _ours.GenerateBookStreamAsync("Generate information about 'The Lord of the Rings'.", _options);
            await foreach (var partial in stream.ConfigureAwait(false))
            {
                partials++;
            }

            if (stream.Result.Value.PublishedYear == 0) throw new InvalidOperationException("No year.");
            return partials;
        }

        /// <summary>The OpenAI .NET SDK's plain text streaming of the same bytes.</summary>
        [Benchmark(Baseline = true)]
        public async Task<int> OpenAiSdk_TextStreaming()
        {
            var text = new StringBuilder();
            await foreach (var update in _sdk.CompleteChatStreamingAsync(OaiMessages).ConfigureAwait(false))
            {
                foreach (var part in update.ContentUpdate) text.Append(part.Text);
            }

            return text.Length;
        }

        /// <summary>A ~16 KB Book document framed as o4-mini chunks, deltas of 1–8 characters.</summary>
        public static byte[] SyntheticBook()
        {
            var random = new Random(16);
            var json = new StringBuilder();
            json.Append("{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[");
            string[] genres = { "Fantasy", "Adventure", "High fantasy", "Epic", "Mythopoeia", "Quest", "Heroic fiction", "Classic" };
            for (int i = 0; i < 600; i++)
            {
                if (i > 0) json.Append(',');
                json.Append('"').Append(genres[random.Next(genres.Length)]).Append(' ').Append(i).Append('"');
            }

            json.Append("],\"published_year\":1954,\"title\":\"");
            while (json.Length < 16 * 1024 - 8) json.Append("The Lord of the Rings ");
            json.Append("\"}");
            var deltas = SyntheticStreams.Deltas(json.ToString(), seed: 17);
            return SyntheticStreams.Build("BookSynthetic16K", "o4-mini-2025-04-16", deltas, tool: false).Bytes;
        }
    }
}
