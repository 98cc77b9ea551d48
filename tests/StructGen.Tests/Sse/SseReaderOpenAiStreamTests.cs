using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Sse;
using Xunit;

namespace StructGen.Tests.Sse
{
    /// <summary>The loop the chat client runs, over a body shaped like a real OpenAI chat completion stream.</summary>
    public sealed class SseReaderOpenAiStreamTests
    {
        private const string Body =
            ": OPENROUTER PROCESSING\n\n" +
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bonjour, \"},\"finish_reason\":null}]}\n\n" +
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"le café 😀\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}\n\n" +
            "data: [DONE]\n\n";

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Chat_client_loop_collects_the_content_and_stops_at_done(int readSize)
        {
            await AssertClientLoopAsync(ChunkedStreamOf(readSize, forceAsync: false));
        }

        [Theory]
        [MemberData(nameof(SseTestData.ReadSizes), MemberType = typeof(SseTestData))]
        public async Task Chat_client_loop_works_when_reads_complete_asynchronously(int readSize)
        {
            await AssertClientLoopAsync(ChunkedStreamOf(readSize, forceAsync: true));
        }

        private static ChunkedStream ChunkedStreamOf(int readSize, bool forceAsync)
            => ChunkedStream.FixedSize(Encoding.UTF8.GetBytes(Body), readSize, forceAsync);

        private static async Task AssertClientLoopAsync(ChunkedStream stream)
        {
            var content = new StringBuilder();
            string? finishReason = null;
            bool sawDone = false;
            using (var reader = new SseReader(stream))
            {
                while (await reader.ReadNextAsync())
                {
                    if (reader.Data.Span.SequenceEqual("[DONE]"u8))
                    {
                        sawDone = true;
                        break;
                    }

                    Assert.True(reader.EventTypeUtf8.SequenceEqual("message"u8));
                    using JsonDocument chunk = JsonDocument.Parse(reader.Data);
                    JsonElement choice = chunk.RootElement.GetProperty("choices")[0];
                    if (choice.GetProperty("delta").TryGetProperty("content", out JsonElement text))
                    {
                        content.Append(text.GetString());
                    }

                    if (choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String)
                    {
                        finishReason = choice.GetProperty("finish_reason").GetString();
                    }
                }
            }

            Assert.True(sawDone);
            Assert.Equal("Bonjour, le café 😀", content.ToString());
            Assert.Equal("stop", finishReason);
            Assert.True(stream.IsDisposed);
        }
    }
}
