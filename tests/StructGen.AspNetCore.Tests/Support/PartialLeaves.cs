using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        /// <param name="partial">A generated partial.</param>
        /// <param name="options">Writes complete scalars (enums by their schema names); the default options when null.</param>
        public static SortedDictionary<string, (string? Json, FieldState State)> Of(object partial, JsonSerializerOptions? options = null)
        {
            var leaves = new SortedDictionary<string, (string?, FieldState)>(StringComparer.Ordinal);
            // A type with a member named State exposes its own state as ObjectState.
            var stateProperty = partial.GetType().GetProperty("ObjectState") ?? partial.GetType().GetProperty("State")!;
            var rootState = (FieldState)stateProperty.GetValue(partial)!;
            Flatten(partial, "$", rootState, leaves, options);
            return leaves;
        }

        private static void Flatten(object? value, string path, FieldState state, SortedDictionary<string, (string?, FieldState)> leaves, JsonSerializerOptions? options)
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
                    Flatten(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", itemState, leaves, options);
                    i++;
                }
            }
            else if (type.Name.EndsWith("Partial", StringComparison.Ordinal))
            {
                leaves[path] = (null, state);
                Members(value, type, path, leaves, options);
            }
            else
            {
                leaves[path] = (JsonSerializer.Serialize(value, value.GetType(), options), state);
            }
        }

        private static void Members(object value, Type type, string path, SortedDictionary<string, (string?, FieldState)> leaves, JsonSerializerOptions? options)
        {
            // A union partial: its discriminator under the base type's JSON name, then the variant's members at the same path.
            var variantProperty = type.GetProperty("Variant");
            if (variantProperty is not null && type.GetProperty("TypeDiscriminator") is { } discriminator)
            {
                var discriminatorState = (FieldState)type.GetProperty("TypeDiscriminatorState")!.GetValue(value)!;
                var name = DiscriminatorName(type);
                if (discriminatorState != FieldState.Missing && discriminator.GetValue(value) is string kind)
                {
                    leaves[path + "." + name] = (JsonSerializer.Serialize(kind), discriminatorState);
                }

                if (variantProperty.GetValue(value) is { } variant) Members(variant, variant.GetType(), path, leaves, options);
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                {
                    var stateProperty = type.GetProperty(property.Name + "State");
                    if (stateProperty is null || property.PropertyType == typeof(FieldState)) continue;
                    var memberState = (FieldState)stateProperty.GetValue(value)!;
                    if (memberState == FieldState.Missing) continue;
                    var memberValue = property.GetValue(value);
                    // Numbers and booleans show no value until complete; the patch stream sends them only then.
                    if (memberValue is null && memberState == FieldState.Streaming) continue;
                    Flatten(memberValue, path + "." + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), memberState, leaves, options);
                }
            }
        }

        // The [JsonPolymorphic] discriminator name of the type the union partial was generated for (by its name).
        private static string DiscriminatorName(Type partialType)
        {
            var baseName = partialType.Name.Substring(0, partialType.Name.Length - "Partial".Length);
            var unionType = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.GetName().Name!.StartsWith("StructGen", StringComparison.Ordinal))
                .SelectMany(a => a.GetTypes())
                .FirstOrDefault(t => t.Name == baseName && t.GetCustomAttribute<JsonPolymorphicAttribute>() is not null);
            return unionType?.GetCustomAttribute<JsonPolymorphicAttribute>()!.TypeDiscriminatorPropertyName ?? "$type";
        }
    }
}
