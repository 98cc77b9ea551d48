using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public sealed class RecordingHandlerTests : IDisposable
    {
        private const string SecretKey = "sk-test-DO-NOT-RECORD-0123456789abcdef";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "structgen-recording-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        [Fact]
        public async Task Recording_through_a_replayed_endpoint_strips_every_credential_and_replays_again()
        {
            Cassette source = CassetteLoader.Load(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));
            using var endpoint = new ReplayHandler(source);
            using var recorder = new RecordingHandler(endpoint);
            using var client = new HttpClient(recorder);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
            client.DefaultRequestHeaders.Add("api-key", SecretKey);
            client.DefaultRequestHeaders.Add("X-API-KEY", SecretKey);
            client.DefaultRequestHeaders.Add("OpenAI-Organization", "org-" + SecretKey);
            client.DefaultRequestHeaders.Add("Cookie", "session=" + SecretKey);
            client.DefaultRequestHeaders.Add("Proxy-Authorization", "Basic " + SecretKey);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("StructGen/0.1 (tests)");

            var seen = new List<string>();
            foreach (CassetteInteraction interaction in source.Interactions)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, CassetteFiles.ChatCompletionsUrl)
                {
                    Content = new StringContent(interaction.Request.Body, Encoding.UTF8, "application/json"),
                };
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                seen.Add(await response.Content.ReadAsStringAsync());
            }

            string path = Path.Combine(_folder, "recorded.yaml");
            recorder.Save(path);
            string yaml = File.ReadAllText(path);

            // The caller saw the real bodies, and nothing secret reached the file.
            Assert.Equal(new[] { source.Interactions[0].Response.Body, source.Interactions[1].Response.Body }, seen);
            Assert.DoesNotContain(SecretKey, yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-", yaml, StringComparison.Ordinal);
            foreach (string header in new[] { "authorization", "api-key", "openai-organization", "cookie" })
            {
                Assert.DoesNotContain(header, yaml, StringComparison.OrdinalIgnoreCase);
            }

            // The recording has the go-vcr shape and the same exchanges.
            Cassette recorded = CassetteLoader.Load(path);
            Assert.Equal(2, recorded.Interactions.Count);
            for (int i = 0; i < 2; i++)
            {
                CassetteInteraction r = recorded.Interactions[i];
                Assert.Equal(i, r.Id);
                Assert.Equal("POST", r.Request.Method);
                Assert.Equal(CassetteFiles.ChatCompletionsUrl, r.Request.Url);
                Assert.Equal(source.Interactions[i].Request.Body, r.Request.Body);
                Assert.Equal(Encoding.UTF8.GetByteCount(r.Request.Body), r.Request.ContentLength);
                Assert.Equal("HTTP/1.1", r.Request.Proto);
                Assert.True(r.Request.Headers.TryGetValues("Content-Type", out IReadOnlyList<string> contentType));
                Assert.Equal(new[] { "application/json; charset=utf-8" }, contentType);
                Assert.True(r.Request.Headers.TryGetValues("User-Agent", out IReadOnlyList<string> userAgent));
                Assert.Equal(new[] { "StructGen/0.1 (tests)" }, userAgent);
                Assert.Equal(source.Interactions[i].Response.Body, r.Response.Body);
                Assert.Equal(200, r.Response.Code);
                Assert.Equal("200 OK", r.Response.Status);
                Assert.Equal("HTTP/2.0", r.Response.Proto);
                Assert.Equal(-1, r.Response.ContentLength);
                Assert.True(r.Response.Headers.TryGetValues("Content-Type", out IReadOnlyList<string> responseType));
                Assert.Equal(new[] { "text/event-stream; charset=utf-8" }, responseType);
                Assert.True(GoDuration.TryParse(r.Response.Duration, out _));
            }

            // And the recording replays: the loop closes.
            using var replay = new ReplayHandler(recorded);
            using var replayClient = new HttpClient(replay);
            foreach (CassetteInteraction interaction in source.Interactions)
            {
                using HttpResponseMessage response = await replayClient.PostAsync(
                    CassetteFiles.ChatCompletionsUrl,
                    new StringContent(interaction.Request.Body, Encoding.UTF8, "application/json"));
                Assert.Equal(interaction.Response.Body, await response.Content.ReadAsStringAsync());
            }

            replay.AssertAllUsed();
        }

        [Fact]
        public async Task Credentials_still_reach_the_real_endpoint()
        {
            var endpoint = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
            using var recorder = new RecordingHandler(endpoint);
            using var client = new HttpClient(recorder);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);

            using HttpResponseMessage response = await client.PostAsync("https://api.example.test/v1/x", new StringContent("{\"a\":1}"));
            await response.Content.ReadAsStringAsync();

            Assert.Equal(SecretKey, endpoint.LastRequest!.Headers.Authorization!.Parameter);
            Assert.Equal("{\"a\":1}", endpoint.LastBody);
            Assert.Equal(1, recorder.InteractionCount);
            Assert.False(recorder.ToCassette().Interactions[0].Request.Headers.Contains("Authorization"));
        }

        [Fact]
        public async Task Response_cookies_and_extra_configured_headers_are_dropped_and_names_are_canonical()
        {
            var endpoint = new StubHandler(_ =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("created", Encoding.UTF8, "text/plain") };
                response.Headers.TryAddWithoutValidation("Set-Cookie", "session=" + SecretKey);
                response.Headers.TryAddWithoutValidation("x-request-id", "req_123");
                response.Headers.TryAddWithoutValidation("X-Internal-Token", SecretKey);
                return response;
            });
            var options = new RecordingOptions();
            options.AdditionalRedactedHeaders.Add("x-internal-token");
            using var recorder = new RecordingHandler(endpoint, options);
            using var client = new HttpClient(recorder);
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/v1/items?page=2");
            request.Headers.TryAddWithoutValidation("x-custom-thing", "yes");

            using HttpResponseMessage received = await client.SendAsync(request);
            Assert.Equal("created", await received.Content.ReadAsStringAsync());
            Cassette cassette = await recorder.ToCassetteAsync();

            string yaml = CassetteWriter.Serialize(cassette);
            CassetteInteraction interaction = Assert.Single(cassette.Interactions);
            Assert.DoesNotContain(SecretKey, yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("cookie", yaml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("      X-Custom-Thing:\n      - \"yes\"\n", yaml, StringComparison.Ordinal);
            Assert.Contains("      X-Request-Id:\n      - req_123\n", yaml, StringComparison.Ordinal);
            Assert.Equal("https://api.example.test/v1/items?page=2", interaction.Request.Url);
            Assert.Equal("GET", interaction.Request.Method);
            Assert.Equal(string.Empty, interaction.Request.Body);
            Assert.Equal(201, interaction.Response.Code);
            Assert.Equal("201 Created", interaction.Response.Status);
            Assert.Equal("created", interaction.Response.Body);
            Assert.DoesNotContain("X-Internal-Token", yaml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Authorization", RecordingHandler.AlwaysRedactedHeaders);
        }

        [Fact]
        public async Task The_caller_reads_the_body_while_it_is_still_arriving()
        {
            byte[] first = Encoding.UTF8.GetBytes("data: {\"n\":1}\n\n");
            byte[] rest = Encoding.UTF8.GetBytes("data: {\"n\":2}\n\ndata: [DONE]\n\n");
            var body = new GatedStream(first, rest);
            var endpoint = new StubHandler(_ =>
            {
                var content = new StreamContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            });
            using var recorder = new RecordingHandler(endpoint);
            using var client = new HttpClient(recorder);

            using HttpResponseMessage response = await client.GetAsync("https://api.example.test/stream", HttpCompletionOption.ResponseHeadersRead);
            Stream stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1024];
            int read = await stream.ReadAsync(buffer);

            // The first event is in the caller's hands before the endpoint has produced the rest.
            Assert.Equal("data: {\"n\":1}\n\n", Encoding.UTF8.GetString(buffer, 0, read));
            var early = Assert.Throws<InvalidOperationException>(() => recorder.ToCassette());
            Assert.Contains("still open", early.Message, StringComparison.Ordinal);

            body.Release();
            var restRead = new MemoryStream();
            await stream.CopyToAsync(restRead);
            Assert.Equal(rest, restRead.ToArray());

            Cassette cassette = recorder.ToCassette();
            Assert.Equal("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n", Assert.Single(cassette.Interactions).Response.Body);
        }

        [Fact]
        public async Task A_response_disposed_early_is_still_recorded_whole()
        {
            byte[] first = Encoding.UTF8.GetBytes("data: {\"n\":1}\n\n");
            byte[] rest = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
            var body = new GatedStream(first, rest);
            var endpoint = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
            using var recorder = new RecordingHandler(endpoint);
            using var client = new HttpClient(recorder);

            HttpResponseMessage response = await client.GetAsync("https://api.example.test/stream", HttpCompletionOption.ResponseHeadersRead);
            Stream stream = await response.Content.ReadAsStreamAsync();
            Assert.True(await stream.ReadAsync(new byte[1024]) > 0);
            response.Dispose(); // a client that stops reading early
            body.Release();

            string path = Path.Combine(_folder, "early.yaml");
            await recorder.SaveAsync(path).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("data: {\"n\":1}\n\ndata: [DONE]\n\n", Assert.Single(CassetteLoader.Load(path).Interactions).Response.Body);
            Assert.True(body.Disposed);
        }

        [Fact]
        public async Task A_body_that_never_finishes_is_reported_instead_of_saved()
        {
            var body = new GatedStream(Encoding.UTF8.GetBytes("data: 1\n\n"), Array.Empty<byte>());
            var endpoint = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
            using var recorder = new RecordingHandler(endpoint, new RecordingOptions { DrainTimeout = TimeSpan.FromMilliseconds(100) });
            using var client = new HttpClient(recorder);

            HttpResponseMessage response = await client.GetAsync("https://api.example.test/stream", HttpCompletionOption.ResponseHeadersRead);
            response.Dispose();

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.ToCassetteAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains("incomplete", ex.Message, StringComparison.Ordinal);
            Assert.Contains("https://api.example.test/stream", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Failed_requests_are_not_recorded()
        {
            var endpoint = new StubHandler(_ => throw new HttpRequestException("connection refused"));
            using var recorder = new RecordingHandler(endpoint);
            using var client = new HttpClient(recorder);

            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://api.example.test/down"));

            Assert.Equal(0, recorder.InteractionCount);
            Assert.Empty(recorder.ToCassette().Interactions);
        }
    }
}
