using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using StructGen.Chat;
using Xunit;

namespace StructGen.Tests.Protocols.Gemini
{
    /// <summary>
    /// The decoder remembers the envelope of the last event it read in full and reads a repeat of it (same bytes
    /// around the text's string and the usage counts) from the text and counts alone. Sequences of events built from
    /// a few envelopes, with varying text, counts (valid and not), finish reasons and byte-level damage, must give
    /// exactly the updates and errors the full read gives, event by event.
    /// </summary>
    public class GeminiEnvelopeTests
    {
        private static readonly string[] Texts =
        {
            "\"x\"", "\" word\"", "\"\"", "\"\\\"q\\\"\"", "\"caf\u00e9\"", "\"\\ud83d\\ude00\"", "\"line\\nbreak\"", "\"\\u0041\"",
            "null", "5", "\"\u0001\"", "\"\\ud800\"", "\"unterminated", "\"\\x\"", "[\"a\"]", "\"a\" \"b\"",
        };

        private static readonly string[] Counts =
        {
            "0", "7", "12", "123", "2147483647", "2147483648", "-1", "-0", "-2147483648", "-2147483649", "1.5", "1e3", "007", "00",
            "null", "\"5\"", "+1", "", "-", "99999999999", "3 ", " 4",
        };

        private static readonly string[] CountNames = { "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "thoughtsTokenCount", "cachedContentTokenCount" };

        [Fact]
        public void Any_sequence_of_events_decodes_as_the_full_read_decodes_it()
        {
            long hits = 0;
            Gen.Int.Sample(
                seed =>
                {
                    var events = Sequence(seed);
                    var (remembered, rememberedHits) = Decode(events, envelope: true);
                    var (full, _) = Decode(events, envelope: false);
                    Assert.True(full.SequenceEqual(remembered), "seed " + seed + ":\n" + string.Join("\n", full) + "\n--- with the envelope:\n" + string.Join("\n", remembered));
                    System.Threading.Interlocked.Add(ref hits, rememberedHits);
                },
                iter: 4000,
                print: seed => "seed " + seed + ": " + string.Join(" | ", Sequence(seed)));

            Assert.True(hits > 2000, hits + " events decoded from a remembered envelope: the test is not exercising it");
        }

        [Fact]
        public void Changing_counts_and_text_repeat_the_envelope_and_a_changed_member_does_not()
        {
            static string Event(string text, int candidates, int total, string tail = "") =>
                "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 38,\"candidatesTokenCount\": " + candidates +
                ",\"totalTokenCount\": " + total + ",\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 38}],\"thoughtsTokenCount\": 146},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"" + tail + "}";

            var events = new List<string>
            {
                Event("a", 1, 185),
                Event("b", 2, 186),
                Event("c\\u00e9", 30, 214),
                Event("", 31, 215),
                Event("d", 32, 216, ",\"extra\": 1"),
                Event("e", 33, 217),
            };
            var (remembered, hits) = Decode(events, envelope: true);
            var (full, _) = Decode(events, envelope: false);
            Assert.Equal(full, remembered);
            Assert.Equal(3, hits); // b, cé and the empty text; d and e each differ from the event before them by a member
            Assert.Equal(
                new[] { "ResponseStarted", "ContentDelta a", "Usage 38/1/185/146/", "ContentDelta b", "ContentDelta c\u00e9", "ContentDelta d", "ContentDelta e", "Usage 38/33/217/146/" },
                remembered.Where(line => line != "--").Select(Short));
        }

        [Fact]
        public void An_invalid_event_after_a_remembered_one_is_the_same_error()
        {
            const string Good = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}";
            foreach (string bad in new[]
            {
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\u0001\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":03,\"totalTokenCount\":3}}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}}",
            })
            {
                var (remembered, _) = Decode(new[] { Good, bad }, envelope: true);
                var (full, _) = Decode(new[] { Good, bad }, envelope: false);
                Assert.Equal(full, remembered);
                Assert.StartsWith("error ChatStreamException", remembered[^1], StringComparison.Ordinal);
            }
        }

        // Text "a", then the event's updates, short: kind and text or usage.
        private static string Short(string described)
        {
            var f = described.Split('|');
            return f[0] switch
            {
                "ContentDelta" => "ContentDelta " + f[1],
                "Usage" => "Usage " + f[7],
                _ => f[0],
            };
        }

        // One to three envelopes per sequence; each event takes one of them (mostly the first), with its own text,
        // counts and finish reason, and now and then a damaged byte.
        private static List<string> Sequence(int seed)
        {
            var random = new Random(seed);
            var templates = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Template(random)).ToList();
            var events = new List<string>();
            int count = random.Next(2, 14);
            for (int i = 0; i < count; i++)
            {
                var template = templates[random.Next(4) == 0 ? random.Next(templates.Count) : 0];
                string json = template.Render(random);
                if (random.Next(12) == 0) json = Damage(json, random);
                events.Add(json);
            }

            return events;
        }

        private static string Damage(string json, Random random)
        {
            int at = random.Next(json.Length);
            const string Bytes = "{}[],:\"x 0\\.e-";
            return random.Next(3) switch
            {
                0 => json.Substring(0, at),
                1 => json.Insert(at, Bytes[random.Next(Bytes.Length)].ToString()),
                _ => json.Remove(at, 1),
            };
        }

        private sealed class Template
        {
            private readonly string _colon;
            private readonly string _comma;
            private readonly bool _usageFirst;
            private readonly string? _leadingPart;
            private readonly string? _trailingPart;
            private readonly bool _role;
            private readonly string? _index;
            private readonly bool _usage;
            private readonly List<string> _usageMembers;
            private readonly int _identity;
            private readonly bool _extra;
            private readonly int _finishOdds;

            public Template(Random random)
            {
                _colon = random.Next(2) == 0 ? ":" : ": ";
                _comma = random.Next(3) == 0 ? ", " : ",";
                _usageFirst = random.Next(5) == 0;
                _leadingPart = Pick(random, null, null, null, "{\"text\"" + _colon + "\"\"}", "{\"text\"" + _colon + "null}", "7");
                _trailingPart = Pick(random, null, null, null, null, null, "{\"text\"" + _colon + "\"more\"}", "{\"text\"" + _colon + "\"\"}", "{\"thought\"" + _colon + "true,\"text\"" + _colon + "\"t\"}");
                _role = random.Next(2) == 0;
                _index = Pick(random, "0", "0", "0", "0", null, "1", "0.0");
                _usage = random.Next(6) != 0;
                // Some of the counts in some order, now and then the details array or a count given twice.
                _usageMembers = CountNames.Where(_ => random.Next(3) != 0).OrderBy(_ => random.Next()).ToList();
                if (random.Next(3) == 0) _usageMembers.Insert(random.Next(_usageMembers.Count + 1), "promptTokensDetails");
                if (random.Next(6) == 0) _usageMembers.Insert(random.Next(_usageMembers.Count + 1), CountNames[random.Next(CountNames.Length)]);

                _identity = random.Next(4);
                _extra = random.Next(5) == 0;
                _finishOdds = random.Next(3, 12);
            }

            public string Render(Random random)
            {
                var parts = new List<string>();
                if (_leadingPart is not null) parts.Add(_leadingPart);
                parts.Add("{\"text\"" + _colon + Texts[random.Next(8) == 0 ? random.Next(Texts.Length) : random.Next(8)] + "}");
                if (_trailingPart is not null) parts.Add(_trailingPart);

                var candidate = new List<string> { "\"content\"" + _colon + "{\"parts\"" + _colon + "[" + string.Join(_comma, parts) + "]" + (_role ? _comma + "\"role\"" + _colon + "\"model\"" : "") + "}" };
                if (random.Next(_finishOdds) == 0) candidate.Add("\"finishReason\"" + _colon + Pick(random, "\"STOP\"", "\"MAX_TOKENS\"", "null", "\"SAFETY\""));
                if (_index is not null) candidate.Add("\"index\"" + _colon + _index);

                var members = new List<string> { "\"candidates\"" + _colon + "[{" + string.Join(_comma, candidate) + "}]" };
                if (_usage)
                {
                    var counts = _usageMembers.Select(name => name == "promptTokensDetails"
                        ? "\"promptTokensDetails\"" + _colon + "[{\"modality\"" + _colon + "\"TEXT\",\"tokenCount\"" + _colon + "38}]"
                        : "\"" + name + "\"" + _colon + (random.Next(12) == 0 ? Counts[random.Next(Counts.Length)] : Counts[random.Next(4)]));
                    string usage = "\"usageMetadata\"" + _colon + "{" + string.Join(_comma, counts) + "}";
                    if (_usageFirst) members.Insert(0, usage);
                    else members.Add(usage);
                }

                if (_identity >= 1) members.Add("\"modelVersion\"" + _colon + "\"gemini-2.5-flash\"");
                if (_identity >= 2) members.Add("\"responseId\"" + _colon + "\"r1\"");
                if (_extra) members.Add("\"other\"" + _colon + "{\"a\"" + _colon + "[1,2]}");
                return "{" + string.Join(_comma, members) + "}";
            }

            private static string? Pick(Random random, params string?[] choices) => choices[random.Next(choices.Length)];
        }

        private static (List<string> Updates, int Hits) Decode(IEnumerable<string> events, bool envelope)
        {
            var state = new ChatStreamState();
            int next = 0;
            var decoder = new GeminiEventDecoder(state, new GeminiClientOptions { Model = "m" }, () => (++next).ToString(System.Globalization.CultureInfo.InvariantCulture)) { RemembersEnvelope = envelope };
            var updates = new List<ChatStreamUpdate>();
            var described = new List<string>();
            try
            {
                foreach (string data in events)
                {
                    decoder.Decode(Encoding.UTF8.GetBytes(data), "message"u8, updates);
                    described.AddRange(updates.Select(Describe));
                    described.Add("--");
                    updates.Clear();
                }

                decoder.Flush(updates, explicitEnd: false);
                described.AddRange(updates.Select(Describe));
            }
            catch (Exception ex)
            {
                described.AddRange(updates.Select(Describe));
                described.Add("error " + ex.GetType().Name + ": " + ex.Message);
            }

            return (described, decoder.EnvelopeHits);
        }

        private static string Describe(ChatStreamUpdate u) =>
            string.Join("|", u.Kind, u.Text, u.ToolCallIndex, u.ToolCallId, u.ToolCall?.ToString(), u.FinishReason?.Kind, u.FinishReason?.Value,
                u.Usage is { } usage ? $"{usage.PromptTokens}/{usage.CompletionTokens}/{usage.TotalTokens}/{usage.ReasoningTokens}/{usage.CachedPromptTokens}" : null,
                u.Reasoning?.Text, u.Reasoning?.Signature, u.ResponseId, u.Model);
    }
}
