using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// Requests use the HTTP version the caller's <see cref="HttpClient"/> is configured for
    /// (<c>DefaultRequestVersion</c>, <c>DefaultVersionPolicy</c>), as HttpClient's own helpers do: HTTP/2
    /// lets thousands of open streams share a few connections (docs/benchmarks-history.md, "W6, round three").
    /// </summary>
    public sealed class HttpVersionTests : IAsyncLifetime
    {
        private const string Answer =
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: [DONE]\n\n";

        private readonly ConcurrentQueue<string> _protocols = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _aborted = new ConcurrentQueue<string>();
        private WebApplication? _app;
        private Uri _http1 = null!;
        private Uri _http2 = null!;

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2); // h2c: prior knowledge only
            });
            _app = builder.Build();
            _app.MapPost("/v1/chat/completions", async context =>
            {
                _protocols.Enqueue(context.Request.Protocol);
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(Answer, Encoding.UTF8);
            });
            _app.MapPost("/stall/chat/completions", async context =>
            {
                // The first chunk, then nothing until the client gives up (or the test ends).
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(Answer.Substring(0, Answer.IndexOf("\n\n", StringComparison.Ordinal) + 2), Encoding.UTF8);
                await context.Response.Body.FlushAsync();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    _aborted.Enqueue(context.Request.Protocol);
                }
            });
            await _app.StartAsync();
            var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
            _http1 = new Uri(addresses[0], "/v1/");
            _http2 = new Uri(addresses[1], "/v1/");
        }

        public async Task DisposeAsync()
        {
            if (_app is not null) await _app.DisposeAsync();
        }

        [Fact]
        public async Task A_client_configured_for_HTTP_2_streams_over_HTTP_2()
        {
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            Assert.Equal("HTTP/2", await StreamOnceAsync(_http2, http));
        }

        [Fact]
        public async Task By_default_requests_ask_for_HTTP_1_1() => Assert.Equal("HTTP/1.1", await StreamOnceAsync(_http1, http: null));

        [Fact]
        public async Task Asking_for_HTTP_2_or_lower_falls_back_where_the_server_speaks_only_HTTP_1_1()
        {
            // Over plain http without prior knowledge, "or lower" means HTTP/1.1; over TLS it is negotiated (ALPN).
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            Assert.Equal("HTTP/1.1", await StreamOnceAsync(_http1, http));
        }

        [Fact]
        public async Task Over_HTTP_2_a_stalled_stream_fails_with_IdleTimeout_and_the_server_sees_the_stream_reset()
        {
            // The watch stops the pending read by disposing the response (no token of its own over the platform handler).
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var client = TransportTest.Client(new Uri(_http2, "/stall/"), http: http, configure: o =>
            {
                o.IdleTimeout = TimeSpan.FromMilliseconds(200);
                o.Timeout = null;
            });
            var stream = client.StreamAsync(TransportTest.Messages);

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => TransportTest.ReadAllAsync(stream)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(ChatStreamFailure.IdleTimeout, ex.Failure);
            Assert.Equal("Hel", ex.State.Content);
            Assert.True(await TransportTest.EventuallyAsync(() => _aborted.Contains("HTTP/2"), TimeSpan.FromSeconds(10)), "the server never saw the stream end");
        }

        // Streams one answer (checked whole) and returns the protocol the server saw it on.
        private async Task<string> StreamOnceAsync(Uri endpoint, HttpClient? http)
        {
            using var client = TransportTest.Client(endpoint, http: http);
            var stream = client.StreamAsync(TransportTest.Messages);
            await TransportTest.ReadAllAsync(stream);
            Assert.Equal("Hello", stream.State.Content);
            return Assert.Single(_protocols);
        }
    }
}
