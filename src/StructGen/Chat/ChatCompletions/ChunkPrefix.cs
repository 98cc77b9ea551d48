using System;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// The bytes of a chunk up to and including its <c>"choices":</c> member name, and the reader state
    /// there. Chat-completion chunks of one stream repeat their leading members (<c>id</c>, <c>object</c>,
    /// <c>created</c>, <c>model</c>, <c>system_fingerprint</c>…) byte for byte, and those are about a third
    /// of the tokens of a small chunk; a chunk that starts with the same bytes is read from "choices" on.
    /// Identical bytes are identical tokens, so this changes nothing a full read would see.
    /// </summary>
    internal sealed class ChunkPrefix
    {
        // Past this the prefix is not one of the usual small envelopes: not worth keeping a copy.
        private const int MaxLength = 1024;

        private byte[]? _bytes;

        /// <summary>The prefix length in bytes; 0 when none is known.</summary>
        public int Length { get; private set; }

        /// <summary>The reader state right after the <c>"choices"</c> property name.</summary>
        public JsonReaderState State { get; private set; }

        public bool Matches(ReadOnlySpan<byte> data) =>
            Length > 0 && data.Length > Length && data.StartsWith(_bytes.AsSpan(0, Length));

        /// <summary>Keeps <paramref name="data"/> up to where <paramref name="reader"/> stands (just read "choices").</summary>
        public void Remember(ReadOnlySpan<byte> data, ref Utf8JsonReader reader)
        {
            int length = (int)reader.BytesConsumed;
            if (length > MaxLength || reader.HasValueSequence)
            {
                Length = 0;
                return;
            }

            if (_bytes is null || _bytes.Length < length) _bytes = new byte[Math.Max(length, 256)];
            data.Slice(0, length).CopyTo(_bytes);
            Length = length;
            State = reader.CurrentState;
        }
    }
}
