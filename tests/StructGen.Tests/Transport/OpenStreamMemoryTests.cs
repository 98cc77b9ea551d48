using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Chat.Transport;
using StructGen.Sse;
using StructGen.Tests.Engine;
using StructGen.Tests.Support;
using StructGen.Tests.Shared;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// What an open stream lets go of (W6, memory per open stream) without changing what it does: the
    /// request body after the response headers, the second copy of a structured answer's text, and the
    /// SSE reader's own async state when the caller awaits the reads.
    /// </summary>
    public sealed class OpenStreamMemoryTests
    {
        private static readonly Uri Endpoint = new Uri("http://stub.invalid/v1/");

        private const string Whole = "{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"sf\",\"epic\"],\"published_year\":1965}";

        // The book in three content deltas, then the finish.
        private static string BookEvents(string finish = "stop") => StubSseHandler.Events(new[]
        {
            Chunk("{\"role\":\"assistant\",\"content\":" + JsonSerializer.Serialize(Whole.Substring(0, 13)) + "}", null),
            Chunk("{\"content\":" + JsonSerializer.Serialize(Whole.Substring(13, 40)) + "}", null),
            Chunk("{\"content\":" + JsonSerializer.Serialize(Whole.Substring(53)) + "}", null),
            Chunk("{}", finish),
        });

        private static string Chunk(string delta, string? finish) =>
            "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + (finish is null ? "" : ",\"finish_reason\":\"" + finish + "\"") + "}]}";

        [Fact]
        public async Task The_request_body_is_sent_whole_and_released_once_the_headers_arrived()
        {
            var handler = new CapturingHandler(_ => Sse(BookEvents()));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));

            var result = await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            Assert.Equal("Dune", result.Value.Title);
            var body = Assert.Single(handler.Bodies);
            Assert.Contains("\"model\":\"test-model\"", body, StringComparison.Ordinal);
            Assert.Contains("Say hello.", body, StringComparison.Ordinal);

            // The handler still holds the request (SocketsHttpHandler does until the body is read); it no longer holds the
            // content, and the content sent no longer holds the bytes.
            var request = Assert.Single(handler.Requests);
            Assert.Null(request.Content);
            var content = Assert.IsType<RequestBodyContent>(Assert.Single(handler.Contents));
            Assert.True(content.IsReleased);
        }

        [Fact]
        public async Task A_request_body_sends_its_bytes_until_released_and_then_says_why_it_cannot()
        {
            var bytes = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[]}");
            using var content = new RequestBodyContent(bytes);

            Assert.Equal(bytes.Length, content.Headers.ContentLength);
            using (var first = new MemoryStream())
            {
                await content.CopyToAsync(first);
                Assert.Equal(bytes, first.ToArray());
            }

            content.Release();

            Assert.True(content.IsReleased);
            Assert.Equal(bytes.Length, content.Headers.ContentLength);
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => content.CopyToAsync(new MemoryStream()));
            Assert.Contains("released after the response headers arrived", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_retried_request_sends_the_same_whole_body_every_time()
        {
            int calls = 0;
            var handler = new CapturingHandler(_ => Interlocked.Increment(ref calls) < 3
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"error\":{\"message\":\"busy\"}}", Encoding.UTF8, "application/json") }
                : Sse(BookEvents()));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));

            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            var result = await stream.GetResultAsync();

            Assert.Equal(1965, result.Value.PublishedYear);
            Assert.Equal("American", result.Value.Author.Nationality);
            Assert.Equal(3, stream.State.Attempts);
            Assert.Equal(3, handler.Bodies.Count);
            Assert.Contains("Say hello.", handler.Bodies[0], StringComparison.Ordinal);
            Assert.All(handler.Bodies, b => Assert.Equal(handler.Bodies[0], b));
        }

        [Fact]
        public async Task A_structured_stream_keeps_one_copy_of_its_text_and_the_state_reads_it()
        {
            var handler = new CapturingHandler(_ => Sse(BookEvents()));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));
            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            var seen = new List<(string Content, int Length, string ParserText)>();
            await foreach (var _ in stream)
            {
                seen.Add((stream.State.Content, stream.State.ContentLength, stream.Parser.Text));
            }

            const string whole = Whole;
            Assert.NotEmpty(seen);
            Assert.All(seen, s =>
            {
                Assert.Equal(s.ParserText, s.Content);
                Assert.Equal(s.Content.Length, s.Length);
                Assert.StartsWith(s.Content, whole, StringComparison.Ordinal);
            });
            Assert.Equal(whole, stream.State.Content);
            Assert.Equal(whole.Length, stream.State.ContentLength);
            Assert.Equal(whole, stream.Result.Text);
            Assert.Equal(whole, stream.StructuredText);
        }

        [Fact]
        public async Task A_failed_structured_stream_reports_the_text_that_arrived()
        {
            var handler = new CapturingHandler(_ => Sse(BookEvents(finish: "length")));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));
            var stream = client.StreamStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => stream.GetResultAsync());

            Assert.Equal(ChatStreamFailure.Length, ex.Failure);
            Assert.Equal(Whole, ex.PartialContent);
        }

        [Fact]
        public void Content_is_shared_only_before_any_arrives()
        {
            var state = new ChatStreamState();
            var update = ChatStreamUpdate.ContentDelta("x");
            Assert.True(state.Apply(ref update));

            var ex = Assert.Throws<InvalidOperationException>(() => state.ShareContent(new FixedText("x")));
            Assert.Contains("before any arrives", ex.Message, StringComparison.Ordinal);
            Assert.Equal("x", state.Content);
        }

        [Fact]
        public void A_text_only_state_creates_nothing_else_and_every_other_part_reads_as_before()
        {
            var state = new ChatStreamState();
            Apply(state, ChatStreamUpdate.ContentDelta("Hello"));
            Assert.False(state.HoldsOtherParts); // an open text-only stream
            Apply(state, ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "stop")));
            Apply(state, ChatStreamUpdate.UsageReported(new ChatUsage(3, 2, 5)));
            Assert.Equal(FinishKind.Stop, state.FinishReason!.Kind);
            Assert.Equal(5, state.Usage!.TotalTokens);
            Assert.Equal("Hello", state.Content);
            Assert.Equal(5, state.ContentLength);
            Assert.Equal(string.Empty, state.Reasoning);
            Assert.Equal(string.Empty, state.Refusal);
            Assert.Empty(state.ReasoningBlocks);
            Assert.Empty(state.ToolCalls);
            Assert.Equal(0, state.ToolCallCount);

            var other = new ChatStreamState();
            Apply(other, ChatStreamUpdate.ReasoningDelta("think"));
            Apply(other, ChatStreamUpdate.RefusalDelta("no"));
            Apply(other, ChatStreamUpdate.ReasoningCompleted(new ReasoningContent("test", "think")));
            Apply(other, ChatStreamUpdate.ToolCallStarted(0, "call_1", "f"));
            Apply(other, ChatStreamUpdate.ToolCallArgumentsDelta(0, "{\"a\":1}"));
            Assert.True(other.HoldsOtherParts);
            Assert.Equal("think", other.Reasoning);
            Assert.Equal("no", other.Refusal);
            Assert.Equal("think", Assert.Single(other.ReasoningBlocks).Text);
            var call = Assert.Single(other.ToolCalls);
            Assert.Equal(("call_1", "f", "{\"a\":1}"), (call.Id, call.Name, call.Arguments));
            Assert.Equal(new[] { 0 }, other.OpenToolCalls());

            static void Apply(ChatStreamState state, ChatStreamUpdate update) => state.Apply(ref update);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(17)]
        [InlineData(4096)]
        public async Task Stepping_reads_the_same_events_as_ReadNextAsync_when_every_read_is_pending(int chunk)
        {
            var text = "retry: 5\n\n: comment\nevent: delta\nid: 7\ndata: {\"a\":1}\n\ndata: line one\ndata: line two\n\nid: 8\ndata: \u00e9\u4e2d\n\nevent: end\ndata: [DONE]\n\ndata: unterminated";
            var bytes = Encoding.UTF8.GetBytes(text);

            var expected = new List<string>();
            using (var reference = new SseReader(new MemoryStream(bytes)))
            {
                while (await reference.ReadNextAsync()) expected.Add(Describe(reference));
            }

            var actual = new List<string>();
            using (var reader = new SseReader(new PendingChunkStream(bytes, chunk)))
            {
                int pendingReads = 0;
                while (true)
                {
                    bool more;
                    while (!reader.TryReadNext(CancellationToken.None, out more, out var read))
                    {
                        pendingReads++;
                        reader.Resume(await read);
                    }

                    if (!more) break;
                    actual.Add(Describe(reader));
                }

                Assert.True(pendingReads > 0, "every read of this stream completes later, so the caller awaited some; events: " + actual.Count + " expected " + expected.Count);
            }

            Assert.Equal(expected, actual);
            Assert.Equal(4, actual.Count);
        }

        [Fact]
        public async Task Stepping_honours_cancellation_before_reading()
        {
            using var reader = new SseReader(new PendingChunkStream(Encoding.UTF8.GetBytes("data: x\n\n"), 4));
            using var cts = new CancellationTokenSource();
            cts.Cancel();

            Assert.Throws<OperationCanceledException>(() => reader.TryReadNext(cts.Token, out _, out _));
            await Task.CompletedTask;
        }

        private static string Describe(SseReader reader) =>
            reader.EventType + "|" + (reader.LastEventId ?? "-") + "|" + Encoding.UTF8.GetString(reader.Data.Span) + "|" + reader.RetryMilliseconds;

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(64)]
        [InlineData(4096)]
        public async Task Streams_that_wait_between_events_give_the_same_updates(int chunk)
        {
            // Every read completes later (on a pool thread), so each stream gives its update list back and takes one
            // again around every wait; eight at once share the threads' spare lists.
            byte[] body = Encoding.UTF8.GetBytes(BookEvents());
            var handler = new CapturingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new PendingChunkStream(body, chunk)) });
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));

            async Task<string> One()
            {
                var text = new StringBuilder();
                int finishes = 0;
                await foreach (var update in client.StreamAsync(TransportTest.Messages))
                {
                    if (update.Kind == ChatStreamUpdateKind.ContentDelta) text.Append(update.Text);
                    if (update.Kind == ChatStreamUpdateKind.Finished) finishes++;
                }

                return finishes + "|" + text;
            }

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(One)));
            Assert.All(results, r => Assert.Equal("1|" + Whole, r));
        }

        [Fact]
        public void A_spare_update_list_is_reused_emptied_and_a_large_one_is_not_kept()
        {
            var first = UpdateLists.Take();
            first.Add(ChatStreamUpdate.ResponseStarted("id", "m"));
            UpdateLists.Return(first);
            var again = UpdateLists.Take();
            Assert.Same(first, again);
            Assert.Empty(again);
            Assert.NotSame(again, UpdateLists.Take()); // taken: the next caller gets a new one

            var large = new List<ChatStreamUpdate>(1024);
            UpdateLists.Return(large);
            Assert.NotSame(large, UpdateLists.Take());
        }

        [Fact]
        public async Task The_request_headers_are_sent_as_before_and_kept_as_text()
        {
            var handler = new CapturingHandler(_ => Sse(BookEvents()));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));

            await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            // The content as sent (the request lets go of it once the response headers arrived).
            var request = Assert.Single(handler.Requests);
            var content = Assert.Single(handler.Contents);
            Assert.Equal("application/json", Assert.Single(content.Headers.NonValidated["Content-Type"]));
            Assert.Equal("text/event-stream", Assert.Single(request.Headers.NonValidated["Accept"]));

            // What a handler reads through the typed properties is what the parsed objects gave.
            Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
            Assert.Null(content.Headers.ContentType.CharSet);
            Assert.Equal("text/event-stream", Assert.Single(request.Headers.Accept).MediaType);
        }

        [Fact]
        public async Task The_key_is_sent_as_a_bearer_header_kept_as_text_and_a_changed_key_is_used_at_once()
        {
            var handler = new CapturingHandler(_ => Sse(BookEvents()));
            using var client = TransportTest.Client(Endpoint, http: new HttpClient(handler));
            string first = client.Options.ApiKey!;

            await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);
            client.Options.ApiKey = "sk-rotated";
            await client.GenerateStructuredAsync(HandBook.StructuredOutput, TransportTest.Messages);

            Assert.Equal(3, handler.Requests.Count);

            // One string per key, not one per request (checked before the typed reads below parse the values).
            Assert.Same(Assert.Single(handler.Requests[0].Headers.NonValidated["Authorization"]), Assert.Single(handler.Requests[1].Headers.NonValidated["Authorization"]));
            for (int i = 0; i < 3; i++)
            {
                string expected = "Bearer " + (i < 2 ? first : "sk-rotated");
                Assert.Equal(expected, Assert.Single(handler.Requests[i].Headers.NonValidated["Authorization"]));

                // A handler reading the typed property sees the same scheme and key.
                Assert.Equal(expected, handler.Requests[i].Headers.Authorization!.ToString());
            }

        }

        [Theory]
        [InlineData("text/event-stream")]
        [InlineData("text/event-stream; charset=utf-8")]
        [InlineData("  Application/JSON ;charset=\"utf-8\"")]
        [InlineData("text/html; charset=iso-8859-1")]
        [InlineData("not a media type")]
        [InlineData("text/")]
        [InlineData("")]
        [InlineData(null)]
        public void The_response_media_type_is_what_the_typed_header_gives(string? value)
        {
            static HttpContent Content(string? value)
            {
                var content = new ByteArrayContent(Array.Empty<byte>());
                if (value is not null) content.Headers.TryAddWithoutValidation("Content-Type", value);
                return content;
            }

            string? expected = Content(value).Headers.ContentType?.MediaType;
            using var content = Content(value);
            Assert.Equal(expected, HttpEventSource.MediaTypeOf(content));

            Assert.Null(HttpEventSource.MediaTypeOf(null));
        }

        [Fact]
        public void Two_content_types_give_what_the_typed_header_gives()
        {
            using var content = new ByteArrayContent(Array.Empty<byte>());
            content.Headers.TryAddWithoutValidation("Content-Type", new[] { "text/event-stream", "application/json" });
            using var twin = new ByteArrayContent(Array.Empty<byte>());
            twin.Headers.TryAddWithoutValidation("Content-Type", new[] { "text/event-stream", "application/json" });

            Assert.Equal(twin.Headers.ContentType?.MediaType, HttpEventSource.MediaTypeOf(content));
        }

        private static HttpResponseMessage Sse(string body) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/event-stream") };

        private sealed class FixedText : ChatStreamState.IContentText
        {
            public FixedText(string text) => Text = text;

            public string Text { get; }
        }

        /// <summary>Keeps every request and the body it carried (read while sending, as a handler would).</summary>
        private sealed class CapturingHandler : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;

            public CapturingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

            public List<string> Bodies { get; } = new List<string>();

            public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();

            /// <summary>Each request's content as it was sent.</summary>
            public List<HttpContent> Contents { get; } = new List<HttpContent>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                // Serialized to a separate stream (not ReadAsStringAsync, which would buffer the content inside it).
                using var copy = new MemoryStream();
                await request.Content!.CopyToAsync(copy, cancellationToken);
                Bodies.Add(Encoding.UTF8.GetString(copy.ToArray()));
                Requests.Add(request);
                Contents.Add(request.Content);
                var response = _answer(request);
                response.RequestMessage = request;
                return response;
            }
        }

        /// <summary>A stream whose every read (zero-byte waits included) completes later, at most <c>chunk</c> bytes at a time.</summary>
        private sealed class PendingChunkStream : AsyncReadStream
        {
            private readonly byte[] _bytes;
            private readonly int _chunk;
            private int _position;

            public PendingChunkStream(byte[] bytes, int chunk)
            {
                _bytes = bytes;
                _chunk = chunk;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(1, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(Math.Min(_chunk, buffer.Length), _bytes.Length - _position);
                _bytes.AsSpan(_position, n).CopyTo(buffer.Span);
                _position += n;
                return n;
            }
        }
    }
}
