using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// Writes <see cref="ChatRequestOptions.AdditionalProperties"/> (name → raw JSON) as top-level
    /// request members, for every protocol: each name at most once, never one the typed options
    /// already wrote (a duplicate key is read differently by different servers), each value one
    /// valid JSON value.
    /// </summary>
    internal static class RawMembers
    {
        /// <param name="writer">The request writer, inside the top-level object.</param>
        /// <param name="options">The request options.</param>
        /// <param name="isWritten">Whether the request already has the member.</param>
        /// <param name="handledElsewhere">Members the protocol's writer merges itself (skipped here).</param>
        public static void Write(Utf8JsonWriter writer, ChatRequestOptions options, Func<string, bool> isWritten, Func<string, bool>? handledElsewhere = null)
        {
            if (options.AdditionalProperties is not { } properties) return;
            foreach (var pair in properties)
            {
                if (string.IsNullOrEmpty(pair.Key)) throw new InvalidOperationException("ChatRequestOptions.AdditionalProperties has an empty name.");
                if (handledElsewhere?.Invoke(pair.Key) == true) continue;
                if (isWritten(pair.Key))
                {
                    throw new InvalidOperationException(
                        "ChatRequestOptions.AdditionalProperties sets '" + pair.Key +
                        "', which this request already has: set it through its typed option or the messages instead (or leave that unset).");
                }

                writer.WritePropertyName(pair.Key);
                try
                {
                    writer.WriteRawValue(pair.Value ?? "null", skipInputValidation: false);
                }
                catch (JsonException ex)
                {
                    throw new InvalidOperationException(
                        "ChatRequestOptions.AdditionalProperties['" + pair.Key + "'] is not one valid JSON value (write strings with their quotes, e.g. \"\\\"auto\\\"\"): " + ex.Message, ex);
                }
            }
        }
    }
}
