using System;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// The leading bytes of a chunk up to a point where reading can resume, and the reader state there.
    /// Chat-completion chunks of one stream repeat their leading members (<c>id</c>, <c>object</c>,
    /// <c>created</c>, <c>model</c>, <c>system_fingerprint</c>…) and the head of their first choice
    /// (<c>"choices":[{"index":0,"delta":{</c>) byte for byte, and those are about half the tokens of a small
    /// chunk; a chunk that starts with the same bytes is read from the resume point on. Identical bytes are
    /// identical tokens, and a point is only remembered where what came before it is known (see
    /// <see cref="ChunkReader"/>), so this changes nothing a full read would see.
    /// </summary>
    internal sealed class ChunkPrefix
    {
        // Past this the prefix is not one of the usual small envelopes: not worth keeping a copy.
        private const int MaxLength = 1024;

        private byte[]? _bytes;

        /// <summary>The prefix length in bytes; 0 when none is known.</summary>
        public int Length { get; private set; }

        /// <summary>The reader state at the resume point.</summary>
        public JsonReaderState State { get; private set; }

        /// <summary>The first choice's index read before the resume point (for the delta point).</summary>
        public int? ChoiceIndex { get; private set; }

        public bool Matches(ReadOnlySpan<byte> data) =>
            Length > 0 && data.Length > Length && data.StartsWith(_bytes.AsSpan(0, Length));

        /// <summary>
        /// Keeps the bytes up to where <paramref name="reader"/> stands: <paramref name="before"/> (what precedes the
        /// reader's span in the chunk) followed by the part of <paramref name="data"/> it consumed.
        /// </summary>
        public void Remember(ReadOnlySpan<byte> before, ReadOnlySpan<byte> data, ref Utf8JsonReader reader, int? choiceIndex)
        {
            int consumed = (int)reader.BytesConsumed;
            int length = before.Length + consumed;
            if (length > MaxLength)
            {
                Length = 0;
                return;
            }

            if (_bytes is null || _bytes.Length < length) _bytes = new byte[length];
            before.CopyTo(_bytes);
            data.Slice(0, consumed).CopyTo(_bytes.AsSpan(before.Length));
            Length = length;
            State = reader.CurrentState;
            ChoiceIndex = choiceIndex;
        }
    }
}
