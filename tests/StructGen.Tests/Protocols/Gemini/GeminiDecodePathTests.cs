using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Tests.CassetteCorpus;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// The decoder reads common text events in one pass and leaves everything else to its
    /// <c>JsonDocument</c> path. Both must give the same updates: each stream is decoded as recorded, and
    /// again with <c>"promptFeedback":null</c> added to every event, which the one-pass reader declines.
    /// </summary>
    public class GeminiDecodePathTests
    {
        public static IEnumerable<object[]> Streams()
        {
            foreach (var path in CorpusCassettes.Files(CorpusCassettes.IsGeminiUrl, withProviderShapes: true))
            {
                var cassette = CassetteLoader.Load(path);
                for (int i = 0; i < cassette.Interactions.Count; i++)
                {
                    if (cassette.Interactions[i].Response.Code == 200) yield return new object[] { System.IO.Path.GetFileName(path) + " #" + i, cassette.Interactions[i].Response.Body };
                }
            }

            yield return new object[]
            {
                "constructed text",
                string.Concat(
                    GeminiEvents.Data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hé \\\"quoted\\\" \\ud83d\\ude00\"},{\"text\":\"\"},{\"text\":\"more\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}"),
                    GeminiEvents.Data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" end\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":5,\"totalTokenCount\":8,\"thoughtsTokenCount\":2,\"cachedContentTokenCount\":1},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}")),
            };

            // Escaped member names (at every level the one-pass reader reads) are the JsonDocument path's.
            yield return new object[]
            {
                "constructed escaped names",
                string.Concat(
                    GeminiEvents.Data("{\"c\\u0061ndidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0}],\"responseId\":\"r1\"}"),
                    GeminiEvents.Data("{\"candidates\":[{\"\\u0063ontent\":{\"parts\":[{\"text\":\"b\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}"),
                    GeminiEvents.Data("{\"candidates\":[{\"content\":{\"p\\u0061rts\":[{\"\\u0074ext\":\"c\"}]},\"index\":0}],\"usageMetadata\":{\"prompt\\u0054okenCount\":3,\"totalTokenCount\":4}}"),
                    GeminiEvents.Data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"d\"}]},\"finish\\u0052eason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}}")),
            };
        }

        [Theory]
        [MemberData(nameof(Streams))]
        public void The_one_pass_reader_and_the_document_path_give_the_same_updates(string name, string body)
        {
            var events = DataOf(body);
            Assert.NotEmpty(events);
            var recorded = Decode(events);
            var declined = Decode(events.Select(WithPromptFeedback).ToList());
            Assert.True(recorded.SequenceEqual(declined), name + ":\n" + string.Join("\n", recorded) + "\n---\n" + string.Join("\n", declined));
        }

        [Fact]
        public void Invalid_utf8_is_repaired_the_same_way_on_both_paths()
        {
            // The one-pass reader does not validate UTF-8 up front: an invalid string it reads sends the event to the
            // JsonDocument path (which repairs it to U+FFFD); one it only skips changes nothing it reads.
            var events = new List<byte[]>
            {
                Utf8WithInvalid("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok \u00ff\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3},\"responseId\":\"r\u00fe\"}"),
                Utf8WithInvalid("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" fine\"}],\"role\":\"model\"},\"index\":0,\"note\":\"\u00ff\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}}"),
                Utf8WithInvalid("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":3,\"totalTokenCount\":6}}"),
            };
            var recorded = Decode(events);
            var declined = Decode(events.Select(e => Utf8WithInvalid(WithPromptFeedback(Encoding.Latin1.GetString(e)))).ToList());
            Assert.True(recorded.SequenceEqual(declined), string.Join("\n", recorded) + "\n---\n" + string.Join("\n", declined));
            Assert.Equal(
                new[]
                {
                    Describe(ChatStreamUpdate.ResponseStarted("r\uFFFD", null)),
                    Describe(ChatStreamUpdate.ContentDelta("ok \uFFFD")),
                    Describe(ChatStreamUpdate.UsageReported(new ChatUsage(3, 0, 3))),
                    Describe(ChatStreamUpdate.ContentDelta(" fine")),
                    Describe(ChatStreamUpdate.ContentDelta("!")),
                    Describe(ChatStreamUpdate.UsageReported(new ChatUsage(3, 3, 6))),
                    Describe(ChatStreamUpdate.Finished(new FinishReason(FinishKind.Stop, "STOP"))),
                },
                recorded);
        }

        [Fact]
        public void A_candidate_index_that_is_not_an_int32_is_not_candidate_0_and_not_a_crash()
        {
            // It was a FormatException from JsonElement.GetInt32; such a candidate is now "another" candidate, followed
            // when no candidate says index 0.
            var updates = Decode(new[]
            {
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0.0}]}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"index\":1e40},{\"content\":{\"parts\":[{\"text\":\"b\"}]},\"index\":0}]}",
            });
            Assert.Equal(new[] { Describe(ChatStreamUpdate.ContentDelta("a")), Describe(ChatStreamUpdate.ContentDelta("b")) }, updates);
        }

        [Fact]
        public void A_lone_surrogate_escape_is_an_invalid_event_on_both_paths()
        {
            // Valid JSON, but GetString has no string for it: it was an InvalidOperationException out of the decoder.
            const string Lone = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\\ud800\"}]},\"index\":0}]}";
            foreach (string json in new[] { Lone, WithPromptFeedback(Lone) })
            {
                var decoder = new GeminiEventDecoder(new ChatStreamState(), new GeminiClientOptions { Model = "m" }, () => "id");
                var error = Assert.Throws<ChatStreamException>(() => decoder.Decode(Encoding.UTF8.GetBytes(json), "message"u8, new List<ChatStreamUpdate>()));
                Assert.Equal(ChatStreamFailure.InvalidChunk, error.Failure);
                Assert.Contains("'text' is not valid UTF-16", error.Message, StringComparison.Ordinal);
            }
        }

        // Each U+00xx character of the text becomes the single byte 0xxx (so \u00ff is a lone 0xFF, invalid UTF-8).
        private static byte[] Utf8WithInvalid(string text) => Encoding.Latin1.GetBytes(text);

        private static List<string> Decode(IEnumerable<string> events) => Decode(events.Select(e => Encoding.UTF8.GetBytes(e)));

        // The stream's end is flushed too: the decoder holds repeated usage until the finish or the end.
        private static List<string> Decode(IEnumerable<byte[]> events)
        {
            var state = new ChatStreamState();
            int next = 0;
            var decoder = new GeminiEventDecoder(state, new GeminiClientOptions { Model = "m" }, () => (++next).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var updates = new List<ChatStreamUpdate>();
            foreach (var data in events) decoder.Decode(data, "message"u8, updates);
            decoder.Flush(updates, explicitEnd: false);
            return updates.Select(Describe).ToList();
        }

        private static string Describe(ChatStreamUpdate u) =>
            string.Join("|", u.Kind, u.Text, u.ToolCallIndex, u.ToolCallId, u.ToolCall?.ToString(), u.FinishReason?.Kind, u.FinishReason?.Value,
                u.Usage is { } usage ? $"{usage.PromptTokens}/{usage.CompletionTokens}/{usage.TotalTokens}/{usage.ReasoningTokens}/{usage.CachedPromptTokens}" : null,
                u.Reasoning?.Text, u.Reasoning?.Signature, u.ResponseId, u.Model);

        private static string WithPromptFeedback(string json)
        {
            int end = json.LastIndexOf('}');
            return json.Substring(0, end) + ",\"promptFeedback\":null" + json.Substring(end);
        }

        // SSE data of a streamed answer, or the whole body of a non-streamed one.
        private static List<string> DataOf(string body) =>
            !body.Contains("data:") ? new List<string> { body.Trim() } :
            body.Replace("\r\n", "\n").Split('\n')
                .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
                .Select(line => line.Substring(5).Trim())
                .Where(data => data.Length > 0 && data[0] == '{')
                .ToList();
    }
}
