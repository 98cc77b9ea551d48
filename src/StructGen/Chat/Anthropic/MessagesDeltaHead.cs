using System;
using System.Text.Json;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// The head of the last <c>content_block_delta</c> event read, up to its delta's text member name, with the
    /// reader state there. The deltas of one block repeat that head byte for byte
    /// (<c>{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":</c>): an event that
    /// starts with the same bytes is read from the text value on, with the head's values replayed.
    /// </summary>
    /// <remarks>
    /// Identical bytes are identical tokens, and a head is only remembered when nothing before its end was
    /// read except the values replayed (the event's <c>type</c> and <c>index</c>, the delta's <c>type</c>),
    /// so a resumed read sees exactly what a full read would.
    /// </remarks>
    internal sealed class MessagesDeltaHead
    {
        // Past this the head is not the usual small envelope: not worth keeping a copy.
        private const int MaxLength = 512;

        private byte[] _bytes = Array.Empty<byte>();
        private int _length;

        /// <summary>The reader state just after the delta's text member name.</summary>
        public JsonReaderState State { get; private set; }

        /// <summary>The event's <c>type</c> read in the head.</summary>
        public string? Type { get; private set; }

        /// <summary>The event's <c>index</c> read in the head (-1 when absent).</summary>
        public int Index { get; private set; }

        /// <summary>The delta's <c>type</c> read in the head.</summary>
        public string? DeltaType { get; private set; }

        /// <summary>The head's length in bytes, where a resumed read starts.</summary>
        public int Length => _length;

        // One per thread for streams that wait on the network: a waiting stream gives its head back, forgotten (Rest).
        [ThreadStatic]
        private static MessagesDeltaHead? t_spare;

        /// <summary>A head that remembers nothing: the thread's spare, or a new one.</summary>
        public static MessagesDeltaHead Take()
        {
            var head = t_spare ?? new MessagesDeltaHead();
            t_spare = null;
            return head;
        }

        /// <summary>Forgets <paramref name="head"/> (its array is kept for reuse) and makes it the thread's spare.</summary>
        public static void GiveBack(MessagesDeltaHead head)
        {
            head._length = 0;
            head.Type = null;
            head.DeltaType = null;
            t_spare = head;
        }

        /// <summary>Whether <paramref name="data"/> starts with the remembered head and has more after it.</summary>
        public bool Matches(ReadOnlySpan<byte> data) => _length > 0 && data.Length > _length && data.StartsWith(_bytes.AsSpan(0, _length));

        /// <summary>Keeps <paramref name="data"/> up to where <paramref name="reader"/> stands, with the values read so far.</summary>
        public void Remember(ReadOnlySpan<byte> data, ref Utf8JsonReader reader, MessagesEvent e)
        {
            int length = (int)reader.BytesConsumed;
            if (length > MaxLength)
            {
                _length = 0;
                return;
            }

            if (_bytes.Length < length) _bytes = new byte[Math.Max(length, 128)];
            data.Slice(0, length).CopyTo(_bytes);
            _length = length;
            State = reader.CurrentState;
            Type = e.Type;
            Index = e.Index;
            DeltaType = e.DeltaType;
        }
    }
}
