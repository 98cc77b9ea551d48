using System;
using CsCheck;
using System.Text;
using System.Text.Json;
using StructGen.Chat;
using StructGen.Tests.Support;
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

        [Fact]
        public void Readers_that_release_between_chunks_hold_no_dtos_and_read_as_fresh_readers_do()
        {
            // Two streams interleaved on one thread, as paused streams resume on a pool thread: each gives its DTOs
            // back after every chunk, the other takes them, and neither sees the other's values.
            const string HeadA = "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{";
            const string HeadB = "{\"id\":\"b\",\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{";
            string[] a =
            {
                HeadA + "\"role\":\"assistant\",\"content\":\"\"}}]}",
                HeadA + "\"content\":\"one\"}}]}",
                HeadA + "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}",
                HeadA + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens_details\":{\"reasoning_tokens\":2}}}",
            };
            string[] b =
            {
                HeadB + "\"content\":\"x\"}}]}",
                HeadB + "\"content\":\"y\"},\"finish_reason\":null}],\"usage\":null}",
                HeadB + "\"reasoning_content\":\"r\"}}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"prompt_tokens_details\":{\"cached_tokens\":4}}}",
            };

            var first = new ChunkReader();
            var second = new ChunkReader();
            for (int i = 0; i < a.Length; i++)
            {
                foreach (var (reader, json) in new[] { (first, a[i]), (second, b[i]) })
                {
                    var bytes = Encoding.UTF8.GetBytes(json);
                    bool needIdentity = i == 0; // as the decoder asks: identity from the first chunk, prefixes after
                    string expected = Describe(new ChunkReader().Read(bytes, needIdentity)!);
                    Assert.Equal(expected, Describe(reader.Read(bytes, needIdentity)!));
                    Assert.True(reader.HoldsDtos);
                    reader.Release();
                    Assert.False(reader.HoldsDtos);
                }
            }

            // The remembered heads stay with their reader.
            Assert.True(first.PrefixHits > 0 && second.PrefixHits > 0, $"{first.PrefixHits}, {second.PrefixHits}");
        }

        [Fact]
        public void Releasing_between_chunks_allocates_nothing_more()
        {
            var first = new ChunkReader();
            var second = new ChunkReader();
            var bytes = Encoding.UTF8.GetBytes(Recorded);
            void Both()
            {
                first.Read(bytes, needIdentity: false);
                first.Release();
                second.Read(bytes, needIdentity: false);
                second.Release();
            }

            for (int i = 0; i < 100; i++) Both();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++) Both();
            long perChunk = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
            Assert.True(perChunk <= 40, $"{perChunk} bytes per chunk"); // the content string only, as without Release
        }

        [Fact]
        public void Readers_that_rest_between_chunks_hold_no_head_and_read_as_fresh_readers_do()
        {
            // Two streams on one thread that wait on the network between chunks: each gives its remembered head back
            // (forgotten) before waiting and the other takes the same object. Their heads differ only in the id, so a
            // head that was not forgotten would be matched by the wrong stream's chunks only if it were kept.
            const string HeadA = "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{";
            const string HeadB = "{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{";
            var first = new ChunkReader();
            var second = new ChunkReader();
            for (int i = 0; i < 6; i++)
            {
                foreach (var (reader, head) in new[] { (first, HeadA), (second, HeadB) })
                {
                    // Two chunks per busy spell (the second resumes from the head the first remembered), then a wait.
                    for (int k = 0; k < 2; k++)
                    {
                        var bytes = Encoding.UTF8.GetBytes(head + "\"content\":\"t" + i + k + "\"}}]}");
                        Assert.Equal(Describe(new ChunkReader().Read(bytes, needIdentity: false)!), Describe(reader.Read(bytes, needIdentity: false)!));
                        reader.Release();
                        Assert.True(reader.HoldsPrefix);
                    }

                    int hits = reader.PrefixHits;
                    reader.Rest();
                    Assert.False(reader.HoldsPrefix);
                    Assert.Equal(0, reader.RememberedDeltaPrefixLength);
                    Assert.Equal(hits, reader.PrefixHits);
                }
            }

            // Each busy spell's second chunk resumed from the head its first remembered; no first chunk did.
            Assert.Equal(6, first.PrefixHits);
            Assert.Equal(6, second.PrefixHits);

            // Alone on the thread a reader takes back the very object it gave: forgotten, so still no first chunk resumes.
            var alone = new ChunkReader();
            var chunk = Encoding.UTF8.GetBytes(HeadA + "\"content\":\"z\"}}]}");
            for (int i = 0; i < 3; i++)
            {
                alone.Read(chunk, needIdentity: false);
                alone.Release();
                alone.Read(chunk, needIdentity: false);
                alone.Release();
                alone.Rest();
            }

            Assert.Equal(3, alone.PrefixHits);
        }

        [Fact]
        public void Resting_between_chunks_allocates_nothing_more()
        {
            var first = new ChunkReader();
            var second = new ChunkReader();
            var bytes = Encoding.UTF8.GetBytes(Recorded);
            void Spell(ChunkReader reader)
            {
                reader.Read(bytes, needIdentity: false);
                reader.Release();
                reader.Read(bytes, needIdentity: false);
                reader.Release();
                reader.Rest();
            }

            void Both()
            {
                Spell(first);
                Spell(second);
            }

            for (int i = 0; i < 100; i++) Both();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 250; i++) Both();
            long perChunk = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
            Assert.True(perChunk <= 40, $"{perChunk} bytes per chunk"); // the content string only: the head is reused, not copied anew
        }

        [Fact]
        public void Chunks_that_repeat_their_leading_members_read_as_a_fresh_reader_reads_them()
        {
            const string Head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"m\",\"system_fingerprint\":\"fp_1\",\"choices\":";
            string[] chunks =
            {
                Head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}",
                Head + "[{\"index\":0,\"delta\":{\"content\":\"He\"},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"a\"}",
                Head + "[{\"index\":0,\"delta\":{\"content\":\"llo\\n\"},\"finish_reason\":null}]}",
                // Other leading members: read in full, and remembered in their place.
                "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}",
                Head + "[{\"index\":1,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}",
                // Leading members that matter (usage, an error) are never skipped.
                "{\"usage\":{\"prompt_tokens\":1},\"choices\":[]}",
                "{\"usage\":{\"prompt_tokens\":2},\"choices\":[]}",
                "{\"object\":\"error\",\"choices\":[]}",
                "{\"object\":\"error\",\"choices\":[]}",
                Head + "[],\"usage\":{\"prompt_tokens\":95,\"completion_tokens\":3,\"total_tokens\":98}}",
                Head + "null}",
                Head + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            };

            var streaming = new ChunkReader();
            foreach (string json in chunks)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                string expected = Describe(new ChunkReader().Read(bytes, needIdentity: false)!);
                Assert.Equal(expected, Describe(streaming.Read(bytes, needIdentity: false)!));
            }

            Assert.Equal(Encoding.UTF8.GetByteCount(Head), streaming.RememberedPrefixLength);
            // Chunks 2, 3, 10, 11 and 12: the others differ from the remembered bytes or follow a chunk whose
            // leading members mattered.
            Assert.Equal(5, streaming.PrefixHits);
        }

        [Fact]
        public void Chunks_that_repeat_the_head_of_their_first_choice_read_as_a_fresh_reader_reads_them()
        {
            const string Head = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":2,\"delta\":{";
            string[] chunks =
            {
                Head + "\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                Head + "\"content\":\"a\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                // After the delta: the index again, a second choice, a finish reason, usage at the end.
                Head + "\"content\":\"b\"},\"index\":3,\"finish_reason\":null}]}",
                Head + "\"content\":\"c\"}},{\"index\":4,\"delta\":{\"content\":\"d\"}}]}",
                Head + "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}",
                Head + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}",
                // The same head with another index is not the same bytes.
                "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":5,\"delta\":{\"content\":\"e\"}}]}",
                Head + "\"content\":\"f\"}}]}",
            };

            var streaming = new ChunkReader();
            var described = new System.Collections.Generic.List<string>();
            foreach (string json in chunks)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                string expected = Describe(new ChunkReader().Read(bytes, needIdentity: false)!);
                string actual = Describe(streaming.Read(bytes, needIdentity: false)!);
                Assert.Equal(expected, actual);
                described.Add(actual);
            }

            Assert.Contains("choice 3", described[2]);
            Assert.Contains("choice 4 ", described[3]);
            Assert.Contains("choice 5 ", described[6]);
            Assert.Contains("choice 2 ", described[7]);
            Assert.Equal(Encoding.UTF8.GetByteCount(Head), streaming.RememberedDeltaPrefixLength);
            Assert.Equal(7, streaming.PrefixHits); // all but the first (index 5: from "choices" on)
        }

        private static readonly string[] Heads =
        {
            "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"choices\":",
            "{\"id\":\"b\",\"choices\":",
            "{\"usage\":{\"prompt_tokens\":1},\"choices\":",
            "{\"object\":\"error\",\"choices\":",
            "{\"choices\":",
            "{\"id\":\"a\",\"choices\":[{\"index\":3,\"delta\":{\"content\":\"first\"}}],\"choices\":",
        };

        private static readonly string[] ChoiceLists =
        {
            "[{\"index\":0,\"delta\":{\"content\":\"x\"}}]",
            "[{\"index\":1,\"delta\":{\"content\":\"y\\n\"},\"finish_reason\":\"stop\"}]",
            "[{\"delta\":{\"role\":\"assistant\"},\"index\":0}]",
            "[{\"index\":0,\"delta\":{\"content\":\"z\"}},{\"index\":1,\"delta\":{}}]",
            "[{\"index\":0,\"delta\":null}]",
            "[{\"index\":0,\"message\":{\"content\":\"m\"}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}]",
            "[{\"index\":0,\"logprobs\":null,\"delta\":{\"content\":\"w\"}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"b\\\":\"}}]}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"x\"}}]}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"y\"},\"id\":\"late\"},{\"index\":1,\"function\":{\"arguments\":\"z\"}}]},\"finish_reason\":null}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":null}]}}]",
            "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"w\"}}]}}]",
            "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"v\",\"name\":\"g\"}}],\"content\":\"c\"}}]",
            "[{\"index\":2,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"u\"}}]}}]",
            "[]",
            "null",
        };

        private static readonly string[] Tails = { "}", ",\"usage\":null}", ",\"usage\":{\"prompt_tokens\":5,\"total_tokens\":9}}", ",\"obfuscation\":\"q\"}" };

        [Fact]
        public void Any_sequence_of_chunks_reads_as_a_fresh_reader_reads_each() =>
            RepeatedHeadProperty.AssertEverySequenceReadsAsFreshReads(
                Heads, ChoiceLists, Tails, () => new ChunkReader(), (reader, bytes) => Describe(reader.Read(bytes, needIdentity: false)!), reader => reader.PrefixHits);

        [Fact]
        public void Streamed_tool_arguments_resume_inside_the_call_and_read_as_fresh_reads()
        {
            const string Head = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{";
            const string Call = "\"tool_calls\":[{\"index\":1,\"function\":{";
            var chunks = new System.Collections.Generic.List<string>
            {
                Head + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":1,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
            };
            foreach (string piece in new[] { "{\\\"loc", "ation\\\":", " \\\"Par", "is\\\"}" })
            {
                chunks.Add(Head + Call + "\"arguments\":\"" + piece + "\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"ab\"}");
            }

            chunks.Add(Head + "},\"finish_reason\":\"tool_calls\"}]}");

            var streaming = new ChunkReader();
            var arguments = new StringBuilder();
            foreach (string json in chunks)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                string expected = Describe(new ChunkReader().Read(bytes, needIdentity: false)!);
                var chunk = streaming.Read(bytes, needIdentity: false)!;
                Assert.Equal(expected, Describe(chunk));
                arguments.Append(chunk.Choices![0].Delta!.ToolCalls?[0].Function?.Arguments);
                if (chunk.Choices[0].Delta!.ToolCalls is { } calls) Assert.Equal(1, calls[0].Index);
            }

            Assert.Equal("{\"location\": \"Paris\"}", arguments.ToString());
            Assert.Equal(Encoding.UTF8.GetByteCount(Head + Call), streaming.RememberedArgumentsPrefixLength);
            Assert.Equal(5, streaming.PrefixHits); // the first chunk is read in full (its call has an id and a name)
        }

        [Theory]
        [InlineData(-2147483648)]
        [InlineData(-1)]
        [InlineData(2147483647)]
        public void Extreme_indices_before_a_resume_point_read_as_fresh_reads(int index)
        {
            string head = "{\"id\":\"c\",\"choices\":[{\"index\":" + index + ",\"delta\":{";
            string call = "\"tool_calls\":[{\"index\":" + index + ",\"function\":{";
            string[] chunks =
            {
                head + "\"content\":\"a\"}}]}",
                head + "\"content\":\"b\"}}]}",
                head + call + "\"arguments\":\"x\"}}]}}]}",
                head + call + "\"arguments\":\"y\"}}]}}]}",
            };

            var streaming = new ChunkReader();
            foreach (string json in chunks)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                Assert.Equal(Describe(new ChunkReader().Read(bytes, needIdentity: false)!), Describe(streaming.Read(bytes, needIdentity: false)!));
            }

            // int.MinValue stands for "no index" in a remembered point: such a head is resumed only from "choices".
            bool remembered = index != int.MinValue;
            Assert.Equal(remembered, streaming.RememberedDeltaPrefixLength > 0);
            Assert.Equal(remembered, streaming.RememberedArgumentsPrefixLength > 0);
            Assert.True(streaming.RememberedPrefixLength > 0);
            Assert.Equal(3, streaming.PrefixHits);
        }

        [Fact]
        public void Only_a_stream_with_tool_arguments_creates_the_arguments_point()
        {
            const string Head = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{";
            var content = new ChunkReader();
            var tools = new ChunkReader();
            for (int i = 0; i < 4; i++)
            {
                content.Read(Encoding.UTF8.GetBytes(Head + "\"content\":\"t" + i + "\"}}]}"), needIdentity: false);
                tools.Read(Encoding.UTF8.GetBytes(Head + "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"a" + i + "\"}}]}}]}"), needIdentity: false);
            }

            Assert.True(content.RememberedDeltaPrefixLength > 0);
            Assert.False(content.HoldsArgumentsPoint);
            Assert.True(tools.RememberedArgumentsPrefixLength > 0);
            Assert.True(tools.HoldsArgumentsPoint);
        }

        [Fact]
        public void Streams_of_the_same_model_share_its_name_and_read_every_name_as_written()
        {
            static string? Model(string model) =>
                new ChunkReader().Read(Encoding.UTF8.GetBytes("{\"id\":\"c\",\"model\":" + model + ",\"choices\":[]}"), needIdentity: true)!.Model;

            // Other tests read chunks in parallel and may change the shared name between two reads: retried.
            bool shared = false, sharedEscaped = false;
            for (int attempt = 0; attempt < 100 && !(shared && sharedEscaped); attempt++)
            {
                string? first = Model("\"shared-model-1\"");
                string? second = Model("\"shared-model-1\"");
                string? escaped = Model("\"shared\\u002dmodel-1\"");
                Assert.Equal("shared-model-1", first);
                Assert.Equal("shared-model-1", second);
                Assert.Equal("shared-model-1", escaped);
                shared |= ReferenceEquals(first, second);

                // Escapes compare by their text.
                sharedEscaped |= ReferenceEquals(second, escaped);
            }

            Assert.True(shared && sharedEscaped);

            // Another model, null and an empty name read as written.
            Assert.Equal("other-model", Model("\"other-model\""));
            Assert.Null(Model("null"));
            Assert.Equal(string.Empty, Model("\"\""));
            Assert.Equal("shared-model-1", Model("\"shared-model-1\""));
        }

        [Fact]
        public void A_chunk_read_for_its_identity_is_read_in_full()
        {
            const string Json = "{\"id\":\"chatcmpl-9\",\"model\":\"m2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}";
            var reader = new ChunkReader();
            var bytes = Encoding.UTF8.GetBytes(Json);
            reader.Read(bytes, needIdentity: false);
            Assert.True(reader.RememberedPrefixLength > 0);
            var chunk = reader.Read(bytes, needIdentity: true)!;
            Assert.Equal("chatcmpl-9", chunk.Id);
            Assert.Equal("m2", chunk.Model);
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
