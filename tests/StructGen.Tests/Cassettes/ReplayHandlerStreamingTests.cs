using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class ReplayHandlerStreamingTests
    {
        public static IEnumerable<object[]> AllCassettes => CassetteFiles.All();

        [Theory]
        [MemberData(nameof(AllCassettes))]
        public async Task Event_boundary_reads_return_one_whole_event_each_and_exactly_the_recorded_bytes(string file, int interactionCount)
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(file));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            for (int i = 0; i < interactionCount; i++)
            {
                string recorded = cassette.Interactions[i].Response.Body;
                List<byte[]> reads = await ReadAllAsync(client, cassette.Interactions[i].Request.Body, bufferSize: 64 * 1024);

                Assert.Equal(Encoding.UTF8.GetBytes(recorded), Concat(reads));
                Assert.Equal(CountEvents(recorded), reads.Count);
                foreach (byte[] read in reads)
                {
                    string text = Encoding.UTF8.GetString(read);
                    Assert.StartsWith("data: ", text, StringComparison.Ordinal);
                    Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
                    Assert.Equal(text.Length - 2, text.IndexOf("\n\n", StringComparison.Ordinal)); // exactly one event
                }

                Assert.Equal("data: [DONE]\n\n", Encoding.UTF8.GetString(reads[reads.Count - 1]));
            }
        }

        [Fact]
        public async Task A_small_buffer_splits_an_event_but_a_read_never_spans_two_events()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.ComplexObjectStreaming));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            List<byte[]> reads = await ReadAllAsync(client, cassette.Interactions[0].Request.Body, bufferSize: 100);

            string recorded = cassette.Interactions[0].Response.Body;
            Assert.Equal(Encoding.UTF8.GetBytes(recorded), Concat(reads));
            int eventEnds = 0;
            foreach (byte[] read in reads)
            {
                string text = Encoding.UTF8.GetString(read);
                int blank = text.IndexOf("\n\n", StringComparison.Ordinal);
                Assert.True(blank < 0 || blank == text.Length - 2, "a read crossed an event boundary: " + text);
                eventEnds += blank >= 0 ? 1 : 0;
            }

            Assert.Equal(CountEvents(recorded), eventEnds);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        public async Task Fixed_size_chunking_gives_the_same_bytes_in_reads_of_that_size(int size)
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));
            var options = new CassetteReplayOptions { Chunking = ChunkingMode.FixedSize(size) };
            using var handler = new ReplayHandler(cassette, options);
            using var client = new HttpClient(handler);

            foreach (CassetteInteraction interaction in cassette.Interactions)
            {
                List<byte[]> reads = await ReadAllAsync(client, interaction.Request.Body, bufferSize: 4096);

                byte[] expected = Encoding.UTF8.GetBytes(interaction.Response.Body);
                Assert.Equal(expected, Concat(reads));
                Assert.Equal((expected.Length + size - 1) / size, reads.Count);
                for (int r = 0; r < reads.Count - 1; r++)
                {
                    Assert.Equal(size, reads[r].Length);
                }
            }

            Assert.Equal(7, ChunkingMode.FixedSize(7).ChunkSize);
            Assert.Null(ChunkingMode.EventBoundaries.ChunkSize);
        }

        [Fact]
        public void Fixed_size_must_be_positive()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ChunkingMode.FixedSize(0));
        }

        [Fact]
        public async Task Whole_body_chunking_fills_the_callers_buffer()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette, new CassetteReplayOptions { Chunking = ChunkingMode.WholeBody });
            using var client = new HttpClient(handler);

            List<byte[]> reads = await ReadAllAsync(client, cassette.Interactions[0].Request.Body, bufferSize: 1 << 20);

            Assert.Equal(Encoding.UTF8.GetBytes(cassette.Interactions[0].Response.Body), Assert.Single(reads));
        }

        [Fact]
        public async Task Crlf_and_cr_event_endings_are_boundaries_too()
        {
            Cassette cassette = ReplayHandlerMatchingTests.InMemoryCassette("q", "data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: tail-without-blank-line");
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            List<byte[]> reads = await ReadAllAsync(client, "q", bufferSize: 1024, url: "http://example.test/echo");

            Assert.Equal(
                new[] { "data: a\r\n\r\n", "data: b\r\r", "data: c\n\n", "data: tail-without-blank-line" },
                reads.ConvertAll(r => Encoding.UTF8.GetString(r)));
        }

        [Fact]
        public async Task Headers_arrive_before_the_body_is_read_and_streamed_recordings_have_no_length()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Post, CassetteFiles.ChatCompletionsUrl)
            {
                Content = new StringContent(cassette.Interactions[0].Request.Body, Encoding.UTF8, "application/json"),
            };

            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using Stream stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            int first = await stream.ReadAsync(buffer);

            Assert.Null(response.Content.Headers.ContentLength);
            Assert.Same(request, response.RequestMessage);
            string firstEvent = Encoding.UTF8.GetString(buffer, 0, first);
            Assert.StartsWith("data: {\"id\":\"chatcmpl-", firstEvent, StringComparison.Ordinal);
            Assert.EndsWith("\n\n", firstEvent, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_cancelled_token_stops_a_read()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);
            using Stream stream = await OpenStreamAsync(client, cassette.Interactions[0].Request.Body);
            using var cts = new CancellationTokenSource();
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[16], cts.Token).AsTask());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[16], 0, 16, cts.Token));
        }

        [Fact]
        public async Task Cancellation_interrupts_a_delayed_read_promptly()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette, new CassetteReplayOptions { ReadDelay = TimeSpan.FromSeconds(30) });
            using var client = new HttpClient(handler);
            using Stream stream = await OpenStreamAsync(client, cassette.Interactions[0].Request.Body);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            var clock = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[1024], cts.Token).AsTask());

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "cancellation took " + clock.Elapsed);
        }

        [Fact]
        public async Task Reading_after_the_response_is_disposed_throws()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Post, CassetteFiles.ChatCompletionsUrl)
            {
                Content = new StringContent(cassette.Interactions[0].Request.Body, Encoding.UTF8, "application/json"),
            };
            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Stream stream = await response.Content.ReadAsStreamAsync();
            Assert.True(await stream.ReadAsync(new byte[1024]) > 0);

            response.Dispose();

            Assert.False(stream.CanRead);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(new byte[1024]).AsTask());
            Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1024], 0, 1024));
        }

        [Fact]
        public async Task Synchronous_reads_use_the_same_framing()
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);
            using Stream stream = await OpenStreamAsync(client, cassette.Interactions[0].Request.Body);

            var all = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int reads = 0;
            int read;
            while ((read = stream.Read(buffer.AsSpan())) > 0)
            {
                Assert.Equal((byte)'\n', buffer[read - 1]);
                all.Write(buffer, 0, read);
                reads++;
            }

            Assert.Equal(CountEvents(cassette.Interactions[0].Response.Body), reads);
            Assert.Equal(cassette.Interactions[0].Response.Body, Encoding.UTF8.GetString(all.ToArray()));
        }

        private static async Task<Stream> OpenStreamAsync(HttpClient client, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, CassetteFiles.ChatCompletionsUrl)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return await response.Content.ReadAsStreamAsync();
        }

        private static async Task<List<byte[]>> ReadAllAsync(HttpClient client, string body, int bufferSize, string url = CassetteFiles.ChatCompletionsUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using Stream stream = await response.Content.ReadAsStreamAsync();
            var reads = new List<byte[]>();
            var buffer = new byte[bufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                reads.Add(buffer.AsSpan(0, read).ToArray());
            }

            return reads;
        }

        private static byte[] Concat(List<byte[]> reads)
        {
            var all = new MemoryStream();
            foreach (byte[] read in reads)
            {
                all.Write(read);
            }

            return all.ToArray();
        }

        private static int CountEvents(string body)
        {
            int count = 0;
            for (int at = body.IndexOf("\n\n", StringComparison.Ordinal); at >= 0; at = body.IndexOf("\n\n", at + 2, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
    }
}
