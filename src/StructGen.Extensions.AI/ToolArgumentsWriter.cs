using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// Writes <c>AIFunctionArguments</c> as one JSON object without reflection: JSON values and
    /// primitives are written directly; anything else goes through the <see cref="JsonTypeInfo"/> that the
    /// given options resolve (source-generated for the Microsoft.Extensions.AI defaults).
    /// </summary>
    internal static class ToolArgumentsWriter
    {
        public static string Write(string toolName, IEnumerable<KeyValuePair<string, object?>> arguments, JsonSerializerOptions options)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var pair in arguments)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, toolName, pair.Key, pair.Value, options);
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        private static void WriteValue(Utf8JsonWriter writer, string toolName, string name, object? value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case JsonElement element:
                    if (element.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
                    else element.WriteTo(writer);
                    return;
                case JsonDocument document:
                    document.WriteTo(writer);
                    return;
                case JsonNode node:
                    node.WriteTo(writer);
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case int i:
                    writer.WriteNumberValue(i);
                    return;
                case long l:
                    writer.WriteNumberValue(l);
                    return;
                case double d:
                    writer.WriteNumberValue(d);
                    return;
                case float f:
                    writer.WriteNumberValue(f);
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
            }

            JsonTypeInfo typeInfo;
            try
            {
                typeInfo = options.GetTypeInfo(value.GetType());
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is InvalidOperationException)
            {
                throw new ToolArgumentsException(
                    toolName,
                    null,
                    $"The argument '{name}' of tool '{toolName}' has type {value.GetType().FullName}, which cannot be written as JSON without reflection. Pass JSON values (JsonElement, JsonNode) or primitives, as the function-invoking client does.",
                    ex);
            }

            JsonSerializer.Serialize(writer, value, typeInfo);
        }
    }
}
