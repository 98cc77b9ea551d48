using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StructGen.Chat;
using StructGen.Tests.Shared;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// The transport reads its answer as a state machine in plain fields and hands its pending socket read up to the
    /// consumer-facing iterator, which awaits it. Every consumer (partials every delta or per batch, text, the chat
    /// stream itself) must still get the whole answer when every read completes later, end or fail exactly as before
    /// (the same failure, message and log line, once), and release the body when left early; a source that is not
    /// ours streams and fails through plain moves as before.
    /// </summary>
    public sealed class SteppedTransportTests
    {
        private static readonly Uri Endpoint = new Uri("http://stub.invalid/v1/");

        private const string Whole = "{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"sf\",\"epic\"],\"published_year\":1965}";

        private static readonly string[] ConsumerNames = { "every-delta", "per-batch", "interval", "text", "chat" };

        public static readonly TheoryData<string> Consumers = new TheoryData<string>(ConsumerNames);

        // The book in three content deltas, the finish, then [DONE]; the offsets say where each event ends.
        private static readonly string[] Events =
        {
            Chunk("{\"role\":\"assistant\",\"content\":" + JsonSerializer.Serialize(Whole.Substring(0, 13)) + "}", null),
            Chunk("{\"content\":" + JsonSerializer.Serialize(Whole.Substring(13, 40)) + "}", null),
            Chunk("{\"content\":" + JsonSerializer.Serialize(Whole.Substring(53)) + "}", null),
            Chunk("{}", "stop"),
        };

        private static readonly byte[] Body = Encoding.UTF8.GetBytes(StubSseHandler.Events(Events));

        private static string Chunk(string delta, string? finish) =>
            "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + (finish is null ? "" : ",\"finish_reason\":\"" + finish + "\"") + "}]}";

        // The offset just past the first n events.
        private static int After(int events)
        {
            int offset = 0;
            for (int i = 0; i < events; i++) offset += Encoding.UTF8.GetByteCount("data: " + Events[i] + "\n\n");
            return offset;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(64)]
        [InlineData(4096)]
        public async Task Every_consumer_gets_the_whole_answer_when_every_read_completes_later(int chunk)
        {
            foreach (var consumer in ConsumerNames)
            {
                var body = new LaterStream(Body, chunk);
                var logger = new CapturingLogger();
                using var client = Client(body, logger);

                var (text, items) = await ConsumeAsync(client, consumer);

                Assert.True(Whole == text, consumer + " at " + chunk + "-byte reads gave " + text);
                Assert.True(items > 0, consumer + " handed out nothing");
                Assert.True(body.Reads > Body.Length / chunk, consumer + ": every read is pending, at least one per chunk (" + body.Reads + ")");
                Assert.True(body.Disposed, consumer + ": the body is disposed");
                Assert.Equal(1, Count(logger, "ChatRequestCompleted"));
                Assert.Equal(0, Count(logger, "ChatStreamAbandoned") + Count(logger, "ChatRequestFailed") + Count(logger, "ChatRequestCancelled"));
            }
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task Breaking_out_early_disposes_the_body_and_logs_abandoned_once(string consumer)
        {
            var body = new LaterStream(Body, 7);
            var logger = new CapturingLogger();
            using var client = Client(body, logger);

            await ConsumeAsync(client, consumer, stopAfterFirst: true);

            Assert.True(body.Disposed, "the body is disposed when the consumer leaves");
            Assert.True(body.Delivered < Body.Length, "left before the end: " + body.Delivered);
            Assert.Equal(1, Count(logger, "ChatStreamAbandoned"));
            Assert.Equal(0, Count(logger, "ChatRequestCompleted") + Count(logger, "ChatRequestFailed") + Count(logger, "ChatRequestCancelled"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task A_read_failing_while_pending_maps_to_a_dropped_connection(string consumer)
        {
            var body = new LaterStream(Body, 7, stopAt: After(2), failure: new IOException("socket reset"));
            var logger = new CapturingLogger();
            using var client = Client(body, logger);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => ConsumeAsync(client, consumer));

            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.StartsWith("The connection dropped mid-stream after 2 events. (IOException: socket reset) ", ex.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(ex.InnerException);
            Assert.Equal(Whole.Substring(0, 53), ex.PartialContent);
            if (consumer is "every-delta" or "per-batch" or "interval") Assert.NotNull(ex.PartialValue);
            Assert.True(body.Disposed);
            Assert.Equal(1, Count(logger, "ChatRequestFailed"));
            Assert.Equal(0, Count(logger, "ChatStreamAbandoned") + Count(logger, "ChatRequestCompleted"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task A_read_failing_after_the_finish_reason_ends_the_stream_normally(string consumer)
        {
            var body = new LaterStream(Body, 64, stopAt: After(4), failure: new IOException("socket reset"));
            var logger = new CapturingLogger();
            using var client = Client(body, logger);

            var (text, _) = await ConsumeAsync(client, consumer);

            Assert.Equal(Whole, text);
            Assert.Equal(1, Count(logger, "ChatStreamEndedAfterFinish"));
            Assert.Equal(1, Count(logger, "ChatRequestCompleted"));
            Assert.Equal(0, Count(logger, "ChatStreamAbandoned") + Count(logger, "ChatRequestFailed"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task The_callers_cancellation_while_a_read_is_pending_is_the_callers(string consumer)
        {
            var body = new LaterStream(Body, 64, stopAt: After(1));
            var logger = new CapturingLogger();
            using var client = Client(body, logger);
            using var cts = new CancellationTokenSource();

            var task = ConsumeAsync(client, consumer, cancellationToken: cts.Token);
            Assert.True(await TransportTest.EventuallyAsync(() => body.Hanging, TimeSpan.FromSeconds(10)), "the read after the first event is pending");
            cts.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

            // The interval policy reads under a token linked to the caller's (it stops its own pending read when left).
            if (consumer == "interval") Assert.True(ex.CancellationToken.IsCancellationRequested);
            else Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Contains("cancelled by the caller", ex.Message, StringComparison.Ordinal);
            Assert.True(body.Disposed);
            Assert.Equal(1, Count(logger, "ChatRequestCancelled"));
            Assert.Equal(0, Count(logger, "ChatStreamAbandoned") + Count(logger, "ChatRequestFailed") + Count(logger, "ChatRequestCompleted"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task The_idle_timeout_while_a_read_is_pending_fails_with_IdleTimeout(string consumer)
        {
            var body = new LaterStream(Body, 64, stopAt: After(1));
            var logger = new CapturingLogger();
            using var client = Client(body, logger, o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => ConsumeAsync(client, consumer));

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.StartsWith("No data arrived for ChatCompletionsClientOptions.IdleTimeout (200 ms) after 1 events. ", ex.Message, StringComparison.Ordinal);
            Assert.True(body.Disposed);
            Assert.Equal(1, Count(logger, "ChatRequestFailed"));
            Assert.Equal(0, Count(logger, "ChatStreamAbandoned"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task A_reader_limit_broken_by_bytes_that_arrived_later_is_an_invalid_chunk(string consumer)
        {
            var body = new LaterStream(Body, 7);
            var logger = new CapturingLogger();
            using var client = Client(body, logger, o => o.MaxLineBytes = 120);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => ConsumeAsync(client, consumer));

            Assert.Equal(ChatStreamFailure.InvalidChunk, ex.Failure);
            Assert.StartsWith("The event stream broke a reader limit after ", ex.Message, StringComparison.Ordinal);
            Assert.True(body.Disposed);
            Assert.Equal(1, Count(logger, "ChatRequestFailed"));
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task A_source_that_is_not_ours_streams_through_plain_moves(string consumer)
        {
            using var client = new ForeignClient(ForeignEnd.Finish);

            var (text, items) = await ConsumeAsync(client, consumer);

            Assert.Equal(Whole, text);
            Assert.True(items > 0);
            Assert.True(client.Disposed, "the source is disposed");
        }

        [Theory]
        [MemberData(nameof(Consumers))]
        public async Task A_source_that_is_not_ours_fails_as_before(string consumer)
        {
            using (var failing = new ForeignClient(ForeignEnd.Throw))
            {
                var ex = await Assert.ThrowsAsync<IOException>(() => ConsumeAsync(failing, consumer));
                Assert.Same(failing.Thrown, ex);
                Assert.True(failing.Disposed);
            }

            using var cut = new ForeignClient(ForeignEnd.Nothing);
            var truncated = await Assert.ThrowsAsync<ChatStreamException>(() => ConsumeAsync(cut, consumer));
            Assert.Equal(ChatStreamFailure.Truncated, truncated.Failure);
            Assert.Equal(Whole, truncated.PartialContent);
            if (consumer is "every-delta" or "per-batch" or "interval") Assert.NotNull(truncated.PartialValue);
            Assert.True(cut.Disposed);
        }

        [Fact]
        public async Task Leaving_a_batched_stream_while_a_foreign_source_waits_returns_at_once_and_disposes_the_source_after()
        {
            // The source's second move waits on a gate it does not let cancellation open: the per-batch policy publishes
            // the first delta meanwhile, and the consumer leaves there.
            using var client = new ForeignClient(ForeignEnd.Finish) { Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously) };
            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages, new ChatRequestOptions { PartialPublication = PartialPublication.PerBatch });

            var leave = Task.Run(async () =>
            {
                await foreach (var partial in stream)
                {
                    Assert.NotNull(partial);
                    break;
                }
            });

            Assert.True(await Task.WhenAny(leave, Task.Delay(TimeSpan.FromSeconds(10))) == leave, "leaving waited for the source's next update");
            await leave;
            Assert.True(client.Waiting, "the source's move was still waiting when the consumer left");
            Assert.False(client.Disposed, "a source is not disposed under its pending move");

            client.Gate.SetResult(true);
            Assert.True(await TransportTest.EventuallyAsync(() => client.Disposed, TimeSpan.FromSeconds(10)), "the source is disposed once its move returned");
        }

        [Theory]
        [InlineData("every-delta", 1, false)] // paused inside the title's value: between tokens
        [InlineData("every-delta", 2, true)]  // paused inside the name "nationality": its characters so far are kept
        [InlineData("per-batch", 1, false)]
        [InlineData("per-batch", 2, true)]
        public async Task A_paused_structured_stream_holds_no_token_buffer_between_tokens(string consumer, int events, bool insideName)
        {
            var body = new LaterStream(Body, 4096, stopAt: After(events));
            using var client = Client(body, new CapturingLogger());
            using var cancel = new CancellationTokenSource();
            var policy = consumer == "per-batch" ? PartialPublication.PerBatch : PartialPublication.EveryDelta;
            var structured = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages, new ChatRequestOptions { PartialPublication = policy }, cancel.Token);
            var partials = structured.GetAsyncEnumerator();
            var move = partials.MoveNextAsync().AsTask();
            while (true)
            {
                // Every partial taken as it comes, until the consumer's move waits on the hanging read.
                if (move.IsCompleted)
                {
                    Assert.True(await move);
                    move = partials.MoveNextAsync().AsTask();
                    continue;
                }

                await Task.Delay(5);
                if (body.Hanging && !move.IsCompleted) break;
            }

            // The stream waits on the network now.
            Assert.Equal(insideName, structured.Parser.HoldsTokenBuffer);

            cancel.Cancel();
            bool cancelled = false;
            try
            {
                while (await move) move = partials.MoveNextAsync().AsTask();
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }

            Assert.True(cancelled, "the hanging stream ended without the cancellation");
            await partials.DisposeAsync();

            // Rested and resumed: a second stream on whatever thread reads the whole book as before.
            var again = new LaterStream(Body, 7);
            using var second = Client(again, new CapturingLogger());
            var (text, _) = await ConsumeAsync(second, consumer);
            Assert.Equal(Whole, text);
        }

        private static int Count(CapturingLogger logger, string name) => logger.Entries.Count(e => e.Id.Name == name);

        private static ModelClient Client(LaterStream body, ILogger logger, Action<ChatCompletionsClientOptions>? configure = null) =>
            TransportTest.Client(Endpoint, logger, new HttpClient(new StreamBodyHandler(body)), configure);

        /// <summary>Reads the answer the way <paramref name="consumer"/> does; returns the text received and how many items it handed out.</summary>
        private static async Task<(string Text, int Items)> ConsumeAsync(ModelClient client, string consumer, bool stopAfterFirst = false, CancellationToken cancellationToken = default)
        {
            int items = 0;
            switch (consumer)
            {
                case "every-delta":
                case "per-batch":
                case "interval":
                    var policy = consumer switch
                    {
                        "per-batch" => PartialPublication.PerBatch,
                        "interval" => PartialPublication.AtMostEvery(TimeSpan.FromMilliseconds(2)),
                        _ => PartialPublication.EveryDelta,
                    };
                    var options = new ChatRequestOptions { PartialPublication = policy };
                    var structured = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages, options, cancellationToken);
                    await foreach (var partial in structured)
                    {
                        Assert.NotNull(partial);
                        items++;
                        if (stopAfterFirst) return (structured.State.Content, items);
                    }

                    Assert.Equal(("Dune", "Frank Herbert", 1965), (structured.Result.Value.Title, structured.Result.Value.Author.Name, structured.Result.Value.PublishedYear));
                    return (structured.Result.Text, items);
                case "text":
                    var text = client.StreamTextAsync(TransportTest.Messages, cancellationToken: cancellationToken);
                    var received = new StringBuilder();
                    await foreach (var delta in text)
                    {
                        received.Append(delta);
                        items++;
                        if (stopAfterFirst) break;
                    }

                    Assert.Equal(received.ToString(), text.Text);
                    return (received.ToString(), items);
                default:
                    var chat = client.StreamAsync(TransportTest.Messages, cancellationToken: cancellationToken);
                    int finishes = 0;
                    await foreach (var update in chat)
                    {
                        items++;
                        if (update.Kind == ChatStreamUpdateKind.Finished) finishes++;
                        if (stopAfterFirst && update.Kind == ChatStreamUpdateKind.ContentDelta) return (chat.State.Content, items);
                    }

                    Assert.Equal(1, finishes);
                    return (chat.State.Content, items);
            }
        }

        /// <summary>
        /// A body whose every read (zero-byte waits included) completes later, at most <c>chunk</c> bytes at a time.
        /// Once <c>stopAt</c> bytes were delivered, the next read fails with <c>failure</c> after its delay (while
        /// pending), or without one waits until cancelled.
        /// </summary>
        private sealed class LaterStream : AsyncReadStream
        {
            private readonly byte[] _bytes;
            private readonly int _chunk;
            private readonly int _stopAt;
            private readonly Exception? _failure;
            private int _reads;
            private volatile bool _hanging;
            private volatile bool _disposed;

            public LaterStream(byte[] bytes, int chunk, int? stopAt = null, Exception? failure = null)
            {
                _bytes = bytes;
                _chunk = chunk;
                _stopAt = stopAt ?? -1;
                _failure = failure;
            }

            public int Reads => Volatile.Read(ref _reads);

            public int Delivered { get; private set; }

            public bool Hanging => _hanging;

            public bool Disposed => _disposed;

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref _reads);
                await Task.Delay(1, cancellationToken);
                if (Delivered == _stopAt)
                {
                    if (_failure is not null) throw _failure;
                    _hanging = true;
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                int end = _stopAt >= 0 ? _stopAt : _bytes.Length;
                int n = Math.Min(Math.Min(_chunk, buffer.Length), end - Delivered);
                _bytes.AsSpan(Delivered, n).CopyTo(buffer.Span);
                Delivered += n;
                return n;
            }

            protected override void Dispose(bool disposing)
            {
                _disposed = true;
                base.Dispose(disposing);
            }
        }

        private enum ForeignEnd
        {
            Finish,
            Throw,
            Nothing,
        }

        /// <summary>A protocol of a third party's: its own async iterator, every update after a real wait.</summary>
        private sealed class ForeignClient : ModelClient
        {
            private readonly ForeignEnd _end;
            private volatile bool _disposed;

            public ForeignClient(ForeignEnd end)
                : base(new ForeignClientOptions()) => _end = end;

            public IOException Thrown { get; } = new IOException("the third party's socket broke");

            public bool Disposed => _disposed;

            /// <summary>When set, the move after the first delta waits for it (whatever the token says).</summary>
            public TaskCompletionSource<bool>? Gate { get; init; }

            public bool Waiting { get; private set; }

            protected override async IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                try
                {
                    yield return ChatStreamUpdate.ResponseStarted("r1", "m");
                    for (int i = 0; i < Whole.Length; i += 9)
                    {
                        if (i == 9 && Gate is not null)
                        {
                            Waiting = true;
                            await Gate.Task;
                            Waiting = false;
                        }

                        await Task.Delay(1, cancellationToken);
                        yield return ChatStreamUpdate.ContentDelta(Whole.Substring(i, Math.Min(9, Whole.Length - i)));
                    }

                    await Task.Delay(1, cancellationToken);
                    if (_end == ForeignEnd.Throw) throw Thrown;
                    if (_end == ForeignEnd.Finish) yield return ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "stop"));
                }
                finally
                {
                    _disposed = true;
                }
            }
        }
    }
}
