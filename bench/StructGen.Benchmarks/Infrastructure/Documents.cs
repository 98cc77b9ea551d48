using System;
using System.Collections.Generic;
using System.Text;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>The two W2 document shapes.</summary>
    public enum Shape
    {
        /// <summary><c>{"items":[{"name":…,"quantity":…,"in_stock":…},…]}</c>: ~60 characters per item.</summary>
        ManySmallItems,
        /// <summary><c>{"title":…,"body":"…"}</c>: one long string with escapes and non-ASCII text.</summary>
        OneLongString,
    }

    /// <summary>Deterministic W2 documents of a given size (UTF-16 characters ≈ UTF-8 bytes: mostly ASCII).</summary>
    public static class Documents
    {
        private static readonly Dictionary<(Shape, int), string> Cache = new Dictionary<(Shape, int), string>();

        private static readonly string[] Names = { "widget", "gadget", "sprocket", "flange", "gizmo", "doohickey", "bracket", "spindle" };

        private static readonly string[] Words =
        {
            "Lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor",
            "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "café", "naïve", "\\\"quoted\\\"", "\\n", "déjà vu",
            "\\u00e9t\\u00e9", "tab\\tbed", "50%", "<tag>", "path\\/to",
        };

        public static string Get(Shape shape, int size)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue((shape, size), out var text))
                {
                    text = shape == Shape.ManySmallItems ? Items(size) : LongString(size);
                    Cache[(shape, size)] = text;
                }

                return text;
            }
        }

        private static string Items(int size)
        {
            var random = new Random(size);
            var sb = new StringBuilder(size + 128);
            sb.Append("{\"items\":[");
            int n = 0;
            const string End = "]}";
            while (true)
            {
                string item = "{\"name\":\"" + Names[random.Next(Names.Length)] + " " + random.Next(100_000) +
                    "\",\"quantity\":" + random.Next(1, 1000) + ",\"in_stock\":" + (random.Next(2) == 0 ? "true" : "false") + "}";
                if (n > 0 && sb.Length + item.Length + 1 + End.Length > size) break;
                if (n++ > 0) sb.Append(',');
                sb.Append(item);
            }

            sb.Append(End);
            return sb.ToString();
        }

        private static string LongString(int size)
        {
            var random = new Random(size);
            var sb = new StringBuilder(size + 64);
            sb.Append("{\"title\":\"A long article\",\"body\":\"");
            const string End = "\"}";
            while (true)
            {
                string word = Words[random.Next(Words.Length)];
                if (sb.Length + word.Length + 1 + End.Length > size) break;
                sb.Append(word).Append(' ');
            }

            while (sb.Length + End.Length < size) sb.Append('.');
            sb.Append(End);
            return sb.ToString();
        }
    }
}
