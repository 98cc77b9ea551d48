using System;
using System.Collections.Generic;
using System.Linq;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Corpus
{
    /// <summary>
    /// Property tests over a corpus covering every mapped type: every split point and 1,000 random
    /// multi-splits per document give the value System.Text.Json gives for the whole text, and keep
    /// every streaming guarantee; random corruptions give a StructuredOutputException, nothing else.
    /// </summary>
    public class CorpusPropertyTests
    {
        public static IEnumerable<object[]> Cases => CorpusDocuments.All.Select(c => new object[] { c.Name });

        private static CorpusCase Get(string name) => CorpusDocuments.All.Single(c => c.Name == name);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Whole_document_equals_a_System_Text_Json_parse(string name)
        {
            var c = Get(name);
            var expected = CorpusDocuments.Canonical(c.SystemTextJson(c.Json));
            Assert.Equal(expected, CorpusDocuments.Canonical(Run(c, new[] { c.Json }, name)));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Every_split_point_gives_the_same_value_and_keeps_the_guarantees(string name)
        {
            var c = Get(name);
            var expected = CorpusDocuments.Canonical(c.SystemTextJson(c.Json));
            for (int i = 0; i <= c.Json.Length; i++)
            {
                Assert.Equal(expected, CorpusDocuments.Canonical(Run(c, Splits.At(c.Json, i), name + " split " + i)));
            }

            Assert.Equal(expected, CorpusDocuments.Canonical(Run(c, Splits.PerCharacter(c.Json), name + " per character")));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Random_multi_splits_give_the_same_value_and_keep_the_guarantees(string name)
        {
            var c = Get(name);
            var expected = CorpusDocuments.Canonical(c.SystemTextJson(c.Json));
            for (int seed = 0; seed < 1000; seed++)
            {
                Assert.Equal(expected, CorpusDocuments.Canonical(Run(c, Splits.Random(c.Json, seed, maxPiece: 1 + (seed % 9)), name + " seed " + seed)));
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Random_corruptions_fail_only_with_a_structured_output_exception(string name)
        {
            var c = Get(name);
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));
            const string Noise = "{}[]\",:\\0-9.eEtrufalsn \u00e9x";
            int failures = 0;
            for (int attempt = 0; attempt < 300; attempt++)
            {
                var chars = c.Json.ToCharArray().ToList();
                int edits = random.Next(1, 4);
                for (int e = 0; e < edits && chars.Count > 0; e++)
                {
                    int at = random.Next(chars.Count);
                    switch (random.Next(3))
                    {
                        case 0: chars.RemoveAt(at); break;
                        case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                        default: chars[at] = Noise[random.Next(Noise.Length)]; break;
                    }
                }

                var text = new string(chars.ToArray());
                if (chars.Count > 0) text = text.Substring(0, random.Next(1, chars.Count + 1));
                try
                {
                    var parser = c.Create();
                    foreach (var piece in Splits.Random(text, attempt)) parser.Append(piece);
                    parser.Complete();
                }
                catch (StructuredOutputException)
                {
                    failures++;
                }
            }

            Assert.True(failures > 0, "no corruption was detected at all: the test is not exercising anything");
        }

        private static object? Run(CorpusCase c, IEnumerable<string> deltas, string context)
        {
            var parser = c.Create();
            var observations = new List<PartialObservation>();
            foreach (var delta in deltas)
            {
                if (!parser.Append(delta)) continue;
                var observation = PartialObservation.Of(parser.Current!);
                if (observations.Count > 0) PartialObservation.AssertMonotonic(observations[^1], observation, context);
                observations.Add(observation);
            }

            var value = parser.Complete();
            var final = PartialObservation.Of(parser.Current!);
            foreach (var observation in observations) PartialObservation.AssertConsistentWithFinal(observation, final, context);
            return value;
        }
    }
}
