using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.Tests.Transport
{
    /// <summary>Many streams at once and one after another: nothing lost, no connection leaked.</summary>
    [Collection(TransportCollection.Name)]
    public sealed class TransportLoadTests
    {
        private readonly LoopbackServer _server;
        private readonly ITestOutputHelper _output;

        public TransportLoadTests(LoopbackServer server, ITestOutputHelper output)
        {
            _server = server;
            _output = output;
        }

        [Fact]
        public async Task Hundred_concurrent_streams_deliver_every_delta_in_order()
        {
            const int Streams = 100;
            const int Deltas = 200;
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Streams };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var client = TransportTest.Client(_server.Endpoint("count-" + Deltas + "-p"), http: http);
            string expected = Expected(Deltas);
            var clock = Stopwatch.StartNew();

            var results = await Task.WhenAll(Enumerable.Range(0, Streams).Select(async _ =>
            {
                var stream = client.StreamAsync(TransportTest.Messages);
                var text = new StringBuilder();
                int index = 0;
                bool inOrder = true;
                await foreach (var update in stream)
                {
                    if (update.Kind != ChatStreamUpdateKind.ContentDelta) continue;
                    inOrder &= update.Text == "d" + index++ + " ";
                    text.Append(update.Text);
                }

                return (Text: text.ToString(), InOrder: inOrder, stream.State.FinishReason, stream.State.Usage);
            }));

            _output.WriteLine($"{Streams} concurrent streams x {Deltas} deltas: {clock.ElapsedMilliseconds} ms, peak server connections {_server.PeakConnections}");
            Assert.All(results, r =>
            {
                Assert.True(r.InOrder);
                Assert.Equal(expected, r.Text);
                Assert.Equal("stop", r.FinishReason?.Value);
                Assert.Equal(12, r.Usage!.TotalTokens);
            });
        }

        [Fact]
        public async Task Thousand_sequential_streams_some_cancelled_or_abandoned_do_not_grow_open_connections()
        {
            const int MaxConnections = 4;
            const int Deltas = 40;
            int baseline = _server.OpenConnections;
            _server.ResetPeak();
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnections };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var client = TransportTest.Client(_server.Endpoint("count-" + Deltas), http: http);
            string expected = Expected(Deltas);
            int completed = 0, cancelled = 0, abandoned = 0, maxOpen = 0;
            var clock = Stopwatch.StartNew();

            for (int i = 0; i < 1000; i++)
            {
                using var cts = new CancellationTokenSource();
                var stream = client.StreamAsync(TransportTest.Messages, cancellationToken: cts.Token);
                int mode = i % 3;
                int seen = 0;
                try
                {
                    await foreach (var update in stream)
                    {
                        if (update.Kind != ChatStreamUpdateKind.ContentDelta) continue;
                        seen++;
                        if (mode == 1 && seen == 5) cts.Cancel();
                        if (mode == 2 && seen == 5) break;
                    }

                    if (mode == 2)
                    {
                        abandoned++;
                    }
                    else
                    {
                        Assert.Equal(expected, stream.State.Content);
                        completed++;
                    }
                }
                catch (OperationCanceledException)
                {
                    Assert.Equal(1, mode);
                    Assert.Equal(5, seen);
                    cancelled++;
                }

                maxOpen = Math.Max(maxOpen, _server.OpenConnections);
            }

            _output.WriteLine($"1000 sequential streams: {clock.ElapsedMilliseconds} ms; completed {completed}, cancelled {cancelled}, abandoned {abandoned}; " +
                $"server connections baseline {baseline}, max sampled {maxOpen}, peak {_server.PeakConnections}, at end {_server.OpenConnections}");
            Assert.Equal((334, 333, 333), (completed, cancelled, abandoned));

            // Bounded while running: never more than the pool allows (plus sockets the server has not yet seen close).
            Assert.True(_server.PeakConnections <= baseline + MaxConnections + 4, $"peak {_server.PeakConnections} over baseline {baseline}");
            Assert.True(_server.OpenConnections <= baseline + MaxConnections, $"open {_server.OpenConnections} over baseline {baseline}");

            // And nothing left behind once the client's pool is gone.
            http.Dispose();
            handler.Dispose();
            Assert.True(await TransportTest.EventuallyAsync(() => _server.OpenConnections <= baseline, TimeSpan.FromSeconds(10)), $"open {_server.OpenConnections} after dispose, baseline {baseline}");
            Assert.True(await TransportTest.EventuallyAsync(() => _server.ActiveRequests == 0, TimeSpan.FromSeconds(10)), $"{_server.ActiveRequests} requests still active");
        }

        private static string Expected(int deltas) => string.Concat(Enumerable.Range(0, deltas).Select(i => "d" + i + " "));
    }
}
