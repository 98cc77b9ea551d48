using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    // The common event, read in one Utf8JsonReader pass without a JsonDocument: one candidate whose parts carry only
    // text, usage, ids, a finish reason. Anything else (an error, a function call, a thought, a signature, several
    // candidates, a blocked prompt, invalid JSON or UTF-8, an escaped member name) is left to the JsonDocument path, which owns the
    // semantics and the error messages; this path gives the same updates in the same order for what it accepts.
    // An event that repeats the last one read here around its text and counts is read from those alone (Envelope part).
    internal sealed partial class GeminiEventDecoder
    {
        // Text deltas go straight into the list; on a decline the caller removes everything this path added.
        private bool TryDecodeTextEvent(ReadOnlySpan<byte> data, List<ChatStreamUpdate> updates)
        {
            if (TryDecodeRepeatedEnvelope(data, updates)) return true;
            int first = updates.Count;
            var envelope = Remembering;
            envelope?.Start(first);
            string? id = null, model = null, finish = null;
            UsageCounts? usage = null;
            bool hasCandidate = false;
            try
            {
                var reader = new Utf8JsonReader(data);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                for (var name = NextName(ref reader); name != Name.End; name = NextName(ref reader))
                {
                    switch (name)
                    {
                        case Name.Candidates:
                            if (!ReadCandidates(ref reader, ref finish, ref hasCandidate, updates)) return false;
                            break;
                        case Name.UsageMetadata:
                            reader.Read();
                            if (usage is not null) return false; // A repeated member: which one wins is the JsonDocument path's call.
                            if (reader.TokenType != JsonTokenType.StartObject) reader.Skip();
                            else if (ReadUsage(ref reader) is { } read) usage = read;
                            else return false;
                            break;
                        case Name.ResponseId:
                            ReadIdentity(ref reader, ref id);
                            break;
                        case Name.ModelVersion:
                            ReadIdentity(ref reader, ref model);
                            break;
                        case Name.Error:
                        case Name.PromptFeedback:
                        case Name.Escaped:
                            return false;
                        default:
                            reader.Read();
                            reader.Skip();
                            break;
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

            envelope?.Finish(data, updates.Count, finish, usage);

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
        private void ReadIdentity(ref Utf8JsonReader reader, ref string? value)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (!_identified) value = reader.GetString();
                return;
            }

            reader.Skip();
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
                for (var name = NextName(ref reader); name != Name.End; name = NextName(ref reader))
                {
                    switch (name)
                    {
                        case Name.Content:
                            if (!ReadContent(ref reader, updates)) return false;
                            break;
                        case Name.FinishReason:
                            if (finish is not null) return false;
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String) finish = reader.GetString();
                            else reader.Skip();
                            break;
                        case Name.Index:
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.Number && (!reader.TryGetInt32(out int index) || index != 0)) return false;
                            reader.Skip();
                            break;
                        case Name.Escaped:
                            return false;
                        default:
                            reader.Read();
                            reader.Skip();
                            break;
                    }
                }
            }

            return true;
        }

        private bool ReadContent(ref Utf8JsonReader reader, List<ChatStreamUpdate> updates)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return true;
            }

            for (var name = NextName(ref reader); name != Name.End; name = NextName(ref reader))
            {
                if (name == Name.Escaped) return false;
                if (name != Name.Parts)
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
                    for (var member = NextName(ref reader); member != Name.End; member = NextName(ref reader))
                    {
                        // Only plain text parts here: thoughts, signatures, calls (and repeated members) go the JsonDocument way.
                        if (member != Name.Text || seenText) return false;
                        seenText = true;
                        int start = (int)reader.BytesConsumed;
                        var state = reader.CurrentState;
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            reader.Skip();
                            continue;
                        }

                        bool remember = _envelope is { } envelope && envelope.WantsText(updates.Count);
                        if (reader.ValueSpan.Length > 0) updates.Add(ChatStreamUpdate.ContentDelta(reader.GetString()!));
                        if (remember) _envelope!.Text(start, state, (int)reader.BytesConsumed, updates.Count);
                    }
                }
            }

            return true;
        }

        /// <summary>The counts, or null for an escaped member name (the JsonDocument path reads those).</summary>
        private UsageCounts? ReadUsage(ref Utf8JsonReader reader)
        {
            int prompt = 0, candidates = 0, total = 0;
            int? thoughts = null, cached = null;
            int seen = 0;
            for (var name = NextName(ref reader); name != Name.End; name = NextName(ref reader))
            {
                switch (name)
                {
                    case Name.PromptTokenCount:
                        prompt = ReadCount(ref reader, CountField.Prompt, ref seen) ?? 0;
                        break;
                    case Name.CandidatesTokenCount:
                        candidates = ReadCount(ref reader, CountField.Candidates, ref seen) ?? 0;
                        break;
                    case Name.TotalTokenCount:
                        total = ReadCount(ref reader, CountField.Total, ref seen) ?? 0;
                        break;
                    case Name.ThoughtsTokenCount:
                        thoughts = ReadCount(ref reader, CountField.Thoughts, ref seen);
                        break;
                    case Name.CachedContentTokenCount:
                        cached = ReadCount(ref reader, CountField.Cached, ref seen);
                        break;
                    case Name.Escaped:
                        return null;
                    default:
                        reader.Read();
                        reader.Skip();
                        break;
                }
            }

            return new UsageCounts(prompt, candidates, total, thoughts, cached);
        }

        /// <summary>A count's value, told to the envelope being remembered (a count given twice: the last wins, which it cannot replay).</summary>
        private int? ReadCount(ref Utf8JsonReader reader, CountField field, ref int seen)
        {
            int bit = 1 << (int)field;
            if ((seen & bit) != 0) _envelope?.Spoil();
            seen |= bit;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n))
            {
                _envelope?.CountRead(field, (int)reader.TokenStartIndex, reader.ValueSpan.Length);
                return n;
            }

            reader.Skip();
            return null;
        }
    }
}
