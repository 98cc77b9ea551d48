using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>
    /// Flattens a generated partial into the same path → (JSON, state) shape as <see cref="PatchApplier.Leaves"/>,
    /// by reflection (test code judging the product from outside). JSON names are the snake_case C# names (the Book schema's).
    /// </summary>
    public static class PartialLeaves
    {
        public static SortedDictionary<string, (string? Json, FieldState State)> Of(object partial)
        {
            var leaves = new SortedDictionary<string, (string?, FieldState)>(StringComparer.Ordinal);
            var rootState = (FieldState)partial.GetType().GetProperty("State")!.GetValue(partial)!;
            Flatten(partial, "$", rootState, leaves);
            return leaves;
        }

        private static void Flatten(object? value, string path, FieldState state, SortedDictionary<string, (string?, FieldState)> leaves)
        {
            var type = value?.GetType();
            if (value is null)
            {
                leaves[path] = ("null", state);
            }
            else if (value is LazyText text)
            {
                leaves[path] = (JsonSerializer.Serialize(text.Value), state);
            }
            else if (value is string s)
            {
                leaves[path] = (JsonSerializer.Serialize(s), state);
            }
            else if (type!.IsGenericType && type.GetGenericTypeDefinition() == typeof(PartialList<>))
            {
                leaves[path] = (null, state);
                var isComplete = type.GetMethod(nameof(PartialList<int>.IsComplete))!;
                int i = 0;
                foreach (var item in (IEnumerable)value)
                {
                    var itemState = (bool)isComplete.Invoke(value, new object[] { i })! ? FieldState.Complete : FieldState.Streaming;
                    Flatten(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", itemState, leaves);
                    i++;
                }
            }
            else if (type.Name.EndsWith("Partial", StringComparison.Ordinal))
            {
                leaves[path] = (null, state);
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var stateProperty = type.GetProperty(property.Name + "State");
                    if (stateProperty is null || property.PropertyType == typeof(FieldState)) continue;
                    var memberState = (FieldState)stateProperty.GetValue(value)!;
                    if (memberState == FieldState.Missing) continue;
                    var memberValue = property.GetValue(value);
                    // Numbers and booleans show no value until complete; the patch stream sends them only then.
                    if (memberValue is null && memberState == FieldState.Streaming) continue;
                    Flatten(memberValue, path + "." + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), memberState, leaves);
                }
            }
            else
            {
                leaves[path] = (JsonSerializer.Serialize(value, value.GetType()), state);
            }
        }
    }
}
