using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>The API key appears in no exception text and no log line, even when a server echoes it.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportSecretTests
    {
        private readonly LoopbackServer _server;

        public TransportSecretTests(LoopbackServer server) => _server = server;

        [Fact]
        public async Task The_api_key_is_in_no_exception_and_no_log_line()
        {
            var logger = new CapturingLogger();
            var failures = new List<Exception>();

            async Task Capture(string scenario, Action<ChatCompletionsClientOptions>? configure = null, Uri? endpoint = null, CancellationToken token = default)
            {
                using var client = TransportTest.Client(endpoint ?? _server.Endpoint(scenario), logger, configure: configure);
                try
                {
                    await foreach (var update in client.StreamAsync(TransportTest.Messages, cancellationToken: token))
                    {
                    }
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            }

            await Capture("echokey-http");                          // ChatApiException, key in message and param
            await Capture("echokey-html");                          // ChatApiException, key in a raw body
            await Capture("echokey-event");                         // ProviderError, key in message/type/code
            await Capture("echokey-named");                         // ProviderError from a non-JSON error event
            await Capture("echokey-notjson");                       // InvalidChunk, key in the data excerpt
            await Capture("drop");                                  // Truncated
            await Capture("big", o => o.MaxLineBytes = 1024);        // InvalidChunk from SseFormatException
            await Capture("stall", o => o.IdleTimeout = TimeSpan.FromMilliseconds(100));   // IdleTimeout
            await Capture("slow", o => o.Timeout = TimeSpan.FromMilliseconds(100));        // Timeout
            await Capture("http-500");                              // retried ChatApiException
            await Capture("connectionrefused", endpoint: new Uri("http://127.0.0.1:" + ClosedPort() + "/v1/"));   // ConnectionFailed
            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            {
                await Capture("stall", token: cts.Token);           // OperationCanceledException
            }

            Assert.Equal(12, failures.Count);
            Assert.Contains(failures, f => f is ChatApiException);
            Assert.Contains(failures, f => f is OperationCanceledException);
            foreach (ChatStreamFailure kind in new[] { ChatStreamFailure.ProviderError, ChatStreamFailure.InvalidChunk, ChatStreamFailure.Truncated, ChatStreamFailure.IdleTimeout, ChatStreamFailure.Timeout, ChatStreamFailure.ConnectionFailed })
            {
                Assert.Contains(failures, f => f is ChatStreamException s && s.Failure == kind);
            }

            foreach (var failure in failures)
            {
                AssertNoKey(failure.ToString(), failure.GetType().Name);
                AssertNoKey(failure.Message, failure.GetType().Name);
                if (failure is ChatApiException api)
                {
                    AssertNoKey(api.RawBody, "RawBody");
                    AssertNoKey(api.ErrorMessage, "ErrorMessage");
                    AssertNoKey(api.ErrorParam, "ErrorParam");
                }

                if (failure is ChatStreamException stream)
                {
                    AssertNoKey(stream.ErrorMessage, "ErrorMessage");
                    AssertNoKey(stream.ErrorType, "ErrorType");
                    AssertNoKey(stream.ErrorCode, "ErrorCode");
                }
            }

            Assert.NotEmpty(logger.Entries);
            AssertNoKey(logger.AllText, "log");

            using var plain = TransportTest.Client(_server.Endpoint("normal"));
            AssertNoKey(plain.ToString(), "client.ToString()");
            AssertNoKey(plain.Options.ToString(), "options.ToString()");
        }

        private static void AssertNoKey(string? text, string where)
        {
            if (text is null) return;
            Assert.False(text.Contains(LoopbackServer.ApiKey, StringComparison.Ordinal), where + " contains the API key:\n" + text);
            Assert.False(text.Contains("SECRET", StringComparison.Ordinal), where + " contains part of the API key:\n" + text);
        }

        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
