using System;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>The kinds of Responses API stream events the decoder acts on (everything else is skipped).</summary>
    internal enum ResponsesEventKind
    {
        Other,
        Started,
        ItemAdded,
        ItemDone,
        TextDelta,
        RefusalDelta,
        ArgumentsDelta,
        SummaryDelta,
        ReasoningTextDelta,
        Terminal,
        Error,
    }

    /// <summary>
    /// One stream event's top-level members, read in one <see cref="Utf8JsonReader"/> pass into a reused
    /// object. Objects (<c>item</c>, <c>response</c>) are kept as byte ranges and parsed only by the rare
    /// events that need them; the hot text deltas allocate only their text.
    /// </summary>
    internal sealed class ResponsesEvent
    {
        // Past this a head is not the usual small envelope: not worth keeping a copy.
        private const int MaxHeadLength = 256;

        // The last item id read, kept as bytes and string: every delta of an item repeats it (a ~56-character id).
        private byte[] _itemIdUtf8 = Array.Empty<byte>();
        private string? _itemId;

        // The head of the last delta event read, up to its "delta" member name, with the reader state there and the
        // kind its type gave: deltas of one item repeat it byte for byte ({"type":"response.output_text.delta",
        // "content_index":0,"delta":), so an event starting with the same bytes is read from its delta value on.
        // Only remembered when nothing before the delta was read but the type (other members skipped): identical
        // bytes are identical tokens, so a resumed read sees what a full read would.
        private byte[] _head = Array.Empty<byte>();
        private int _headLength;
        private JsonReaderState _headState;
        private ResponsesEventKind _headKind;

        // One per thread for streams that wait on the network: a waiting stream gives its head's array back (Rest).
        [ThreadStatic]
        private static byte[]? t_spareHead;

        /// <summary>Whether a head is remembered (tests: none while the stream rests).</summary>
        internal bool HoldsHead => _head.Length > 0;

        /// <summary>The stream waits on the network: forgets the head and gives its array to the thread's spare.</summary>
        public void Rest()
        {
            if (_head.Length == 0) return;
            t_spareHead = _head;
            _head = Array.Empty<byte>();
            _headLength = 0;
        }

        /// <summary>How many events were read from a remembered head (tests: the resumed path is exercised).</summary>
        internal long HeadHits { get; private set; }

        /// <summary>How many resumed events had their tail read by <see cref="TryReadKnownTail"/> (tests).</summary>
        internal long TailHits { get; private set; }

        public ResponsesEventKind Kind { get; private set; }

        public string? Delta { get; private set; }

        public string? ItemId { get; private set; }

        public int OutputIndex { get; private set; }

        public int SummaryIndex { get; private set; }

        /// <summary>The byte range of the <c>item</c> (item events) or <c>response</c> (lifecycle events) object, or length 0.</summary>
        public (int Start, int Length) Payload { get; private set; }

        public void Read(ReadOnlySpan<byte> data)
        {
            Kind = ResponsesEventKind.Other;
            Delta = null;
            ItemId = null;
            OutputIndex = -1;
            SummaryIndex = -1;
            Payload = default;
            if (_headLength > 0 && data.Length > _headLength && data.StartsWith(_head.AsSpan(0, _headLength)))
            {
                HeadHits++;
                Kind = _headKind;
                var resumed = new Utf8JsonReader(data.Slice(_headLength), isFinalBlock: true, _headState);
                ReadDelta(ref resumed);
                if (TryReadKnownTail(data.Slice(_headLength + (int)resumed.BytesConsumed)))
                {
                    TailHits++;
                    return;
                }

                ReadMembers(ref resumed, data, offset: _headLength, remember: false);
                return;
            }

            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An event must be a JSON object.");
            ReadMembers(ref reader, data, offset: 0, remember: true);
        }

        // offset: where the reader's span starts in the event's data (a resumed read starts after the head).
        private void ReadMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, int offset, bool remember)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = MemberOf(ref reader);
                switch (member)
                {
                    case Member.Type:
                        reader.Read();
                        Kind = reader.TokenType == JsonTokenType.String ? KindOf(ref reader) : ResponsesEventKind.Other;
                        break;
                    case Member.Delta:
                        if (remember) RememberHead(data, ref reader);
                        remember = false;
                        ReadDelta(ref reader);
                        break;
                    case Member.ItemId:
                        reader.Read();
                        ItemId = reader.TokenType == JsonTokenType.String ? ReadItemId(ref reader) : null;
                        break;
                    case Member.OutputIndex:
                        reader.Read();
                        OutputIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int output) ? output : -1;
                        break;
                    case Member.SummaryIndex:
                        reader.Read();
                        SummaryIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int summary) ? summary : -1;
                        break;
                    case Member.Payload:
                    {
                        reader.Read();
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        if (reader.TokenType == JsonTokenType.EndObject) Payload = (offset + start, (int)reader.BytesConsumed - start);
                        break;
                    }

                    default:
                        reader.Read();
                        reader.Skip();
                        break;
                }

                if (member is not (Member.Type or Member.Other)) remember = false;
            }
        }

        // What follows the delta in OpenAI's delta events, byte for byte except the values:
        // ,"item_id":"<the last item id>","logprobs":[],"obfuscation":"<text without escapes>","output_index":<n>,"sequence_number":<n>}
        // About half of each event; read by hand only when it has exactly this shape (the item id the last event had,
        // plain integers, nothing after the closing brace), so the result is what the reader gives, without a token
        // loop over members the decoder skips. Anything else, whitespace included, goes to the reader.
        private bool TryReadKnownTail(ReadOnlySpan<byte> tail)
        {
            if (_itemId is null || !tail.StartsWith(",\"item_id\":\""u8)) return false;
            tail = tail.Slice(",\"item_id\":\"".Length);
            if (!tail.StartsWith(_itemIdUtf8)) return false;
            tail = tail.Slice(_itemIdUtf8.Length);
            if (!tail.StartsWith("\",\"logprobs\":[],\"obfuscation\":\""u8)) return false;
            tail = tail.Slice("\",\"logprobs\":[],\"obfuscation\":\"".Length);
            int close = tail.IndexOfAny((byte)'"', (byte)'\\');
            if (close < 0 || tail[close] != (byte)'"' || !IsPlainAscii(tail.Slice(0, close))) return false;
            tail = tail.Slice(close + 1);
            if (!tail.StartsWith(",\"output_index\":"u8)) return false;
            tail = tail.Slice(",\"output_index\":".Length);
            if (!TryReadInteger(ref tail, out int outputIndex) || !tail.StartsWith(",\"sequence_number\":"u8)) return false;
            tail = tail.Slice(",\"sequence_number\":".Length);
            if (!TryReadInteger(ref tail, out _) || tail.Length != 1 || tail[0] != (byte)'}') return false;
            ItemId = _itemId;
            OutputIndex = outputIndex;
            return true;
        }

        // Printable ASCII only: the reader rejects raw control characters and invalid UTF-8 in a string, and anything
        // else is left to it rather than validated twice.
        private static bool IsPlainAscii(ReadOnlySpan<byte> text)
        {
            foreach (byte b in text)
            {
                if (b < 0x20 || b >= 0x7F) return false;
            }

            return true;
        }

        // A non-negative JSON integer of at most 9 digits (no sign, fraction or exponent; no leading zero), which
        // always fits an int.
        private static bool TryReadInteger(ref ReadOnlySpan<byte> text, out int value)
        {
            value = 0;
            int digits = 0;
            while (digits < text.Length && (uint)(text[digits] - '0') <= 9) digits++;
            if (digits == 0 || digits > 9 || (digits > 1 && text[0] == (byte)'0')) return false;
            if (digits < text.Length && text[digits] is (byte)'.' or (byte)'e' or (byte)'E') return false;
            for (int i = 0; i < digits; i++) value = (value * 10) + (text[i] - '0');
            text = text.Slice(digits);
            return true;
        }

        private void ReadDelta(ref Utf8JsonReader reader)
        {
            reader.Read();
            Delta = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }

        private void RememberHead(ReadOnlySpan<byte> data, ref Utf8JsonReader reader)
        {
            int length = (int)reader.BytesConsumed;
            if (length > MaxHeadLength) return;
            if (_head.Length < length)
            {
                var spare = t_spareHead;
                if (spare is not null && spare.Length >= length) t_spareHead = null;
                else spare = new byte[Math.Max(length, 96)];
                _head = spare;
            }

            data.Slice(0, length).CopyTo(_head);
            _headLength = length;
            _headState = reader.CurrentState;
            _headKind = Kind;
        }

        private enum Member
        {
            Other,
            Type,
            Delta,
            ItemId,
            OutputIndex,
            SummaryIndex,
            Payload,
        }

        // A delta event has four members the decoder skips (content_index, logprobs, obfuscation, sequence_number):
        // one length switch and one byte comparison per member, not a chain of ValueTextEquals for each.
        private static Member MemberOf(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped) return MemberOf(reader.ValueSpan);

            // An escape spends at most 6 bytes per byte it stands for: a name longer than 6 x 13 bytes escaped is longer
            // than 13 (the longest name here) unescaped, so none of ours; anything shorter fits the buffer.
            if (reader.ValueSpan.Length > 6 * 13) return Member.Other;
            Span<byte> name = stackalloc byte[6 * 13];
            return MemberOf(name.Slice(0, reader.CopyString(name)));
        }

        private static Member MemberOf(ReadOnlySpan<byte> name) => name.Length switch
        {
            4 => name.SequenceEqual("type"u8) ? Member.Type : name.SequenceEqual("item"u8) ? Member.Payload : Member.Other,
            5 => name.SequenceEqual("delta"u8) ? Member.Delta : Member.Other,
            7 => name.SequenceEqual("item_id"u8) ? Member.ItemId : Member.Other,
            8 => name.SequenceEqual("response"u8) ? Member.Payload : Member.Other,
            12 => name.SequenceEqual("output_index"u8) ? Member.OutputIndex : Member.Other,
            13 => name.SequenceEqual("summary_index"u8) ? Member.SummaryIndex : Member.Other,
            _ => Member.Other,
        };

        /// <summary>The item id, as the same instance while it repeats the last one (escaped ids are always read anew).</summary>
        private string ReadItemId(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped) return reader.GetString()!;
            var bytes = reader.ValueSpan;
            if (_itemId is not null && bytes.SequenceEqual(_itemIdUtf8)) return _itemId;
            var id = reader.GetString()!;
            _itemIdUtf8 = bytes.ToArray();
            _itemId = id;
            return id;
        }

        private static ResponsesEventKind KindOf(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("response.output_text.delta"u8)) return ResponsesEventKind.TextDelta;
            if (reader.ValueTextEquals("response.function_call_arguments.delta"u8)) return ResponsesEventKind.ArgumentsDelta;
            if (reader.ValueTextEquals("response.reasoning_summary_text.delta"u8)) return ResponsesEventKind.SummaryDelta;
            if (reader.ValueTextEquals("response.reasoning_text.delta"u8)) return ResponsesEventKind.ReasoningTextDelta;
            if (reader.ValueTextEquals("response.refusal.delta"u8)) return ResponsesEventKind.RefusalDelta;
            if (reader.ValueTextEquals("response.output_item.added"u8)) return ResponsesEventKind.ItemAdded;
            if (reader.ValueTextEquals("response.output_item.done"u8)) return ResponsesEventKind.ItemDone;
            if (reader.ValueTextEquals("response.created"u8) || reader.ValueTextEquals("response.in_progress"u8) || reader.ValueTextEquals("response.queued"u8))
            {
                return ResponsesEventKind.Started;
            }

            if (reader.ValueTextEquals("response.completed"u8) || reader.ValueTextEquals("response.incomplete"u8) || reader.ValueTextEquals("response.failed"u8))
            {
                return ResponsesEventKind.Terminal;
            }

            return reader.ValueTextEquals("error"u8) ? ResponsesEventKind.Error : ResponsesEventKind.Other;
        }
    }
}
