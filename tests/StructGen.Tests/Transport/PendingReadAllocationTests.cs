using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using StructGen.Chat;
using StructGen.Tests.Protocols.Anthropic;
using StructGen.Tests.Protocols.Gemini;
using StructGen.Tests.Protocols.Responses;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// A stream that waits on the network between events allocates nothing per wait: the transport hands its pending
    /// socket read up to the consumer-facing iterator (text) or to the chat enumerator's one reused waiter (a plain
    /// enumeration), which awaits it without a box, task or callback per read. Every read here is pending (a zero-byte
    /// wait, then the event's bytes) and completed by the test on its own thread, so the whole chain runs inline and the
    /// per-thread counter sees everything. Measured as the difference between N and 4N events, as in
    /// <see cref="PipelineAllocationTests"/>; the bodies' event lists are built before the measured runs.
    /// </summary>
    public sealed class PendingReadAllocationTests
    {
        private const string Delta = "abcd";
        private const int Small = 256;
        private const int Large = 1_024;

        // The string handed over (32 B for 4 chars) and the retained text (2 B per char), as in PipelineAllocationTests.
        private const double Strings = 32 + (2.0 * 4);

        public static readonly TheoryData<string, string> Cases = CasesOf();

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task A_pending_read_allocates_nothing_and_an_event_costs_only_its_strings(string protocol, string consumer)
        {
            double perEvent = double.MaxValue, resumedPerEvent = double.MaxValue;
            int pendingPerEvent = 0;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                // The fewest over three: tiered compilation occasionally allocates on the thread under load.
                var small = await AllocatedAsync(protocol, consumer, Small);
                var large = await AllocatedAsync(protocol, consumer, Large);
                perEvent = Math.Min(perEvent, (large.Allocated - small.Allocated) / (double)(Large - Small));
                resumedPerEvent = Math.Min(resumedPerEvent, (large.Resumed - small.Resumed) / (double)(Large - Small));
                pendingPerEvent = (large.PendingReads - small.PendingReads) / (Large - Small);
            }

            // A zero-byte wait, then the event's bytes.
            Assert.Equal(2, pendingPerEvent);

            // Resumed by the reads' results, the chain (transport, chat enumerator, consumer) decodes and hands out the
            // event without allocating anything else: no box, task or callback per pending read.
            Assert.True(resumedPerEvent - Strings <= 1.0, $"{protocol} {consumer}: {resumedPerEvent:F1} B per event while resumed by the reads: {resumedPerEvent - Strings:F1} B besides the strings");

            // The whole event, the move that starts the wait included. Before the chat enumerator's waiter, a plain
            // enumeration measured 168 B here in Debug builds (its wait was an async method, whose state machine the
            // compiler makes a class there: the pooling builder reuses the box around it, not the machine), and both
            // consumers 32 B more than they allocate: the harness built each body's event list inside the measured run.
            Assert.True(perEvent - Strings <= 1.0, $"{protocol} {consumer}: {perEvent:F1} B per extra event: {perEvent - Strings:F1} B besides the strings");
        }

        [Theory]
        [InlineData("text")]
        [InlineData("chat")]
        public async Task A_foreign_source_whose_every_move_waits_costs_only_the_retained_text(string consumer)
        {
            double perEvent = double.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long small = await ForeignAllocatedAsync(consumer, Small);
                long large = await ForeignAllocatedAsync(consumer, Large);
                perEvent = Math.Min(perEvent, (large - small) / (double)(Large - Small));
            }

            // The source hands out one string again and again: what is left is the retained text (2 B per char).
            double text = 2.0 * Delta.Length;
            Assert.True(perEvent - text <= 1.0, $"{consumer}: {perEvent:F1} B per extra event over a foreign source: {perEvent - text:F1} B besides the retained text");
        }

        private static TheoryData<string, string> CasesOf()
        {
            var cases = new TheoryData<string, string>();
            foreach (var protocol in new[] { "chat-completions", "responses", "anthropic", "gemini" })
            {
                cases.Add(protocol, "text");
                cases.Add(protocol, "chat");
            }

            return cases;
        }

        private static async Task<(long Allocated, long Resumed, int PendingReads)> AllocatedAsync(string protocol, string consumer, int events)
        {
            // Built once, outside the measured run: each body reads the same list from its own position.
            var list = Events(protocol, events);
            using var client = Client(protocol, new StreamBodyHandler(() => new ManualBodyStream(list)));

            // Warm: the first run of every path compiles and fills caches.
            await CountAsync(client, consumer, events, ManualBodyStream.CompleteLastPending);
            long before = GC.GetAllocatedBytesForCurrentThread();
            await CountAsync(client, consumer, events, ManualBodyStream.CompleteLastPending);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var body = ManualBodyStream.LastCreated!;
            return (allocated, body.ResumedBytes, body.PendingReads);
        }

        private static async Task<long> ForeignAllocatedAsync(string consumer, int events)
        {
            using var client = new PendingForeignClient(events);
            await CountAsync(client, consumer, events, client.CompletePending);
            long before = GC.GetAllocatedBytesForCurrentThread();
            await CountAsync(client, consumer, events, client.CompletePending);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(events + 2, client.PendingMoves);
            return allocated;
        }

        private static ModelClient Client(string protocol, HttpMessageHandler handler)
        {
            var http = new HttpClient(handler);
            const string Key = "sk-test";
            switch (protocol)
            {
                case "chat-completions":
                    return new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = Key, Model = "m" }, http);
                case "responses":
                    return new ResponsesClient(new ResponsesClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = Key, Model = "m" }, http);
                case "anthropic":
                    var anthropic = new AnthropicClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = Key, Model = "m" };
                    anthropic.Defaults.MaxTokens = 100;
                    return new AnthropicClient(anthropic, http);
                case "gemini":
                    return new GeminiClient(new GeminiClientOptions { Endpoint = new Uri("http://test.invalid/v1beta/"), ApiKey = Key, Model = "m" }, http);
                default:
                    throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no such protocol in this test");
            }
        }

        // Reads the whole answer, completing every pending read (or move) inline on this thread.
        private static async Task CountAsync(ModelClient client, string consumer, int events, Action completePending)
        {
            long chars = 0;
            if (consumer == "text")
            {
                var text = client.StreamTextAsync(new[] { ModelMessage.User("hi") });
                await using var e = text.GetAsyncEnumerator();
                while (await Move(e.MoveNextAsync(), completePending)) chars += e.Current.Length;
            }
            else
            {
                var chat = client.StreamAsync(new[] { ModelMessage.User("hi") });
                await using var e = chat.GetAsyncEnumerator();
                while (await Move(e.MoveNextAsync(), completePending))
                {
                    if (e.Current.Kind == ChatStreamUpdateKind.ContentDelta) chars += e.Current.Text!.Length;
                }
            }

            Assert.Equal(events * Delta.Length, chars);

            static ValueTask<bool> Move(ValueTask<bool> move, Action completePending)
            {
                while (!move.IsCompleted) completePending();
                return move;
            }
        }

        // One event per delta between the protocol's opening and closing events, each written as the protocol frames it.
        private static List<byte[]> Events(string protocol, int events)
        {
            var head = new List<string>();
            string delta;
            var tail = new List<string>();
            switch (protocol)
            {
                case "chat-completions":
                    const string Head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"m\",\"choices\":[";
                    head.Add("data: " + Head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
                    delta = "data: " + Head + "{\"index\":0,\"delta\":{\"content\":\"" + Delta + "\"},\"finish_reason\":null}]}\n\n";
                    tail.Add("data: " + Head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
                    break;
                case "responses":
                    head.Add(Named(ResponsesTestClients.Created()));
                    delta = Named(ResponsesTestClients.TextDelta(Delta));
                    tail.Add(Named(ResponsesTestClients.Completed(ResponsesTestClients.Usage(1, events))));
                    break;
                case "anthropic":
                    head.Add(AnthropicTestClients.Events(AnthropicTestClients.MessageStart()));
                    head.Add(AnthropicTestClients.Events(AnthropicTestClients.BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}")));
                    delta = AnthropicTestClients.Events(AnthropicTestClients.TextDelta(0, Delta));
                    tail.Add(AnthropicTestClients.Events(AnthropicTestClients.BlockStop(0), AnthropicTestClients.MessageDelta("end_turn", events), AnthropicTestClients.MessageStop()));
                    break;
                case "gemini":
                    delta = GeminiEvents.Event(new[] { GeminiEvents.Text(Delta) });
                    tail.Add(GeminiEvents.Event(new[] { GeminiEvents.Text(string.Empty) }, finish: "STOP", usage: (1, events, events + 1)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no such protocol in this test");
            }

            var list = new List<byte[]>(head.Count + events + tail.Count);
            foreach (var e in head) list.Add(Encoding.UTF8.GetBytes(e));
            var bytes = Encoding.UTF8.GetBytes(delta);
            for (int i = 0; i < events; i++) list.Add(bytes);
            foreach (var e in tail) list.Add(Encoding.UTF8.GetBytes(e));
            return list;

            // A Responses event framed as OpenAI frames it: "event: {type}", then its data.
            static string Named(string json)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                return "event: " + doc.RootElement.GetProperty("type").GetString() + "\ndata: " + json + "\n\n";
            }
        }

        /// <summary>
        /// Every read is pending until <see cref="CompletePending"/>: a zero-byte read then completes with 0, any other
        /// with the next event's bytes (the buffer is large enough for one). Continuations run inline.
        /// </summary>
        private sealed class ManualBodyStream : GatedReadStream
        {
            [ThreadStatic]
            private static ManualBodyStream? t_last;

            private long _resumingAt;

            public ManualBodyStream(List<byte[]> events)
                : base(events) => t_last = this;

            public static ManualBodyStream? LastCreated => t_last;

            public static void CompleteLastPending() => t_last!.CompletePending();

            /// <summary>What the consumer's chain allocated while resumed by the reads' results.</summary>
            public long ResumedBytes { get; private set; }

            protected override void OnResuming() => _resumingAt = GC.GetAllocatedBytesForCurrentThread();

            protected override void OnResumed() => ResumedBytes += GC.GetAllocatedBytesForCurrentThread() - _resumingAt;
        }

        /// <summary>A protocol of a third party's whose every move waits until the test completes it (inline, on the test's thread).</summary>
        private sealed class PendingForeignClient : ModelClient
        {
            private readonly int _events;
            private PendingSource? _source;

            public PendingForeignClient(int events)
                : base(new ForeignClientOptions()) => _events = events;

            /// <summary>The moves of the latest stream that waited (every one: the deltas, the finish, the end).</summary>
            public int PendingMoves => _source!.PendingMoves;

            public void CompletePending() => _source!.CompletePending();

            protected override IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken) =>
                _source = new PendingSource(_events);
        }

        /// <summary>The deltas (one string, handed out again and again), then the finish, each after a wait.</summary>
        private sealed class PendingSource : IAsyncEnumerable<ChatStreamUpdate>, IAsyncEnumerator<ChatStreamUpdate>, IValueTaskSource<bool>
        {
            private static readonly ChatStreamUpdate DeltaUpdate = ChatStreamUpdate.ContentDelta(Delta);
            private static readonly ChatStreamUpdate Finish = ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "stop"));

            private readonly int _events;
            private ManualResetValueTaskSourceCore<bool> _core;
            private bool _pending;
            private int _next;

            public PendingSource(int events) => _events = events;

            public int PendingMoves { get; private set; }

            public ChatStreamUpdate Current { get; private set; }

            public IAsyncEnumerator<ChatStreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

            public ValueTask<bool> MoveNextAsync()
            {
                if (_pending) throw new InvalidOperationException("two moves at once");
                _pending = true;
                PendingMoves++;
                _core.Reset();
                return new ValueTask<bool>(this, _core.Version);
            }

            public void CompletePending()
            {
                if (!_pending) throw new InvalidOperationException("the stream is waiting but no move is pending");
                _pending = false;
                int next = _next++;
                Current = next < _events ? DeltaUpdate : Finish;
                _core.SetResult(next <= _events);
            }

            public ValueTask DisposeAsync()
            {
                if (_pending) throw new InvalidOperationException("disposed while a move was pending");
                return default;
            }

            bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

            ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

            void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
                _core.OnCompleted(continuation, state, token, flags);
        }
    }
}
