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
        // The last item id read, kept as bytes and string: every delta of an item repeats it (a ~56-character id).
        private byte[] _itemIdUtf8 = Array.Empty<byte>();
        private string? _itemId;

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
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An event must be a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                switch (MemberOf(ref reader))
                {
                    case Member.Type:
                        reader.Read();
                        Kind = reader.TokenType == JsonTokenType.String ? KindOf(ref reader) : ResponsesEventKind.Other;
                        break;
                    case Member.Delta:
                        reader.Read();
                        Delta = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
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
                        if (reader.TokenType == JsonTokenType.EndObject) Payload = (start, (int)reader.BytesConsumed - start);
                        break;
                    }

                    default:
                        reader.Read();
                        reader.Skip();
                        break;
                }
            }
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
