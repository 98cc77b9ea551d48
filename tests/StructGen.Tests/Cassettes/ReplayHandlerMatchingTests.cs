using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    public class ReplayHandlerMatchingTests
    {
        public static IEnumerable<object[]> AllCassettes => CassetteFiles.All();

        [Theory]
        [MemberData(nameof(AllCassettes))]
        public async Task Every_cassette_replays_when_the_bodies_have_keys_in_another_order(string file, int interactionCount)
        {
            Cassette cassette = CassetteLoader.Load(CassetteFiles.PathOf(file));
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            for (int i = 0; i < interactionCount; i++)
            {
                string reordered = JsonRewrite.ReverseKeys(cassette.Interactions[i].Request.Body);
                Assert.NotEqual(cassette.Interactions[i].Request.Body, reordered);

                using HttpResponseMessage response = await client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(reordered));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("OK", response.ReasonPhrase);
                Assert.Equal(new Version(2, 0), response.Version);
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
                Assert.Equal(cassette.Interactions[i].Response.Body, await response.Content.ReadAsStringAsync());
                Assert.Equal(interactionCount - i - 1, handler.RemainingInteractions);
            }

            handler.AssertAllUsed();
        }

        [Fact]
        public async Task Numbers_match_by_value()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var client = new HttpClient(handler);
            string body = JsonRewrite.Replace(RecordedBody(handler, 0), "\"max_completion_tokens\":4000", "\"max_completion_tokens\":4000.0");

            using HttpResponseMessage response = await client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        [Fact]
        public async Task A_changed_value_fails_with_its_path_and_both_values()
        {
            string path = CassetteFiles.PathOf(CassetteFiles.SimpleStreaming);
            using var handler = new ReplayHandler(path);
            using var client = new HttpClient(handler);
            string body = JsonRewrite.Replace(RecordedBody(handler, 0), "Say hi in Portuguese", "Say hello");

            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body)));

            Assert.Contains("$.messages[1].content: expected \"Say hi in Portuguese\" but was \"Say hello\"", ex.Message, StringComparison.Ordinal);
            Assert.Contains("interaction 0", ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Equal(path, ex.CassettePath);
            Assert.Equal(0, ex.InteractionIndex);
            Assert.Single(ex.Differences);
        }

        [Fact]
        public async Task Missing_and_extra_fields_are_named()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.Gpt4oMiniToolStreaming));
            using var client = new HttpClient(handler);
            string body = JsonRewrite.Replace(RecordedBody(handler, 0), "\"max_tokens\":4000,", "\"temperature\":0.2,");

            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body)));

            Assert.Contains("$.max_tokens: missing in request", ex.Message, StringComparison.Ordinal);
            Assert.Contains("$.temperature: not in recording (value 0.2)", ex.Message, StringComparison.Ordinal);
            Assert.Equal(2, ex.Differences.Count);
        }

        [Fact]
        public async Task Reordering_an_array_is_a_mismatch()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var client = new HttpClient(handler);
            const string system = "{\"content\":\"You are a helpful assistant\",\"role\":\"system\"}";
            const string user = "{\"content\":\"Say hi in Portuguese\",\"role\":\"user\"}";
            string body = JsonRewrite.Replace(RecordedBody(handler, 0), system + "," + user, user + "," + system);

            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body)));

            Assert.Contains("$.messages[0].content: expected \"You are a helpful assistant\" but was \"Say hi in Portuguese\"", ex.Message, StringComparison.Ordinal);
            Assert.Contains("$.messages[0].role: expected \"system\" but was \"user\"", ex.Message, StringComparison.Ordinal);
            Assert.Contains("$.messages[1].role: expected \"user\" but was \"system\"", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_mismatch_does_not_consume_the_interaction()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var client = new HttpClient(handler);
            string recorded = RecordedBody(handler, 0);

            await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json("{}")));
            Assert.Equal(1, handler.RemainingInteractions);

            using HttpResponseMessage response = await client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(recorded));
            Assert.Equal(0, handler.RemainingInteractions);
        }

        [Fact]
        public async Task Method_and_url_must_match_by_default()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var client = new HttpClient(handler);

            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(
                () => client.PutAsync("http://localhost:8080/v1/chat/completions", Json(RecordedBody(handler, 0))));

            Assert.Contains("method: expected POST but was PUT", ex.Message, StringComparison.Ordinal);
            Assert.Contains("url: expected https://api.openai.com/v1/chat/completions but was http://localhost:8080/v1/chat/completions", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task IgnoreHost_matches_on_path_and_query_only()
        {
            var options = new CassetteReplayOptions { IgnoreHost = true };
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming), options);
            using var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost:5099/v1/") };

            using HttpResponseMessage first = await client.PostAsync("chat/completions", Json(RecordedBody(handler, 0)));
            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync("chat/completions?x=1", Json(RecordedBody(handler, 1))));

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("url path: expected /v1/chat/completions but was /v1/chat/completions?x=1", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Base_address_mapping_lets_any_client_base_url_match()
        {
            var options = new CassetteReplayOptions
            {
                RequestBaseAddress = new Uri("http://fake-openai.test:1234/proxy/openai/"),
                RecordedBaseAddress = new Uri("https://api.openai.com/v1/"),
            };
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming), options);
            using var client = new HttpClient(handler) { BaseAddress = new Uri("http://fake-openai.test:1234/proxy/openai/") };

            using HttpResponseMessage response = await client.PostAsync("chat/completions", Json(RecordedBody(handler, 0)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            handler.AssertAllUsed();
        }

        [Fact]
        public void Base_address_mapping_needs_both_addresses()
        {
            var options = new CassetteReplayOptions { RequestBaseAddress = new Uri("http://localhost/") };

            Assert.Throws<ArgumentException>(() => new ReplayHandler(new Cassette(), options));
        }

        [Fact]
        public async Task Non_json_bodies_compare_exactly()
        {
            Cassette cassette = InMemoryCassette("hello world", "fine");
            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync("http://example.test/echo", new StringContent("hello World")));
            using HttpResponseMessage response = await client.PostAsync("http://example.test/echo", new StringContent("hello world"));

            Assert.Contains("body: expected \"hello world\" but was \"hello World\"", ex.Message, StringComparison.Ordinal);
            Assert.Contains("<in-memory cassette>", ex.Message, StringComparison.Ordinal);
            Assert.Equal("fine", await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Requests_after_the_last_interaction_fail_clearly()
        {
            string path = CassetteFiles.PathOf(CassetteFiles.SimpleStreaming);
            using var handler = new ReplayHandler(path);
            using var client = new HttpClient(handler);
            string body = RecordedBody(handler, 0);
            using HttpResponseMessage first = await client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body));

            var ex = await Assert.ThrowsAsync<CassetteExhaustedException>(() => client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(body)));

            Assert.Contains("has no more interactions: all 1 were already played", ex.Message, StringComparison.Ordinal);
            Assert.Contains("request 2 arrived: POST https://api.openai.com/v1/chat/completions", ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Equal(1, ex.InteractionCount);
        }

        [Fact]
        public async Task AssertAllUsed_lists_the_interactions_never_requested()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.O4MiniToolStreaming));
            using var client = new HttpClient(handler);
            using HttpResponseMessage first = await client.PostAsync(CassetteFiles.ChatCompletionsUrl, Json(RecordedBody(handler, 0)));

            var ex = Assert.Throws<CassetteReplayException>(() => handler.AssertAllUsed());

            Assert.Equal(1, handler.RemainingInteractions);
            Assert.Contains("1 of 2 interaction(s) were never requested", ex.Message, StringComparison.Ordinal);
            Assert.Contains("interaction 1: POST https://api.openai.com/v1/chat/completions", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Synchronous_send_is_supported()
        {
            using var handler = new ReplayHandler(CassetteFiles.PathOf(CassetteFiles.SimpleStreaming));
            using var client = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Post, CassetteFiles.ChatCompletionsUrl) { Content = Json(RecordedBody(handler, 0)) };

            using HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, handler.RemainingInteractions);
        }

        [Fact]
        public async Task Concurrent_requests_are_served_in_order_without_deadlock()
        {
            Cassette cassette = new Cassette();
            for (int i = 0; i < 20; i++)
            {
                var interaction = new CassetteInteraction { Id = i };
                interaction.Request.Method = "GET";
                interaction.Request.Url = "http://example.test/item";
                interaction.Response.Body = "item " + i;
                cassette.Interactions.Add(interaction);
            }

            using var handler = new ReplayHandler(cassette);
            using var client = new HttpClient(handler);

            var tasks = new List<Task<string>>();
            for (int i = 0; i < 20; i++)
            {
                tasks.Add(Task.Run(() => client.GetStringAsync("http://example.test/item")));
            }

            string[] bodies = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(20, new HashSet<string>(bodies).Count);
            handler.AssertAllUsed();
        }

        internal static Cassette InMemoryCassette(string requestBody, string responseBody, string url = "http://example.test/echo")
        {
            var cassette = new Cassette();
            var interaction = new CassetteInteraction();
            interaction.Request.Method = "POST";
            interaction.Request.Url = url;
            interaction.Request.Body = requestBody;
            interaction.Response.Body = responseBody;
            interaction.Response.Headers.Add("Content-Type", "text/plain");
            interaction.Response.Headers.Add("X-Request-Id", "req_1");
            cassette.Interactions.Add(interaction);
            return cassette;
        }

        private static string RecordedBody(ReplayHandler handler, int index) => handler.Cassette.Interactions[index].Request.Body;

        private static StringContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");
    }
}
