using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>A 429 is retried when it is a rate limit and not when the account is out of quota.</summary>
    public class QuotaErrorTests
    {
        [Theory]
        [InlineData("{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}", 1, false)]
        [InlineData("{\"error\":{\"message\":\"Billing hard limit has been reached.\",\"type\":\"invalid_request_error\",\"code\":\"billing_hard_limit_reached\"}}", 1, false)]
        [InlineData("{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", 3, true)]
        [InlineData("not json at all", 3, true)]
        public async Task A_429_is_retried_unless_it_says_the_quota_is_exhausted(string body, int attempts, bool transient)
        {
            var handler = new Always429(body);
            var options = new ChatCompletionsClientOptions { Model = "m", ApiKey = "sk-test", MaxRetries = 2, RetryBaseDelay = System.TimeSpan.Zero };
            using var client = new ChatCompletionsClient(options, new HttpClient(handler));

            var ex = await Assert.ThrowsAsync<ChatApiException>(async () =>
            {
                await foreach (var _ in client.StreamTextAsync(new[] { ModelMessage.User("hi") })) { }
            });

            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.Equal(attempts, handler.Calls);
            Assert.Equal(attempts, ex.Attempts);
            Assert.Equal(transient, ex.IsTransient);
        }

        private sealed class Always429 : HttpMessageHandler
        {
            private readonly string _body;

            public Always429(string body) => _body = body;

            public int Calls { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Calls++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests)
                {
                    Content = new StringContent(_body, Encoding.UTF8, "application/json"),
                });
            }
        }
    }
}
