using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StructGen.Chat;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// A JSON-schema <see cref="ResponseFormat"/>'s schema parsed once with <see cref="JsonDocument"/>
    /// (no reflection) and cached per format (generated types share one format instance).
    /// </summary>
    internal static class ResponseFormatMetadata
    {
        private static readonly ConditionalWeakTable<ResponseFormat, StrongBox<JsonElement>> Cache = new ConditionalWeakTable<ResponseFormat, StrongBox<JsonElement>>();

        public static JsonElement Schema(ResponseFormat format)
        {
            if (format is null) throw new ArgumentNullException(nameof(format));
            if (format.JsonSchema is null) throw new ArgumentException("Only a JSON-schema response format has a schema (" + format + ").", nameof(format));
            return Cache.GetValue(format, static f =>
            {
                using var doc = JsonDocument.Parse(f.JsonSchema!);
                return new StrongBox<JsonElement>(doc.RootElement.Clone());
            }).Value;
        }
    }
}
