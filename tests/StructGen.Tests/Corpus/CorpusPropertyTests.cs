using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsCheck;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Corpus
{
    /// <summary>
    /// Property tests over a corpus covering every mapped type: every split point and 1,000 random
    /// multi-splits per document give the value System.Text.Json gives for the whole text, and keep
    /// every streaming guarantee; random corruptions (CsCheck: shrunk, seed printed) give a StructuredOutputException, nothing else.
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

        private const string Noise = "{}[]\",:\\0-9.eEtrufalsn \u00e9x";

        /// <summary>An edit: delete (0), insert (1) or replace (2) at a position (taken modulo the length).</summary>
        private static readonly Gen<(int Kind, int At, char Noise)> Edit =
            Gen.Select(Gen.Int[0, 2], Gen.Int.NonNegative, Gen.OneOf(Noise.ToCharArray()));

        /// <summary>1 to 3 edits, a cut of the edited text (modulo its length) and the seed of its random split.</summary>
        private static readonly Gen<((int Kind, int At, char Noise)[] Edits, int Keep, int SplitSeed)> Corruption =
            Gen.Select(Edit.Array[1, 3], Gen.Int.NonNegative, Gen.Int.NonNegative);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Random_corruptions_fail_only_with_a_structured_output_exception(string name)
        {
            // Any other exception fails the sample: CsCheck shrinks it and prints the seed that reproduces it.
            var c = Get(name);
            int failures = 0;
            Corruption.Sample(
                corruption =>
                {
                    string text = Corrupt(c.Json, corruption.Edits, corruption.Keep);
                    try
                    {
                        var parser = c.Create();
                        foreach (var piece in Splits.Random(text, corruption.SplitSeed)) parser.Append(piece);
                        parser.Complete();
                    }
                    catch (StructuredOutputException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                },
                iter: 300,
                print: corruption => $"{name}: {Corrupt(c.Json, corruption.Edits, corruption.Keep)} (split seed {corruption.SplitSeed})");

            Assert.True(failures > 0, "no corruption was detected at all: the test is not exercising anything");
        }

        private static string Corrupt(string json, (int Kind, int At, char Noise)[] edits, int keep)
        {
            var chars = json.ToCharArray().ToList();
            foreach (var (kind, at, noise) in edits)
            {
                if (chars.Count == 0) break;
                int i = at % chars.Count;
                switch (kind)
                {
                    case 0: chars.RemoveAt(i); break;
                    case 1: chars.Insert(i, noise); break;
                    default: chars[i] = noise; break;
                }
            }

            return chars.Count == 0 ? string.Empty : new string(chars.ToArray(), 0, 1 + (keep % chars.Count));
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
