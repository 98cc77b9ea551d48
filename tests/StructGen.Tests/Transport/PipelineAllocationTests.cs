using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// W1's allocation target as a behaviour check (not a timing test): once a chat-completions stream is
    /// running, one more event costs the content string handed to the caller and the state's retained copy of
    /// the text, nothing else. Measured as the difference between a stream of N and of 3N events, so the
    /// per-request setup cancels out. The body is read from memory, so the whole enumeration stays on the
    /// test's thread and the per-thread allocation counter sees everything.
    /// </summary>
    public sealed class PipelineAllocationTests
    {
        private const string Delta = "abcd";

        // 2,048 and 8,192 characters of text: a StringBuilder grows its chunks to exactly those capacities, so the
        // retained text costs 2 B per character between the two, with no growth slack to model.
        private const int Small = 512;
        private const int Large = 2_048;

        [Fact]
        public async Task One_more_event_costs_the_user_string_and_the_retained_text_only()
        {
            double perEvent = double.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                // The fewest over three: tiered compilation occasionally allocates on the thread under load.
                long small = await AllocatedAsync(Small);
                long large = await AllocatedAsync(Large);
                perEvent = Math.Min(perEvent, (large - small) / (double)(Large - Small));
            }

            // The string handed over: x64 header and length (20 B) + 2 B per char, rounded up to 8 (32 B for 4 chars);
            // the retained text: 2 B per char plus the StringBuilder's chunk headers and slack, amortised.
            double userString = 32;
            double retained = 2.0 * Delta.Length;
            double besides = perEvent - userString - retained;
            Assert.True(besides <= 1.0, $"{perEvent:F1} B per extra event: {besides:F1} B besides the user string and the retained text");
        }

        private static async Task<long> AllocatedAsync(int events)
        {
            var body = Body(events);
            using var http = new HttpClient(new MemoryBodyHandler(body));
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = "sk-test", Model = "m" }, http);
            var messages = new[] { ModelMessage.User("hi") };

            // Warm: the first run of every path compiles and fills caches.
            await CountAsync(client, messages);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long chars = await CountAsync(client, messages);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(events * Delta.Length, chars);
            return allocated;
        }

        private static async Task<long> CountAsync(ChatCompletionsClient client, ModelMessage[] messages)
        {
            long chars = 0;
            await foreach (var update in client.StreamAsync(messages).ConfigureAwait(false))
            {
                if (update.Kind == ChatStreamUpdateKind.ContentDelta) chars += update.Text!.Length;
            }

            return chars;
        }

        private static byte[] Body(int events)
        {
            const string Head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"m\",\"system_fingerprint\":\"fp_1\",\"choices\":[";
            var sb = new StringBuilder();
            sb.Append("data: ").Append(Head).Append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
            for (int i = 0; i < events; i++)
            {
                sb.Append("data: ").Append(Head).Append("{\"index\":0,\"delta\":{\"content\":\"").Append(Delta).Append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
            }

            sb.Append("data: ").Append(Head).Append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            sb.Append("data: [DONE]\n\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private sealed class MemoryBodyHandler : HttpMessageHandler
        {
            private readonly byte[] _body;

            public MemoryBodyHandler(byte[] body) => _body = body;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var content = new StreamContent(new MemoryStream(_body, writable: false));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
            }
        }
    }
}
