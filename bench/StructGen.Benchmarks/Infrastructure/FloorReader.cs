using System;
using System.Text.Json;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// The floor of W1 and W5: one <see cref="Utf8JsonReader"/> pass over an event's data up to the first
    /// member named <c>field</c>, copying its string (the least any client must do to surface a delta).
    /// </summary>
    internal static class FloorReader
    {
        /// <summary>The length of the field's string, 0 when absent, -1 for <c>[DONE]</c>.</summary>
        public static int ExtractLength(ReadOnlySpan<byte> data, byte[] field, char[] scratch)
        {
            if (data.SequenceEqual("[DONE]"u8)) return -1;
            var reader = new Utf8JsonReader(data);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(field))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.CopyString(scratch) : 0;
                }
            }

            return 0;
        }
    }
}
