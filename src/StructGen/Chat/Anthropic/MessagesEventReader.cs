using System;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// Reads one Messages stream event with a single <see cref="Utf8JsonReader"/> pass into a reused
    /// <see cref="MessagesEvent"/>. Unknown members are skipped (the API adds fields and block types).
    /// </summary>
    internal static class MessagesEventReader
    {
        private static readonly KnownStrings EventTypes = new KnownStrings(
            "content_block_delta", "content_block_start", "content_block_stop", "message_start", "message_delta", "message_stop", "ping", "error");

        private static readonly KnownStrings BlockTypes = new KnownStrings("text", "tool_use", "thinking", "redacted_thinking");

        private static readonly KnownStrings DeltaTypes = new KnownStrings("text_delta", "input_json_delta", "thinking_delta", "signature_delta");

        /// <summary>Reads <paramref name="data"/> into <paramref name="e"/>; with a <paramref name="head"/>, resumes after a repeated delta head and remembers new ones.</summary>
        public static void Read(ReadOnlySpan<byte> data, MessagesEvent e, MessagesDeltaHead? head = null)
        {
            e.Reset();
            if (head is not null && head.Matches(data))
            {
                ResumeAtDeltaText(data.Slice(head.Length), e, head);
                return;
            }

            var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An event's data must be a JSON object.");

            // Whether only the values a head replays (type, index) were read so far.
            bool replayable = head is not null;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("type"u8)) e.Type = ReadString(ref reader, EventTypes);
                else if (reader.ValueTextEquals("index"u8)) e.Index = ReadInt(ref reader) ?? -1;
                else if (reader.ValueTextEquals("delta"u8))
                {
                    ReadDelta(ref reader, e, replayable ? head : null, data);
                    replayable = false;
                }
                else
                {
                    replayable = false;
                    ReadMember(ref reader, data, e);
                }
            }
        }

        // The delta's text member name was read by the head: its value, the rest of the delta, the rest of the event.
        private static void ResumeAtDeltaText(ReadOnlySpan<byte> rest, MessagesEvent e, MessagesDeltaHead head)
        {
            e.Type = head.Type;
            e.Index = head.Index;
            e.DeltaType = head.DeltaType;
            var reader = new Utf8JsonReader(rest, isFinalBlock: true, head.State);
            e.DeltaText = ReadString(ref reader);
            while (Next(ref reader)) ReadDeltaMember(ref reader, e);
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("type"u8)) e.Type = ReadString(ref reader, EventTypes);
                else if (reader.ValueTextEquals("index"u8)) e.Index = ReadInt(ref reader) ?? -1;
                else if (reader.ValueTextEquals("delta"u8)) ReadDelta(ref reader, e, head: null, rest);
                else ReadMember(ref reader, rest, e);
            }
        }

        private static void ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, MessagesEvent e)
        {
            if (reader.ValueTextEquals("message"u8)) ReadMessage(ref reader, e);
            else if (reader.ValueTextEquals("content_block"u8)) ReadBlock(ref reader, data, e);
            else if (reader.ValueTextEquals("usage"u8)) ReadUsage(ref reader, e.Usage);
            else Skip(ref reader);
        }

        private static void ReadMessage(ref Utf8JsonReader reader, MessagesEvent e)
        {
            if (!StartObject(ref reader)) return;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("id"u8)) e.MessageId = ReadString(ref reader);
                else if (reader.ValueTextEquals("model"u8)) e.Model = ReadString(ref reader);
                else if (reader.ValueTextEquals("usage"u8)) ReadUsage(ref reader, e.Usage);
                else Skip(ref reader);
            }
        }

        private static void ReadBlock(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, MessagesEvent e)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return;
            }

            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("type"u8)) e.BlockType = ReadString(ref reader, BlockTypes);
                else if (reader.ValueTextEquals("id"u8)) e.BlockId = ReadString(ref reader);
                else if (reader.ValueTextEquals("name"u8)) e.BlockName = ReadString(ref reader);
                else if (reader.ValueTextEquals("text"u8)) e.BlockText = ReadString(ref reader);
                else if (reader.ValueTextEquals("thinking"u8)) e.BlockThinking = ReadString(ref reader);
                else if (reader.ValueTextEquals("signature"u8)) e.BlockSignature = ReadString(ref reader);
                else if (reader.ValueTextEquals("data"u8)) e.BlockData = ReadString(ref reader);
                else if (reader.ValueTextEquals("input"u8)) e.BlockInput = ReadRaw(ref reader, data);
                else Skip(ref reader);
            }
        }

        // With a head: remembers the event up to the text member name when only the delta's type came before it.
        private static void ReadDelta(ref Utf8JsonReader reader, MessagesEvent e, MessagesDeltaHead? head, ReadOnlySpan<byte> data)
        {
            if (!StartObject(ref reader)) return;
            while (Next(ref reader))
            {
                if (head is not null)
                {
                    // Only the first text member, and only when nothing but the delta's type came before it.
                    if (IsDeltaText(ref reader)) head.Remember(data, ref reader, e);
                    if (!reader.ValueTextEquals("type"u8)) head = null;
                }

                ReadDeltaMember(ref reader, e);
            }
        }

        private static bool IsDeltaText(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8) || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("signature"u8);

        private static void ReadDeltaMember(ref Utf8JsonReader reader, MessagesEvent e)
        {
            if (reader.ValueTextEquals("type"u8)) e.DeltaType = ReadString(ref reader, DeltaTypes);
            else if (IsDeltaText(ref reader)) e.DeltaText = ReadString(ref reader);
            else if (reader.ValueTextEquals("stop_reason"u8)) e.StopReason = ReadString(ref reader);
            else Skip(ref reader);
        }

        public static void ReadUsage(ref Utf8JsonReader reader, MessagesUsage usage)
        {
            if (!StartObject(ref reader)) return;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("input_tokens"u8)) usage.InputTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("output_tokens"u8)) usage.OutputTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("cache_read_input_tokens"u8)) usage.CacheReadInputTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("cache_creation_input_tokens"u8)) usage.CacheCreationInputTokens = ReadInt(ref reader);
                else if (reader.ValueTextEquals("output_tokens_details"u8))
                {
                    if (!StartObject(ref reader)) continue;
                    while (Next(ref reader))
                    {
                        if (reader.ValueTextEquals("thinking_tokens"u8)) usage.ThinkingTokens = ReadInt(ref reader);
                        else Skip(ref reader);
                    }
                }
                else Skip(ref reader);
            }
        }

        // Moves to the next property name of the current object; false at its end.
        private static bool Next(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject) return false;
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("Expected a property name, found " + reader.TokenType + ".");
            return true;
        }

        // Reads the value's first token; true when it opens an object (anything else, null included, is skipped).
        private static bool StartObject(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject) return true;
            reader.Skip();
            return false;
        }

        private static void Skip(ref Utf8JsonReader reader)
        {
            reader.Read();
            reader.Skip();
        }

        // Type members repeat on every event: a known value costs a byte comparison, not a new string.
        private static string? ReadString(ref Utf8JsonReader reader, KnownStrings known)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) return known.Get(ref reader);
            reader.Skip();
            return null;
        }

        private static string? ReadString(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
            return null;
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value)) return value;
            reader.Skip();
            return null;
        }

        private static string ReadRaw(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            return Encoding.UTF8.GetString(data.Slice(start, (int)reader.BytesConsumed - start).ToArray());
        }
    }
}
