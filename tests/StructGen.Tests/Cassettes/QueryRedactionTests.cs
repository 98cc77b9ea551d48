using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    /// <summary>Keys in URL query strings never reach a cassette, and the cassette still replays.</summary>
    public sealed class QueryRedactionTests : IDisposable
    {
        private const string Secret = "AIzaSyDO-NOT-RECORD-0123456789";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "structgen-query-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public async Task Secret_query_values_are_redacted_when_recorded_and_match_any_value_when_replayed()
        {
            string url = "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&api-key=" + Secret + "&Key=" + Secret + "&region=eu";
            using var recorder = new RecordingHandler(new Echo(), new RecordingOptions { AdditionalRedactedQueryParameters = { "region" } });
            using (var client = new HttpClient(recorder, disposeHandler: false))
            {
                using var response = await client.PostAsync(url, new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
                await response.Content.ReadAsStringAsync();
            }

            string path = Path.Combine(_folder, "q.yaml");
            recorder.Save(path);
            string yaml = File.ReadAllText(path);
            Assert.DoesNotContain(Secret, yaml, StringComparison.Ordinal);
            Assert.Contains("chat/completions?api-version=2024-10-21&api-key=REDACTED&Key=REDACTED&region=REDACTED", yaml, StringComparison.Ordinal);

            // Replays with another live key; a change to a parameter that is not secret is still a mismatch.
            var replay = new ReplayHandler(path);
            using (var client = new HttpClient(replay))
            {
                using var ok = await client.PostAsync(url.Replace(Secret, "another-key"), new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            var strict = new ReplayHandler(path);
            using (var client = new HttpClient(strict))
            {
                var ex = await Assert.ThrowsAsync<CassetteMismatchException>(() => client.PostAsync(url.Replace("2024-10-21", "2025-01-01"), new StringContent("{\"a\":1}", Encoding.UTF8, "application/json")));
                Assert.Contains("api-version=2024-10-21", ex.Message, StringComparison.Ordinal);
            }
        }

        private sealed class Echo : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json") });
        }
    }
}
