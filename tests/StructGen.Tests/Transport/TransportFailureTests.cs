using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Sse;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.Tests.Transport
{
    /// <summary>Every failure gives its documented exception, and what arrived is preserved.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportFailureTests
    {
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
        private readonly LoopbackServer _server;
        private readonly ITestOutputHelper _output;

        public TransportFailureTests(LoopbackServer server, ITestOutputHelper output)
        {
            _server = server;
            _output = output;
        }

        [Theory]
        [InlineData(400, "invalid_request_error", "invalid_json_schema", "Invalid schema for response_format 'Book'.", 1)]
        [InlineData(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.", 1)]
        [InlineData(404, "invalid_request_error", "model_not_found", "The model `nope` does not exist.", 1)]
        [InlineData(429, "requests", "rate_limit_exceeded", "Rate limit reached.", 3)]
        [InlineData(500, "server_error", null, "The server had an error.", 3)]
        [InlineData(503, "server_error", "503", "The engine is currently overloaded.", 3)]
        public async Task Http_errors_carry_the_parsed_provider_body_and_are_retried_when_transient(int status, string type, string? code, string message, int attempts)
        {
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint("http-" + status, out var key), logger);
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal((HttpStatusCode)status, ex.StatusCode);
            Assert.Equal(type, ex.ErrorType);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(message, ex.ErrorMessage);
            Assert.Equal(Scenarios.RequestId, ex.RequestId);
            Assert.Equal(attempts, ex.Attempts);
            Assert.Equal(attempts, _server.AttemptsFor("http-" + status, key));
            Assert.Equal(attempts > 1, ex.IsTransient);
            Assert.Contains(message, ex.Message, StringComparison.Ordinal);
            Assert.Contains("HTTP " + status, ex.Message, StringComparison.Ordinal);
            Assert.Equal(attempts - 1, logger.Entries.Count(e => e.Id.Name == "ChatRequestRetrying"));
            Assert.Single(logger.Entries, e => e.Id.Name == "ChatRequestFailed");
            if (status == 400) Assert.Equal("response_format", ex.ErrorParam);
            if (status == 429) Assert.Equal(TimeSpan.FromMilliseconds(5), ex.RetryAfter);
            if (attempts > 1) Assert.Contains("Gave up after 3 attempts", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Two_503s_then_success_is_retried_transparently()
        {
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint("flaky", out var key), logger);
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Hello world", stream.State.Content);
            Assert.Equal(3, stream.State.Attempts);
            Assert.Equal(3, _server.AttemptsFor("flaky", key));
            Assert.Equal(2, logger.Entries.Count(e => e.Id.Name == "ChatRequestRetrying"));
        }

        [Fact]
        public async Task MaxRetries_zero_makes_a_single_attempt()
        {
            using var client = TransportTest.Client(_server.Endpoint("flaky", out var key), configure: o => o.MaxRetries = 0);

            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(1, ex.Attempts);
            Assert.Equal(1, _server.AttemptsFor("flaky", key));
        }

        [Fact]
        public async Task A_retry_after_longer_than_the_limit_is_not_waited_for()
        {
            using var client = TransportTest.Client(_server.Endpoint("ratelimited-3600", out var key));

            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
            Assert.True(ex.IsTransient);
            Assert.Equal(1, ex.Attempts);
            Assert.Equal(1, _server.AttemptsFor("ratelimited-3600", key));
            Assert.Contains("retry after 3600 s", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Cancelling_during_a_backoff_delay_stops_at_once()
        {
            using var client = TransportTest.Client(_server.Endpoint("ratelimited-30", out var key));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages, cancellationToken: cts.Token)));

            Assert.True(clock.Elapsed < Generous, "took " + clock.Elapsed);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Equal(1, _server.AttemptsFor("ratelimited-30", key));
        }

        [Fact]
        public async Task The_overall_timeout_also_bounds_backoff_delays()
        {
            using var client = TransportTest.Client(_server.Endpoint("ratelimited-30", out var key), configure: o => o.Timeout = TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.True(clock.Elapsed < Generous, "took " + clock.Elapsed);
            Assert.Equal(ChatStreamFailure.Timeout, ex.Failure);
            Assert.False(ex.ResponseStarted);
            Assert.IsType<ChatApiException>(ex.InnerException);
            Assert.Equal(1, _server.AttemptsFor("ratelimited-30", key));
        }

        [Fact]
        public async Task The_timeout_of_a_supplied_HttpClient_is_Timeout_after_the_retries()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(150) };
            using var client = TransportTest.Client(_server.Endpoint("stallheaders", out var key), http: http, configure: o => o.MaxRetries = 1);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(ChatStreamFailure.Timeout, ex.Failure);
            Assert.False(ex.ResponseStarted);
            Assert.Equal(2, ex.Attempts);
            Assert.Equal(2, _server.AttemptsFor("stallheaders", key));
        }

        [Fact]
        public async Task x_should_retry_false_stops_retries()
        {
            using var client = TransportTest.Client(_server.Endpoint("shouldnotretry", out var key));

            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(1, ex.Attempts);
            Assert.False(ex.IsTransient);
            Assert.Equal(1, _server.AttemptsFor("shouldnotretry", key));
        }

        [Fact]
        public async Task A_non_json_error_body_is_kept_raw()
        {
            using var client = TransportTest.Client(_server.Endpoint("notjsonerror"), configure: o => o.MaxRetries = 0);

            var ex = await Assert.ThrowsAsync<ChatApiException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
            Assert.Null(ex.ErrorMessage);
            Assert.Contains("502 Bad Gateway", ex.RawBody, StringComparison.Ordinal);
            Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_connection_reset_before_the_response_is_retried()
        {
            using var client = TransportTest.Client(_server.Endpoint("abortonce", out var key));
            var stream = client.StreamAsync(TransportTest.Messages);

            await TransportTest.ReadAllAsync(stream);

            Assert.Equal("Hello world", stream.State.Content);
            Assert.Equal(2, stream.State.Attempts);
            Assert.Equal(2, _server.AttemptsFor("abortonce", key));
        }

        [Fact]
        public async Task Connection_refused_gives_ConnectionFailed_after_the_retries()
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
            }

            var logger = new CapturingLogger();
            using var client = TransportTest.Client(new Uri("http://127.0.0.1:" + port + "/v1/"), logger);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(ChatStreamFailure.ConnectionFailed, ex.Failure);
            Assert.Equal(3, ex.Attempts);
            Assert.False(ex.ResponseStarted);
            Assert.IsType<HttpRequestException>(ex.InnerException);
            Assert.Equal(string.Empty, ex.State.Content);
            Assert.Equal(2, logger.Entries.Count(e => e.Id.Name == "ChatRequestRetrying"));
        }

        [Fact]
        public async Task Connection_dropped_mid_stream_is_Truncated_with_the_partial_content_and_not_retried()
        {
            using var client = TransportTest.Client(_server.Endpoint("drop", out var key));
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.Equal("Hel", ex.PartialContent);
            Assert.Same(stream.State, ex.State);
            Assert.Equal(Scenarios.RequestId, ex.RequestId);
            Assert.True(ex.ResponseStarted);
            Assert.Equal(1, ex.Attempts);
            Assert.NotNull(ex.InnerException);
            Assert.True(ex.InnerException is IOException or HttpRequestException, ex.InnerException!.GetType().FullName);
            Assert.Contains("Not retried", ex.Message, StringComparison.Ordinal);
            Assert.Equal(1, _server.AttemptsFor("drop", key));
        }

        [Theory]
        [InlineData("errorevent", "server_error", "overloaded", "The server is overloaded.")]
        [InlineData("erroreventstring", null, null, "model crashed")]
        [InlineData("erroreventvllm", "BadRequestError", "400", "Input too long")]
        [InlineData("erroreventnamed", null, null, "upstream timed out")]
        public async Task An_error_event_mid_stream_is_ProviderError_with_the_partial_content(string scenario, string? type, string? code, string message)
        {
            using var client = TransportTest.Client(_server.Endpoint(scenario));
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.Equal(type, ex.ErrorType);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(message, ex.ErrorMessage);
            Assert.Contains(message, ex.Message, StringComparison.Ordinal);
            Assert.Equal(Scenarios.RequestId, ex.RequestId);
        }

        [Fact]
        public async Task Data_that_is_not_json_is_InvalidChunk_with_the_partial_content()
        {
            using var client = TransportTest.Client(_server.Endpoint("notjson"));
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal(ChatStreamFailure.InvalidChunk, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.Contains("this is not json", ex.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        }

        [Fact]
        public async Task A_line_longer_than_MaxLineBytes_is_InvalidChunk_with_an_SseFormatException_inside()
        {
            using var client = TransportTest.Client(_server.Endpoint("big"), configure: o => o.MaxLineBytes = 64 * 1024);
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal(ChatStreamFailure.InvalidChunk, ex.Failure);
            Assert.Equal("start ", ex.State.Content);
            Assert.IsType<SseFormatException>(ex.InnerException);
        }

        [Fact]
        public async Task A_stream_ending_without_finish_reason_is_Truncated()
        {
            using var client = TransportTest.Client(_server.Endpoint("html"));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(ChatStreamFailure.Truncated, ex.Failure);
            Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_server_that_stalls_after_the_first_chunk_gives_IdleTimeout_quickly()
        {
            int abortedBefore = _server.AbortedRequests;
            using var client = TransportTest.Client(_server.Endpoint("stall"), configure: o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));
            var stream = client.StreamAsync(TransportTest.Messages);
            var clock = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.True(clock.Elapsed < Generous, "took " + clock.Elapsed);
            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.Equal(1, ex.Attempts);
            Assert.True(await TransportTest.EventuallyAsync(() => _server.AbortedRequests > abortedBefore, Generous), "the server never saw the connection close");
        }

        [Fact]
        public async Task A_server_that_never_sends_headers_gives_IdleTimeout_after_the_retries()
        {
            using var client = TransportTest.Client(_server.Endpoint("stallheaders", out var key), configure: o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(client.StreamAsync(TransportTest.Messages)));

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.False(ex.ResponseStarted);
            Assert.Equal(3, ex.Attempts);
            Assert.Equal(3, _server.AttemptsFor("stallheaders", key));
        }

        [Fact]
        public async Task The_overall_timeout_gives_Timeout_with_what_arrived()
        {
            using var client = TransportTest.Client(_server.Endpoint("slow"), configure: o => o.Timeout = TimeSpan.FromMilliseconds(300));
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream));

            Assert.Equal(ChatStreamFailure.Timeout, ex.Failure);
            Assert.StartsWith("t0 t1 ", ex.State.Content, StringComparison.Ordinal);
            Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_slow_consumer_does_not_trip_the_idle_timeout()
        {
            using var client = TransportTest.Client(_server.Endpoint("normal"), configure: o => o.IdleTimeout = TimeSpan.FromMilliseconds(100));
            var stream = client.StreamAsync(TransportTest.Messages);

            await foreach (var update in stream)
            {
                await Task.Delay(150);
            }

            Assert.Equal("Hello world", stream.State.Content);
        }

        [Fact]
        public async Task Cancelling_mid_stream_throws_OperationCanceled_and_closes_the_connection()
        {
            int abortedBefore = _server.AbortedRequests;
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint("slow"), logger);
            using var cts = new CancellationTokenSource();
            var stream = client.StreamAsync(TransportTest.Messages, cancellationToken: cts.Token);
            int seen = 0;

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var update in stream)
                {
                    if (update.Kind == ChatStreamUpdateKind.ContentDelta && ++seen == 3) cts.Cancel();
                }
            });

            Assert.Equal(3, seen); // stopped within one chunk
            Assert.Equal("t0 t1 t2 ", stream.State.Content);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.True(await TransportTest.EventuallyAsync(() => _server.AbortedRequests > abortedBefore, Generous), "the server never saw the connection close");
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatRequestCancelled");
        }

        [Fact]
        public async Task Cancelling_while_waiting_for_data_stops_promptly()
        {
            using var client = TransportTest.Client(_server.Endpoint("stall"));
            using var cts = new CancellationTokenSource();
            var stream = client.StreamAsync(TransportTest.Messages);
            var clock = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var update in stream.WithCancellation(cts.Token))
                {
                    if (update.Kind == ChatStreamUpdateKind.ContentDelta) cts.CancelAfter(50);
                }
            });

            Assert.True(clock.Elapsed < Generous, "took " + clock.Elapsed);
            Assert.Equal("Hel", stream.State.Content);
        }

        [Fact]
        public async Task Breaking_out_of_the_loop_releases_the_connection()
        {
            int abortedBefore = _server.AbortedRequests;
            var logger = new CapturingLogger();
            using var client = TransportTest.Client(_server.Endpoint("slow"), logger);
            var stream = client.StreamAsync(TransportTest.Messages);

            await foreach (var update in stream)
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) break;
            }

            var clock = Stopwatch.StartNew();
            Assert.Equal("t0 ", stream.State.Content);
            Assert.True(await TransportTest.EventuallyAsync(() => _server.AbortedRequests > abortedBefore, Generous), "the server never saw the connection close");

            // The body is aborted, not drained (a drain would keep the server generating for up to 2 s).
            _output.WriteLine($"server saw the abort {clock.ElapsedMilliseconds} ms after the break");
            Assert.Contains(logger.Entries, e => e.Id.Name == "ChatStreamAbandoned");
        }

        [Fact]
        public async Task A_stream_can_be_enumerated_only_once()
        {
            using var client = TransportTest.Client(_server.Endpoint("normal"));
            var stream = client.StreamAsync(TransportTest.Messages);
            await TransportTest.ReadAllAsync(stream);

            Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        }
    }
}
