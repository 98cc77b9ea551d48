using System;
using System.Net;
using System.Net.Http;
using StructGen.Chat;
using StructGen.Chat.Transport;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>Retry timing, Retry-After parsing and provider error shapes, without a server.</summary>
    public sealed class TransportUnitTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        [Theory]
        [InlineData("0", 0)]
        [InlineData("2", 2000)]
        [InlineData(" 1.5 ", 1500)]
        [InlineData("Thu, 02 Jan 2025 03:04:15 GMT", 10000)]
        [InlineData("Thu, 02 Jan 2025 03:00:00 GMT", 0)]
        public void Retry_After_accepts_seconds_and_http_dates(string value, int expectedMs)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ChatTransport.ParseRetryAfter(value, Now));
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("-3")]
        [InlineData("")]
        public void Unreadable_Retry_After_is_ignored(string value)
        {
            Assert.Null(ChatTransport.ParseRetryAfter(value, Now));
        }

        [Fact]
        public void retry_after_ms_wins_over_Retry_After()
        {
            using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("Retry-After", "20");
            response.Headers.TryAddWithoutValidation("retry-after-ms", "250");

            Assert.Equal(TimeSpan.FromMilliseconds(250), ChatTransport.RetryAfterOf(response, Now));
        }

        [Theory]
        [InlineData(408, true)]
        [InlineData(409, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        public void Retryable_statuses(int status, bool retryable)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)status);
            Assert.Equal(retryable, ChatTransport.IsRetryable(response));
        }

        [Fact]
        public void x_should_retry_overrides_the_status()
        {
            using var yes = new HttpResponseMessage(HttpStatusCode.BadRequest);
            yes.Headers.TryAddWithoutValidation("x-should-retry", "true");
            using var no = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            no.Headers.TryAddWithoutValidation("x-should-retry", "false");

            Assert.True(ChatTransport.IsRetryable(yes));
            Assert.False(ChatTransport.IsRetryable(no));
        }

        [Fact]
        public void Backoff_is_full_jitter_under_an_exponential_cap()
        {
            var options = new ChatCompletionsClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromMilliseconds(350) };
            using var http = new HttpClient();
            var transport = new ChatTransport(http, options, options.Endpoint, _ => { });
            for (int i = 0; i < 200; i++)
            {
                Assert.InRange(transport.Backoff(1).TotalMilliseconds, 0, 100);
                Assert.InRange(transport.Backoff(2).TotalMilliseconds, 0, 200);
                Assert.InRange(transport.Backoff(3).TotalMilliseconds, 0, 350);
                Assert.InRange(transport.Backoff(40).TotalMilliseconds, 0, 350);
            }
        }

        [Theory]
        [InlineData("{\"error\":{\"message\":\"m\",\"type\":\"t\",\"code\":\"c\",\"param\":\"p\"}}", "m", "t", "c", "p")]
        [InlineData("{\"error\":{\"message\":\"m\",\"code\":429}}", "m", null, "429", null)]
        [InlineData("{\"error\":\"model 'x' not found\"}", "model 'x' not found", null, null, null)]
        [InlineData("{\"object\":\"error\",\"message\":\"too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}", "too long", "BadRequestError", "400", null)]
        [InlineData("{\"detail\":\"Not Found\"}", "Not Found", null, null, null)]
        [InlineData("[{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}]", "bad", "INVALID_ARGUMENT", "400", null)]
        public void Provider_error_shapes_are_read(string body, string? message, string? type, string? code, string? param)
        {
            var error = ProviderError.TryParse(body);

            Assert.NotNull(error);
            Assert.Equal((message, type, code, param), (error!.Message, error.Type, error.Code, error.Param));
        }

        [Theory]
        [InlineData("")]
        [InlineData("<html>502</html>")]
        [InlineData("{\"unrelated\":1}")]
        [InlineData("{\"error\":{\"message\":\"cut")]
        public void Unreadable_error_bodies_give_null(string body)
        {
            Assert.Null(ProviderError.TryParse(body));
        }

        [Fact]
        public void Options_validate_their_ranges()
        {
            var options = new ChatCompletionsClientOptions();
            Assert.Equal(2, options.MaxRetries);
            Assert.Null(options.Timeout);
            Assert.Equal(TimeSpan.FromMinutes(5), options.IdleTimeout);
            Assert.Equal(64 * 1024 * 1024, options.MaxLineBytes);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxRetries = -1);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.Zero);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.IdleTimeout = TimeSpan.FromMilliseconds(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxLineBytes = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.RetryBaseDelay = TimeSpan.FromSeconds(-1));
        }

        [Fact]
        public void Api_exception_message_masks_nothing_it_was_not_given_and_reads_well()
        {
            var ex = new ChatApiException(HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded", "Slow down.", "req_1", null, attempts: 3)
            {
                RetryAfter = TimeSpan.FromSeconds(2),
                IsTransient = true,
            };

            Assert.Equal(
                "The chat-completions request failed with HTTP 429 (TooManyRequests) [requests/rate_limit_exceeded]: Slow down. Request id: req_1. Gave up after 3 attempts. The server asked to retry after 2 s.",
                ex.Message);
        }
    }
}
