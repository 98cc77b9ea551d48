using System;
using System.Collections.Generic;

namespace StructGen.Tests.Support
{
    /// <summary>Ways to cut a document into deltas, for property-style tests.</summary>
    public static class Splits
    {
        /// <summary>One delta per character.</summary>
        public static IEnumerable<string> PerCharacter(string text)
        {
            foreach (char c in text) yield return c.ToString();
        }

        /// <summary>Two deltas, cut at <paramref name="position"/>.</summary>
        public static IEnumerable<string> At(string text, int position)
        {
            yield return text.Substring(0, position);
            yield return text.Substring(position);
        }

        /// <summary>Random cuts (deterministic per seed), pieces of 1 to <paramref name="maxPiece"/> characters.</summary>
        public static List<string> Random(string text, int seed, int maxPiece = 12)
        {
            var random = new Random(seed);
            var pieces = new List<string>();
            int i = 0;
            while (i < text.Length)
            {
                int length = Math.Min(text.Length - i, random.Next(1, maxPiece + 1));
                pieces.Add(text.Substring(i, length));
                i += length;
            }

            return pieces;
        }
    }
}
