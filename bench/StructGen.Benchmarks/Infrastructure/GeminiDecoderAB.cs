using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StructGen.Chat;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// A paired A/B of the Gemini decoder alone (<c>--ab-gemini [rounds]</c>): the same events decoded with the
    /// remembered envelope and without it (the full one-pass read), interleaved in one process, best of the rounds,
    /// so the machine's drift between runs does not decide the comparison. Two streams: W5's (whose chunks repeat
    /// their usage byte for byte) and the same stream with cumulative counts that change on every chunk, as a real
    /// Gemini stream's do.
    /// </summary>
    internal static class GeminiDecoderAB
    {
        public const string Switch = "--ab-gemini";

        public static int Run(string[] args)
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
            var events = Events(ProtocolStreams.Get(Protocol.Gemini).Bytes);
            var counting = WithChangingCounts(events);
            Console.WriteLine("changing counts, event 500: " + Encoding.UTF8.GetString(counting[500]));
            Compare("W5 stream (repeated usage)", events, rounds);
            Compare("changing counts", counting, rounds);
            return 0;
        }

        private static void Compare(string name, List<byte[]> events, int rounds)
        {
            var updates = new List<ChatStreamUpdate>(8);
            double bestOn = double.MaxValue, bestOff = double.MaxValue;
            for (int round = 0; round < rounds; round++)
            {
                // Alternate which side goes first, so neither always runs on a warmer cache.
                bool onFirst = round % 2 == 0;
                double a = Time(events, onFirst, updates), b = Time(events, !onFirst, updates);
                double on = onFirst ? a : b, off = onFirst ? b : a;
                bestOn = Math.Min(bestOn, on);
                bestOff = Math.Min(bestOff, off);
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1} events, best of {2} rounds: envelope {3:F0} ns/event, full read {4:F0} ns/event, ratio {5:F2}", name, events.Count, rounds, bestOn, bestOff, bestOn / bestOff));
        }

        // 50 passes over the stream per measurement, each through a new decoder as a new stream would get.
        private static double Time(List<byte[]> events, bool envelope, List<ChatStreamUpdate> updates)
        {
            const int Passes = 50;
            long chars = 0;
            var clock = Stopwatch.StartNew();
            for (int pass = 0; pass < Passes; pass++)
            {
                var decoder = new GeminiEventDecoder(new ChatStreamState(), new GeminiClientOptions { Model = "m" }, () => "id") { RemembersEnvelope = envelope };
                foreach (var data in events)
                {
                    updates.Clear();
                    decoder.Decode(data, default, updates);
                    foreach (var update in updates) chars += update.Text?.Length ?? 0;
                }
            }

            clock.Stop();
            if (chars == 0) throw new InvalidOperationException("No text decoded.");
            return clock.Elapsed.TotalMilliseconds * 1e6 / Passes / events.Count;
        }

        private static List<byte[]> Events(byte[] body)
        {
            var events = new List<byte[]>();
            foreach (var line in Encoding.UTF8.GetString(body).Split("\r\n"))
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(Encoding.UTF8.GetBytes(line.Substring(6)));
            }

            return events;
        }

        // candidatesTokenCount and totalTokenCount grow by one to three digits' worth per chunk, as recorded streams show.
        private static List<byte[]> WithChangingCounts(List<byte[]> events)
        {
            var changed = new List<byte[]>(events.Count);
            for (int i = 0; i < events.Count; i++)
            {
                string text = Encoding.UTF8.GetString(events[i]);
                text = Regex.Replace(text, "\"candidatesTokenCount\": [0-9]+", "\"candidatesTokenCount\": " + (8 + (3 * i)).ToString(CultureInfo.InvariantCulture));
                text = Regex.Replace(text, "\"totalTokenCount\": [0-9]+", "\"totalTokenCount\": " + (192 + (3 * i)).ToString(CultureInfo.InvariantCulture));
                changed.Add(Encoding.UTF8.GetBytes(text));
            }

            return changed;
        }
    }
}
