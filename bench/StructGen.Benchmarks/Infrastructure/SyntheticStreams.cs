using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>The synthetic chat-completion streams of W1.</summary>
    public enum StreamKind
    {
        /// <summary>1,000 events: text deltas (one word or so each).</summary>
        Text1k,
        /// <summary>15,000 events: text deltas.</summary>
        Text15k,
        /// <summary>1,000 events: one tool call whose arguments stream in 1–8 character pieces.</summary>
        Tool1k,
    }

    /// <summary>A canned SSE body and what a correct client must see in it.</summary>
    public sealed class SseBody
    {
        public SseBody(string name, byte[] bytes, int events, int deltas, long deltaChars, long userStringBytes, int[] eventReadSizes)
        {
            Name = name;
            Bytes = bytes;
            Events = events;
            Deltas = deltas;
            DeltaChars = deltaChars;
            UserStringBytes = userStringBytes;
            EventReadSizes = eventReadSizes;
        }

        public string Name { get; }

        /// <summary>The raw <c>text/event-stream</c> body.</summary>
        public byte[] Bytes { get; }

        /// <summary>SSE events in the body, <c>[DONE]</c> included.</summary>
        public int Events { get; }

        /// <summary>Events that carry a non-empty content (or tool-argument) delta.</summary>
        public int Deltas { get; }

        /// <summary>Total UTF-16 length of those deltas.</summary>
        public long DeltaChars { get; }

        /// <summary>What the delta strings handed to the user cost on the managed heap (x64 string layout).</summary>
        public long UserStringBytes { get; }

        /// <summary>Read sizes that deliver exactly one event per read (what a slow model over a real network looks like).</summary>
        public int[] EventReadSizes { get; }
    }

    /// <summary>Builds deterministic chat-completion SSE bodies in the shape OpenAI sends them.</summary>
    public static class SyntheticStreams
    {
        private static readonly Dictionary<StreamKind, SseBody> Cache = new Dictionary<StreamKind, SseBody>();

        private static readonly JsonSerializerOptions Relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static readonly string[] Words =
        {
            "the", "model", "streams", "tokens", "while", "it", "thinks", "about", "an", "answer", "and", "each", "chunk",
            "carries", "a", "small", "piece", "of", "text", "café", "naïve", "\"quoted\"", "line\nbreak", "schema", "JSON",
            "benchmark", "parser", "reader", "allocation", "per", "event", "is", "what", "we", "measure", "here", "1954",
        };

        public static SseBody Get(StreamKind kind)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(kind, out var body))
                {
                    body = kind switch
                    {
                        StreamKind.Text1k => Text("Text1k", 1_000),
                        StreamKind.Text15k => Text("Text15k", 15_000),
                        StreamKind.Tool1k => Tool("Tool1k", 1_000),
                        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                    };
                    Cache[kind] = body;
                }

                return body;
            }
        }

        /// <summary>A text stream of <paramref name="events"/> events: role, text deltas, finish, usage, <c>[DONE]</c>.</summary>
        public static SseBody Text(string name, int events)
        {
            var random = new Random(8);
            var deltas = new List<string>();
            for (int i = 0; i < events - 4; i++) deltas.Add(" " + Words[random.Next(Words.Length)]);
            return Build(name, "gpt-4o-mini-2024-07-18", deltas, tool: false);
        }

        /// <summary>A tool-call stream of <paramref name="events"/> events whose arguments arrive in 1–8 character pieces.</summary>
        public static SseBody Tool(string name, int events)
        {
            var random = new Random(9);
            var args = new StringBuilder("{\"locations\":[");
            int n = 0;
            while (args.Length < (events - 5) * 5)
            {
                if (n++ > 0) args.Append(',');
                args.Append("{\"city\":\"City ").Append(random.Next(1000)).Append("\",\"unit\":\"celsius\",\"days\":").Append(random.Next(1, 15)).Append('}');
            }

            args.Append("]}");
            var deltas = Split(args.ToString(), events - 4, random);
            return Build(name, "gpt-4o-mini-2024-07-18", deltas, tool: true);
        }

        /// <summary>
        /// Frames <paramref name="deltas"/> as chat-completion chunks (the envelope OpenAI sends, obfuscation
        /// padding included): a role chunk, one chunk per delta, a finish chunk, a usage chunk and <c>[DONE]</c>.
        /// </summary>
        public static SseBody Build(string name, string model, IReadOnlyList<string> deltas, bool tool, string id = "chatcmpl-BenchZk3v9QpXw2LmN7rT0aYc5uJdE")
        {
            var random = new Random(10);
            var sb = new StringBuilder();
            var sizes = new List<int>();
            string head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1773345544,\"model\":\"" + model +
                "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[";
            int previous = 0;

            void Event(string json)
            {
                sb.Append("data: ").Append(json).Append("\n\n");
                int length = Encoding.UTF8.GetByteCount(sb.ToString(previous, sb.Length - previous));
                sizes.Add(length);
                previous = sb.Length;
            }

            string Obfuscation() => "\"obfuscation\":\"" + "AbCdEfGhIjKl".Substring(0, 1 + random.Next(11)) + "\"";

            if (tool)
            {
                Event(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_Bench9xYzQw\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null," + Obfuscation() + "}");
            }
            else
            {
                Event(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null," + Obfuscation() + "}");
            }

            long chars = 0, stringBytes = 0;
            foreach (var delta in deltas)
            {
                string encoded = JsonSerializer.Serialize(delta, Relaxed);
                string inner = tool
                    ? "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + encoded + "}}]}"
                    : "{\"content\":" + encoded + "}";
                Event(head + "{\"index\":0,\"delta\":" + inner + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null," + Obfuscation() + "}");
                chars += delta.Length;
                stringBytes += StringSize(delta.Length);
            }

            Event(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + (tool ? "tool_calls" : "stop") + "\"}],\"usage\":null," + Obfuscation() + "}");
            Event(head + "],\"usage\":{\"prompt_tokens\":95,\"completion_tokens\":" + deltas.Count + ",\"total_tokens\":" + (95 + deltas.Count) +
                ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}," + Obfuscation() + "}");
            Event("[DONE]");
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            return new SseBody(name, bytes, deltas.Count + 4, deltas.Count, chars, stringBytes, sizes.ToArray());
        }

        /// <summary>Splits <paramref name="text"/> into exactly <paramref name="count"/> non-empty pieces of roughly equal random length.</summary>
        public static List<string> Split(string text, int count, Random random)
        {
            var cuts = new SortedSet<int>();
            while (cuts.Count < count - 1) cuts.Add(1 + random.Next(text.Length - 1));
            var pieces = new List<string>(count);
            int start = 0;
            foreach (int cut in cuts)
            {
                pieces.Add(text.Substring(start, cut - start));
                start = cut;
            }

            pieces.Add(text.Substring(start));
            return pieces;
        }

        /// <summary>Splits <paramref name="text"/> into deltas of 1–8 characters (deterministic), as W2 feeds them.</summary>
        public static string[] Deltas(string text, int seed, int min = 1, int max = 8)
        {
            var random = new Random(seed);
            var pieces = new List<string>(text.Length / ((min + max) / 2) + 1);
            int i = 0;
            while (i < text.Length)
            {
                int n = Math.Min(random.Next(min, max + 1), text.Length - i);
                // Never split a surrogate pair: a chat API delta is a whole string.
                if (char.IsHighSurrogate(text[i + n - 1]) && i + n < text.Length) n++;
                pieces.Add(text.Substring(i, n));
                i += n;
            }

            return pieces.ToArray();
        }

        /// <summary>Heap size of a string of <paramref name="length"/> characters on x64 (22 + 2n bytes, rounded up to 8).</summary>
        public static long StringSize(int length) => length == 0 ? 0 : (22 + 2L * length + 7) & ~7L;
    }
}
