using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    // The common event, read in one Utf8JsonReader pass without a JsonDocument: one candidate whose parts carry only
    // text, usage, ids, a finish reason. Anything else (an error, a function call, a thought, a signature, several
    // candidates, a blocked prompt, invalid JSON or UTF-8) is left to the JsonDocument path, which owns the
    // semantics and the error messages; this path gives the same updates in the same order for what it accepts.
    internal sealed partial class GeminiEventDecoder
    {
        // Text deltas go straight into the list; on a decline the caller removes everything this path added.
        private bool TryDecodeTextEvent(ReadOnlySpan<byte> data, List<ChatStreamUpdate> updates)
        {
            int first = updates.Count;
            string? id = null, model = null, finish = null;
            UsageCounts? usage = null;
            bool hasCandidate = false;
            try
            {
                var reader = new Utf8JsonReader(data);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                while (NextMember(ref reader))
                {
                    if (reader.ValueTextEquals("candidates"u8))
                    {
                        if (!ReadCandidates(ref reader, ref finish, ref hasCandidate, updates)) return false;
                    }
                    else if (reader.ValueTextEquals("usageMetadata"u8))
                    {
                        reader.Read();
                        if (usage is not null) return false; // A repeated member: which one wins is the JsonDocument path's call.
                        if (reader.TokenType == JsonTokenType.StartObject) usage = ReadUsage(ref reader);
                        else reader.Skip();
                    }
                    else if (reader.ValueTextEquals("responseId"u8))
                    {
                        if (!ReadIdentity(ref reader, ref id)) return false;
                    }
                    else if (reader.ValueTextEquals("modelVersion"u8))
                    {
                        if (!ReadIdentity(ref reader, ref model)) return false;
                    }
                    else if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("promptFeedback"u8))
                    {
                        return false;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                // Reading to the end validates the whole document, as JsonDocument.Parse would.
                if (reader.Read()) return false;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                // A string read here is not valid UTF-8: the JsonDocument path repairs it (U+FFFD). The reader does not
                // validate UTF-8 in strings it only skips or compares, and repairing those changes nothing read here.
                return false;
            }

            // A candidate without a finish reason and no candidate at all are both fine here: no promptFeedback was seen.
            // The identity precedes this event's text, though it is usually the last member on the wire.
            if (!_identified && (id is not null || model is not null))
            {
                _identified = true;
                updates.Insert(first, ChatStreamUpdate.ResponseStarted(id, model));
            }

            if (usage is { } counts) ReportUsage(counts, updates);
            if (!_finished && finish is not null) Finish(GeminiFinishReasons.Map(finish, _calls > 0), updates);
            return true;
        }

        /// <summary>Reads a string member only while the response is still unidentified (later events repeat it).</summary>
        private bool ReadIdentity(ref Utf8JsonReader reader, ref string? value)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (!_identified) value = reader.GetString();
                return true;
            }

            reader.Skip();
            return true;
        }

        private bool ReadCandidates(ref Utf8JsonReader reader, ref string? finish, ref bool hasCandidate, List<ChatStreamUpdate> updates)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return true;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Several candidates (or a non-object one) need the JsonDocument path's choice of candidate 0.
                if (hasCandidate || reader.TokenType != JsonTokenType.StartObject) return false;
                hasCandidate = true;
                while (NextMember(ref reader))
                {
                    if (reader.ValueTextEquals("content"u8))
                    {
                        if (!ReadContent(ref reader, updates)) return false;
                    }
                    else if (reader.ValueTextEquals("finishReason"u8))
                    {
                        if (finish is not null) return false;
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String) finish = reader.GetString();
                        else reader.Skip();
                    }
                    else if (reader.ValueTextEquals("index"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number && (!reader.TryGetInt32(out int index) || index != 0)) return false;
                        reader.Skip();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }

            return true;
        }

        private static bool ReadContent(ref Utf8JsonReader reader, List<ChatStreamUpdate> updates)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return true;
            }

            while (NextMember(ref reader))
            {
                if (!reader.ValueTextEquals("parts"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip(); // Not an object: the JsonDocument path ignores such a part too.
                        continue;
                    }

                    bool seenText = false;
                    while (NextMember(ref reader))
                    {
                        // Only plain text parts here: thoughts, signatures, calls (and repeated members) go the JsonDocument way.
                        if (!reader.ValueTextEquals("text"u8) || seenText) return false;
                        seenText = true;
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String) reader.Skip();
                        else if (reader.ValueSpan.Length > 0) updates.Add(ChatStreamUpdate.ContentDelta(reader.GetString()!));
                    }
                }
            }

            return true;
        }

        private static UsageCounts ReadUsage(ref Utf8JsonReader reader)
        {
            int prompt = 0, candidates = 0, total = 0;
            int? thoughts = null, cached = null;
            while (NextMember(ref reader))
            {
                if (reader.ValueTextEquals("promptTokenCount"u8)) prompt = ReadInt(ref reader) ?? 0;
                else if (reader.ValueTextEquals("candidatesTokenCount"u8)) candidates = ReadInt(ref reader) ?? 0;
                else if (reader.ValueTextEquals("totalTokenCount"u8)) total = ReadInt(ref reader) ?? 0;
                else if (reader.ValueTextEquals("thoughtsTokenCount"u8)) thoughts = ReadInt(ref reader);
                else if (reader.ValueTextEquals("cachedContentTokenCount"u8)) cached = ReadInt(ref reader);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new UsageCounts(prompt, candidates, total, thoughts, cached);
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n)) return n;
            reader.Skip();
            return null;
        }

        /// <summary>Moves to the next member name of the current object; <see langword="false"/> at its end.</summary>
        private static bool NextMember(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;
    }
}
