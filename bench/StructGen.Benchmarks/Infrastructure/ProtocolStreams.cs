using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>The four wire protocols of W5.</summary>
    public enum Protocol
    {
        ChatCompletions,
        Responses,
        Anthropic,
        Gemini,
    }

    /// <summary>
    /// W5's synthetic text streams, one per protocol, in each provider's exact envelope: the events of a
    /// recording in <c>cassettes/</c> kept byte for byte, with its text deltas replaced by 1,000 events' worth of
    /// seeded words (the envelope of each delta event copied from the recorded one, padding and all), and the
    /// events that repeat the whole text (Responses' <c>*.done</c> and <c>response.completed</c>) given the new text.
    /// </summary>
    public static class ProtocolStreams
    {
        public const int Events = 1_000;

        private static readonly Dictionary<Protocol, SseBody> Cache = new Dictionary<Protocol, SseBody>();
        private static readonly JsonSerializerOptions Relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static readonly string[] Words =
        {
            "the", "model", "streams", "tokens", "while", "it", "thinks", "about", "an", "answer", "and", "each", "chunk",
            "carries", "a", "small", "piece", "of", "text", "café", "naïve", "\"quoted\"", "line\nbreak", "schema", "JSON",
            "benchmark", "parser", "reader", "allocation", "per", "event", "is", "what", "we", "measure", "here", "1954",
        };

        public static SseBody Get(Protocol protocol)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(protocol, out var body))
                {
                    body = protocol switch
                    {
                        Protocol.ChatCompletions => Rename(SyntheticStreams.Text("ChatCompletions", Events), "ChatCompletions"),
                        Protocol.Responses => Responses(),
                        Protocol.Anthropic => Anthropic(),
                        Protocol.Gemini => Gemini(),
                        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
                    };
                    Cache[protocol] = body;
                }

                return body;
            }
        }

        private static SseBody Rename(SseBody body, string name) =>
            new SseBody(name, body.Bytes, body.Events, body.Deltas, body.DeltaChars, body.UserStringBytes, body.EventReadSizes);

        private static List<string> NewDeltas(int count, int seed)
        {
            var random = new Random(seed);
            var deltas = new List<string>(count);
            for (int i = 0; i < count; i++) deltas.Add(" " + Words[random.Next(Words.Length)]);
            return deltas;
        }

        private static string Encode(string text) => JsonSerializer.Serialize(text, Relaxed);

        /// <summary>Recorded events of a cassette: (event type or null, data), in order.</summary>
        private static List<(string? Type, string Data)> Recorded(string cassette, string lineEnd)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "cassettes", cassette);
            string text = QuotedBody(path) ?? Encoding.UTF8.GetString(CassetteBody.Read(path));
            var events = new List<(string?, string)>();
            foreach (var block in text.Split(lineEnd + lineEnd, StringSplitOptions.RemoveEmptyEntries))
            {
                string? type = null, data = null;
                foreach (var line in block.Split(lineEnd))
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line.Substring(7);
                    else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line.Substring(6);
                }

                if (data != null) events.Add((type, data));
            }

            return events;
        }

        /// <summary>A response body recorded as a YAML double-quoted scalar on one line (its escapes are JSON's), or null.</summary>
        private static string? QuotedBody(string path)
        {
            string yaml = File.ReadAllText(path);
            int response = yaml.IndexOf("\n  response:", StringComparison.Ordinal);
            int body = yaml.IndexOf("\n    body: \"", response, StringComparison.Ordinal);
            if (response < 0 || body < 0) return null;
            int start = body + "\n    body: ".Length;
            int end = yaml.IndexOf('\n', start);
            return JsonSerializer.Deserialize<string>(yaml.AsSpan(start, end - start));
        }

        private static SseBody Build(string name, List<(string? Type, string Data)> events, List<string> deltas, string lineEnd)
        {
            var sb = new StringBuilder();
            var sizes = new List<int>();
            foreach (var (type, data) in events)
            {
                int before = Encoding.UTF8.GetByteCount(sb.ToString());
                if (type != null) sb.Append("event: ").Append(type).Append(lineEnd);
                sb.Append("data: ").Append(data).Append(lineEnd).Append(lineEnd);
                sizes.Add(Encoding.UTF8.GetByteCount(sb.ToString()) - before);
            }

            long chars = deltas.Sum(d => (long)d.Length);
            long stringBytes = deltas.Sum(d => SyntheticStreams.StringSize(d.Length));
            return new SseBody(name, Encoding.UTF8.GetBytes(sb.ToString()), events.Count, deltas.Count, chars, stringBytes, sizes.ToArray());
        }

        /// <summary>o4-mini over the Responses API (<c>openai-responses-o4-mini/simple_streaming.yaml</c>).</summary>
        private static SseBody Responses()
        {
            var recorded = Recorded("openai-responses-o4-mini/simple_streaming.yaml", "\n");
            int firstDelta = recorded.FindIndex(e => e.Type == "response.output_text.delta");
            int afterDeltas = recorded.FindLastIndex(e => e.Type == "response.output_text.delta") + 1;
            var deltas = NewDeltas(Events - (recorded.Count - (afterDeltas - firstDelta)), 51);
            string full = string.Concat(deltas);
            var random = new Random(52);
            var template = JsonNode.Parse(recorded[firstDelta].Data)!.AsObject();
            var events = recorded.Take(firstDelta).ToList();
            foreach (var delta in deltas)
            {
                template["delta"] = delta;
                template["obfuscation"] = "AbCdEfGhIjKlMnOp".Substring(0, 1 + random.Next(15));
                events.Add(("response.output_text.delta", template.ToJsonString(Relaxed)));
            }

            foreach (var (type, data) in recorded.Skip(afterDeltas))
            {
                var node = JsonNode.Parse(data)!.AsObject();
                switch (type)
                {
                    case "response.output_text.done": node["text"] = full; break;
                    case "response.content_part.done": node["part"]!["text"] = full; break;
                    case "response.output_item.done": SetMessageText(node["item"]!, full); break;
                    case "response.completed":
                        foreach (var item in node["response"]!["output"]!.AsArray()) SetMessageText(item!, full);
                        break;
                }

                events.Add((type, node.ToJsonString(Relaxed)));
            }

            // Sequence numbers stay consecutive, as the API sends them.
            for (int i = 0; i < events.Count; i++)
            {
                var node = JsonNode.Parse(events[i].Data)!.AsObject();
                node["sequence_number"] = i;
                events[i] = (events[i].Type, node.ToJsonString(Relaxed));
            }

            return Build("Responses", events, deltas, "\n");
        }

        private static void SetMessageText(JsonNode item, string text)
        {
            if ((string?)item["type"] == "message") item["content"]![0]!["text"] = text;
        }

        /// <summary>Claude Sonnet 4 over Messages (<c>anthropic-claude-sonnet-4/simple_streaming.yaml</c>), its space padding kept.</summary>
        private static SseBody Anthropic()
        {
            var recorded = Recorded("anthropic-claude-sonnet-4/simple_streaming.yaml", "\n");
            int firstDelta = recorded.FindIndex(e => e.Type == "content_block_delta");
            int afterDeltas = recorded.FindLastIndex(e => e.Type == "content_block_delta") + 1;
            var deltas = NewDeltas(Events - (recorded.Count - (afterDeltas - firstDelta)), 61);
            var random = new Random(62);
            var events = recorded.Take(firstDelta).ToList();
            foreach (var delta in deltas)
            {
                // The API pads each event with spaces before the closing brace (as recorded).
                events.Add(("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + Encode(delta) + "}" + new string(' ', 1 + random.Next(14)) + "}"));
            }

            events.AddRange(recorded.Skip(afterDeltas));
            return Build("Anthropic", events, deltas, "\n");
        }

        /// <summary>Gemini 2.5 Flash (<c>google-gemini-2.5-flash/complex_object_streaming.yaml</c>): CRLF, one part per chunk.</summary>
        private static SseBody Gemini()
        {
            var recorded = Recorded("google-gemini-2.5-flash/complex_object_streaming.yaml", "\r\n");
            if (recorded.Count != 2) throw new InvalidDataException("Expected the two recorded Gemini chunks, found " + recorded.Count + ".");
            var deltas = NewDeltas(Events, 71);
            var events = new List<(string? Type, string Data)>();
            for (int i = 0; i < deltas.Count; i++)
            {
                // Middle chunks have the first recorded chunk's envelope, the last one the final chunk's (finishReason).
                string template = recorded[i == deltas.Count - 1 ? 1 : 0].Data;
                int start = template.IndexOf("{\"text\": ", StringComparison.Ordinal) + "{\"text\": ".Length;
                int end = template.IndexOf("}],\"role\"", StringComparison.Ordinal);
                events.Add((null, template.Substring(0, start) + Encode(deltas[i]) + template.Substring(end)));
            }

            return Build("Gemini", events, deltas, "\r\n");
        }
    }
}
