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
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    Kind = reader.TokenType == JsonTokenType.String ? KindOf(ref reader) : ResponsesEventKind.Other;
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    Delta = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("item_id"u8))
                {
                    reader.Read();
                    ItemId = reader.TokenType == JsonTokenType.String ? ReadItemId(ref reader) : null;
                }
                else if (reader.ValueTextEquals("output_index"u8))
                {
                    reader.Read();
                    OutputIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index) ? index : -1;
                }
                else if (reader.ValueTextEquals("summary_index"u8))
                {
                    reader.Read();
                    SummaryIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index) ? index : -1;
                }
                else if (reader.ValueTextEquals("item"u8) || reader.ValueTextEquals("response"u8))
                {
                    reader.Read();
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (reader.TokenType == JsonTokenType.EndObject) Payload = (start, (int)reader.BytesConsumed - start);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

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
