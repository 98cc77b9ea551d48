using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using StructGen.Streaming;
using StructGen.Streaming.Generated;
using Xunit;

namespace StructGen.Tests.Support
{
    /// <summary>
    /// Flattens a partial snapshot (generated or hand-written) into path → (value, state) by
    /// reflection, and checks the streaming guarantees between consecutive snapshots and against
    /// the final one. Reflection is fine here: this is test code judging the product from outside.
    /// </summary>
    public sealed class PartialObservation
    {
        private PartialObservation(Dictionary<string, Leaf> leaves) => Leaves = leaves;

        public Dictionary<string, Leaf> Leaves { get; }

        public readonly record struct Leaf(object? Value, FieldState State, bool IsText);

        public static PartialObservation Of(object partial)
        {
            var leaves = new Dictionary<string, Leaf>(StringComparer.Ordinal);
            Flatten(partial, "$", FieldState.Streaming, leaves);
            return new PartialObservation(leaves);
        }

        /// <summary>Reads every partial of a stream, checking each against the one before (strings only grow, complete members never change).</summary>
        public static async System.Threading.Tasks.Task<(System.Collections.Generic.List<T> Partials, System.Collections.Generic.List<PartialObservation> Observations)> CollectMonotonicAsync<T>(System.Collections.Generic.IAsyncEnumerable<T> stream)
            where T : class
        {
            var partials = new System.Collections.Generic.List<T>();
            var observations = new System.Collections.Generic.List<PartialObservation>();
            await foreach (var partial in stream)
            {
                partials.Add(partial);
                var observation = Of(partial);
                if (observations.Count > 0) AssertMonotonic(observations[observations.Count - 1], observation, "partial " + partials.Count);
                observations.Add(observation);
            }

            return (partials, observations);
        }

        /// <summary>Checks every guarantee that relates two consecutive snapshots.</summary>
        public static void AssertMonotonic(PartialObservation previous, PartialObservation current, string context)
        {
            foreach (var (path, before) in previous.Leaves)
            {
                if (!current.Leaves.TryGetValue(path, out var after))
                {
                    Assert.Fail($"{context}: {path} disappeared (arrays only grow, members never vanish).");
                    return;
                }

                Assert.True(after.State >= before.State, $"{context}: {path} went from {before.State} back to {after.State}.");
                if (before.State == FieldState.Complete)
                {
                    Assert.True(Equals(before.Value, after.Value), $"{context}: complete {path} changed from {Show(before.Value)} to {Show(after.Value)}.");
                }

                if (before.IsText && before.Value is string s && after.Value is string t)
                {
                    Assert.True(t.StartsWith(s, StringComparison.Ordinal), $"{context}: {path} did not grow by appending: {Show(s)} then {Show(t)}.");
                }
            }
        }

        /// <summary>Checks that every value shown in <paramref name="earlier"/> agrees with the final snapshot.</summary>
        public static void AssertConsistentWithFinal(PartialObservation earlier, PartialObservation final, string context)
        {
            foreach (var (path, leaf) in earlier.Leaves)
            {
                if (leaf.Value is null) continue;
                Assert.True(final.Leaves.TryGetValue(path, out var last), $"{context}: {path} is not in the final value.");
                if (leaf.IsText)
                {
                    Assert.True(((string)last.Value!).StartsWith((string)leaf.Value, StringComparison.Ordinal), $"{context}: {path} = {Show(leaf.Value)} is not a prefix of the final {Show(last.Value)}.");
                }
                else
                {
                    Assert.True(leaf.State == FieldState.Complete, $"{context}: {path} shows {Show(leaf.Value)} before it is complete.");
                    Assert.True(Equals(leaf.Value, last.Value), $"{context}: {path} showed {Show(leaf.Value)} but the final value is {Show(last.Value)}.");
                }
            }
        }

        private static void Flatten(object? value, string path, FieldState state, Dictionary<string, Leaf> leaves)
        {
            if (value is null)
            {
                leaves[path] = new Leaf(null, state, false);
                return;
            }

            var type = value.GetType();
            if (value is string text)
            {
                leaves[path] = new Leaf(text, state, true);
                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PartialList<>))
            {
                var list = (IEnumerable)value;
                var isComplete = type.GetMethod(nameof(PartialList<int>.IsComplete))!;
                int i = 0;
                foreach (var item in list)
                {
                    var itemState = (bool)isComplete.Invoke(value, new object[] { i })! ? FieldState.Complete : FieldState.Streaming;
                    Flatten(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", itemState, leaves);
                    i++;
                }

                leaves[path] = new Leaf(null, state, false);
                return;
            }

            if (type.Name.EndsWith("Partial", StringComparison.Ordinal))
            {
                leaves[path] = new Leaf(null, state, false);
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.PropertyType == typeof(FieldState)) continue;
                    var stateProperty = type.GetProperty(property.Name + "State");
                    if (stateProperty is null) continue;
                    var memberState = (FieldState)stateProperty.GetValue(value)!;
                    Flatten(property.GetValue(value), path + "." + property.Name, memberState, leaves);
                }

                return;
            }

            leaves[path] = new Leaf(value, state, false);
        }

        private static string Show(object? value) => value is null ? "null" : value is string s ? "\"" + s + "\"" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?";
    }
}
