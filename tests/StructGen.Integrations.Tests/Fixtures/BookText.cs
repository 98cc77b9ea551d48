using System;
using System.Collections.Generic;

namespace StructGen.Integrations.Tests.Fixtures
{
    /// <summary>The Book document as a model would send it, and ways to cut it into awkward deltas.</summary>
    public static class BookText
    {
        /// <summary>The valid Book document.</summary>
        public const string Json = "{\"title\":\"The Lord of the Rings\",\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",\"adventure\"],\"published_year\":1954}";

        /// <summary>
        /// Cuts inside keys and string values, between the digits of the year and right after structural
        /// characters: the positions where a naive parser breaks.
        /// </summary>
        public static IReadOnlyList<string> AwkwardChunks(string text)
        {
            var cuts = new SortedSet<int>();
            void CutAt(string marker, int offset)
            {
                int i = text.IndexOf(marker, StringComparison.Ordinal);
                if (i >= 0 && i + offset > 0 && i + offset < text.Length) cuts.Add(i + offset);
            }

            CutAt("\"title\"", 3);          // {"ti|tle"
            CutAt("Lord", 2);               // Lo|rd
            CutAt("\"author\"", 1);         // "|author"
            CutAt("J.R.R.", 4);             // J.R.|R.
            CutAt("\":{", 2);               // ":|{
            CutAt("\"nationality\"", 7);
            CutAt("],", 1);                 // ]|,
            CutAt("[\"fantasy", 1);         // [|"fantasy
            CutAt("1954", 2);               // 19|54
            CutAt("1954", 3);               // 195|4
            CutAt("published_year", 9);

            var chunks = new List<string>();
            int start = 0;
            foreach (int cut in cuts)
            {
                chunks.Add(text.Substring(start, cut - start));
                start = cut;
            }

            chunks.Add(text.Substring(start));
            return chunks;
        }

        /// <summary>One delta per character.</summary>
        public static IReadOnlyList<string> CharByChar(string text)
        {
            var chunks = new List<string>(text.Length);
            foreach (char c in text) chunks.Add(c.ToString());
            return chunks;
        }
    }
}
