using System;
using System.Text;
using System.Text.Json;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Engine
{
    public class ChunkReaderTests
    {
        private const string Recorded = "{\"id\":\"chatcmpl-DIgTQ\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"o4-mini-2025-04-16\",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Lord\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"VGIHr\"}";

        [Theory]
        [InlineData(Recorded)]
        [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":1,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"a\\\":1}\"}}],\"refusal\":null},\"finish_reason\":null}]}")]
        [InlineData("{\"choices\":[{\"index\":\"0\",\"delta\":{\"reasoning_content\":\"think\",\"reasoning\":\"x\"},\"finish_reason\":\"stop\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":\"2\",\"total_tokens\":null}}]}")]
        [InlineData("{\"choices\":[],\"usage\":{\"prompt_tokens\":156,\"completion_tokens\":189,\"total_tokens\":345,\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":128}}}")]
        [InlineData("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"whole\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":{\"x\":[1,2]}}}]},\"finish_reason\":\"tool_calls\"}]}")]
        [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning\":\"r\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"r\",\"format\":\"google-gemini-v1\",\"index\":0}]}}]}")]
        [InlineData("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")]
        [InlineData("{\"object\":\"error\",\"message\":\"vllm\"}")]
        public void Reads_what_the_source_generated_context_reads(string json)
        {
            var expected = JsonSerializer.Deserialize<ChunkDto>(json, ReferenceOptions)!;
            var actual = new ChunkReader().Read(Encoding.UTF8.GetBytes(json), needIdentity: true)!;
            Assert.Equal(Describe(expected), Describe(actual));
        }

        // The reference reader: System.Text.Json over the same DTOs, with the same tolerances.
        private static readonly JsonSerializerOptions ReferenceOptions = new JsonSerializerOptions
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
            Converters = { new StringOrRawJson() },
        };

        private sealed class StringOrRawJson : System.Text.Json.Serialization.JsonConverter<string?>
        {
            public override bool HandleNull => true;

            public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
            };

            public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => throw new NotSupportedException();
        }

        [Fact]
        public void Steady_state_decoding_allocates_only_the_content_string()
        {
            var reader = new ChunkReader();
            var bytes = Encoding.UTF8.GetBytes(Recorded);
            for (int i = 0; i < 100; i++) reader.Read(bytes, needIdentity: false);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) reader.Read(bytes, needIdentity: false);
            long perChunk = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
            // " Lord" as a string is 32 bytes on 64-bit; the DTO path allocated about 1,000 bytes per chunk.
            Assert.True(perChunk <= 40, $"{perChunk} bytes per chunk");
        }

        private static string Describe(ChunkDto c)
        {
            var sb = new StringBuilder();
            sb.Append(c.Id).Append('|').Append(c.Model).Append('|').Append(c.IsError).Append('|');
            foreach (var choice in c.Choices ?? new())
            {
                sb.Append("choice ").Append(choice.Index).Append(' ').Append(choice.FinishReason).Append(' ');
                foreach (var d in new[] { choice.Delta, choice.Message })
                {
                    if (d is null) { sb.Append("- "); continue; }
                    sb.Append(d.Content).Append('/').Append(d.ReasoningContent).Append('/').Append(d.Reasoning).Append('/').Append(d.Refusal).Append('/').Append(d.ReasoningDetails).Append(' ');
                    foreach (var t in d.ToolCalls ?? new()) sb.Append(t.Index).Append(t.Id).Append(t.Function?.Name).Append(t.Function?.Arguments).Append(';');
                }

                Usage(sb, choice.Usage);
            }

            Usage(sb, c.Usage);
            return sb.ToString();
        }

        private static void Usage(StringBuilder sb, UsageDto? u)
        {
            if (u is null) return;
            sb.Append(" usage ").Append(u.PromptTokens).Append(',').Append(u.CompletionTokens).Append(',').Append(u.TotalTokens)
                .Append(',').Append(u.CompletionDetails?.ReasoningTokens).Append(',').Append(u.PromptDetails?.CachedTokens);
        }
    }
}
