using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Chat
{
    // Chunks of one Gemini stream repeat their envelope byte for byte: only the first part's text and the cumulative
    // counts in usageMetadata (candidatesTokenCount, totalTokenCount) change from one chunk to the next. Tokenizing
    // the ~40 tokens around the text was ~80 % of the decode time. So the one-pass reader remembers the last event it
    // read in full: its bytes before and after the text's string, the reader state before that string, and where the
    // counts it read sit in the bytes after. A later event made of the same bytes around a valid string and valid
    // integers in the counts' places has the same tokens as the remembered one, apart from those values: it is valid
    // JSON with the same members in the same places, so reading the string and the integers gives what a full read
    // would. Anything else (another byte anywhere, a count that is not a plain int32, a string that is not one) is
    // read in full, as before, and becomes the remembered event.
    internal sealed partial class GeminiEventDecoder
    {
        // Off only for tests and the paired benchmark that compare it with the full read.
        internal bool RemembersEnvelope { get; set; } = true;

        private Envelope? _envelope;

        /// <summary>Events decoded from the remembered envelope (tests check they exercise it).</summary>
        internal int EnvelopeHits { get; private set; }

        // A stream waiting on the network gives its envelope back (forgotten) to the thread's spare, as the chat-completions
        // reader does with its chunk head: a paused stream holds no copy of its last event (up to 4 KB).
        [ThreadStatic]
        private static Envelope? t_spareEnvelope;

        private Envelope? Remembering => RemembersEnvelope ? _envelope ??= TakeEnvelope() : null;

        /// <summary>Whether the decoder holds a remembered envelope (tests: none while it rests).</summary>
        internal bool HoldsEnvelope => _envelope is not null;

        /// <summary>The stream waits on the network: the remembered event is forgotten and given to the thread's spare.</summary>
        public void Rest()
        {
            if (_envelope is not { } envelope) return;
            _envelope = null;
            envelope.Forget();
            t_spareEnvelope = envelope;
        }

        private static Envelope TakeEnvelope()
        {
            var envelope = t_spareEnvelope ?? new Envelope();
            t_spareEnvelope = null;
            return envelope;
        }

        /// <summary>Decodes an event that repeats the remembered envelope; false (nothing added) when it does not.</summary>
        private bool TryDecodeRepeatedEnvelope(ReadOnlySpan<byte> data, List<ChatStreamUpdate> updates)
        {
            if (!RemembersEnvelope || _envelope is not { } envelope || !envelope.TryRead(data, out string? text, out UsageCounts? usage, out string? finish)) return false;

            // What a full read would add for the same members; the identity is no news: the remembered event carried
            // the same one, and reading it (or having read one before) left the response identified.
            EnvelopeHits++;
            if (text is not null) updates.Add(ChatStreamUpdate.ContentDelta(text));
            if (usage is { } counts) ReportUsage(counts, updates);
            if (!_finished && finish is not null) Finish(GeminiFinishReasons.Map(finish, _calls > 0), updates);
            return true;
        }

        private enum CountField
        {
            Prompt,
            Candidates,
            Total,
            Thoughts,
            Cached,
        }

        private sealed class Envelope
        {
            // Past this an event is not one of the usual small envelopes: not worth keeping a copy.
            private const int MaxLength = 4096;
            private const int MaxCounts = 8;

            // The remembered event without its text's string: the bytes before it, then the bytes after it.
            private byte[] _bytes = Array.Empty<byte>();
            private int _prefixLength;
            private int _restLength;
            private JsonReaderState _state;
            private readonly Count[] _counts = new Count[MaxCounts];
            private int _countCount;
            private string? _finish;
            private UsageCounts? _usage;
            private bool _known;

            // The full read under way: where its first text's string is, and the counts read after it.
            private int _textStart;
            private int _textEnd;
            private JsonReaderState _textState;
            private int _updatesAtStart;
            private int _updatesAfterText;
            private readonly Count[] _pending = new Count[MaxCounts];
            private int _pendingCount;
            private bool _spoiled;

            /// <summary>A full read starts; <paramref name="updates"/> is the count of updates already in the list.</summary>
            public void Start(int updates)
            {
                _textStart = -1;
                _pendingCount = 0;
                _spoiled = false;
                _updatesAtStart = updates;
            }

            /// <summary>Whether a text string read now would be the event's first update (and so can be its text).</summary>
            // Nothing remembered (the bytes' array is kept for reuse).
            public void Forget()
            {
                _known = false;
                _finish = null;
                _usage = null;
            }

            public bool WantsText(int updates) => _textStart < 0 && updates == _updatesAtStart;

            public void Text(int start, JsonReaderState state, int end, int updates)
            {
                _textStart = start;
                _textState = state;
                _textEnd = end;
                _updatesAfterText = updates;
            }

            /// <summary>An int32 count read at <paramref name="start"/>; only those after the text vary.</summary>
            public void CountRead(CountField field, int start, int length)
            {
                if (_textStart < 0) return;
                if (_pendingCount == MaxCounts)
                {
                    _spoiled = true;
                    return;
                }

                _pending[_pendingCount++] = new Count(field, start - _textEnd, length);
            }

            /// <summary>What a repeat of this event could not replay (e.g. a count given twice, where order decides).</summary>
            public void Spoil() => _spoiled = true;

            /// <summary>The full read of <paramref name="data"/> succeeded: remember it if it can be repeated.</summary>
            public void Finish(ReadOnlySpan<byte> data, int updates, string? finish, UsageCounts? usage)
            {
                // Later text parts would be updates of the rest, which a repeat does not replay.
                _known = false;
                if (_textStart < 0 || _spoiled || updates != _updatesAfterText || data.Length - (_textEnd - _textStart) > MaxLength) return;
                _prefixLength = _textStart;
                _restLength = data.Length - _textEnd;
                if (_bytes.Length < _prefixLength + _restLength) _bytes = new byte[Math.Max(_prefixLength + _restLength, 256)];
                data.Slice(0, _prefixLength).CopyTo(_bytes);
                data.Slice(_textEnd).CopyTo(_bytes.AsSpan(_prefixLength));
                _state = _textState;
                Array.Copy(_pending, _counts, _pendingCount);
                _countCount = _pendingCount;
                _finish = finish;
                _usage = usage;
                _known = true;
            }

            /// <summary>Reads an event that repeats the remembered one around its text and counts.</summary>
            public bool TryRead(ReadOnlySpan<byte> data, out string? text, out UsageCounts? usage, out string? finish)
            {
                text = null;
                usage = null;
                finish = null;
                if (!_known || data.Length <= _prefixLength || !data.StartsWith(_bytes.AsSpan(0, _prefixLength))) return false;

                // The string, validated by the reader from the state the remembered event had at the same bytes.
                var reader = new Utf8JsonReader(data.Slice(_prefixLength), isFinalBlock: true, _state);
                try
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                }
                catch (JsonException)
                {
                    return false;
                }

                var rest = data.Slice(_prefixLength + (int)reader.BytesConsumed);
                var remembered = _bytes.AsSpan(_prefixLength, _restLength);
                if (!TryReadCounts(rest, remembered, out usage)) return false;

                if (reader.ValueSpan.Length > 0)
                {
                    try
                    {
                        text = reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        return false; // Invalid UTF-8: the JsonDocument path repairs it.
                    }
                }

                finish = _finish;
                return true;
            }

            // The rest must be the remembered rest with each count replaced by a plain int32 (JSON's -?(0|[1-9][0-9]*)).
            // Each count is followed in the remembered bytes by a delimiter, which the next comparison checks.
            private bool TryReadCounts(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> remembered, out UsageCounts? usage)
            {
                usage = null;
                int prompt = 0, candidates = 0, total = 0;
                int? thoughts = null, cached = null;
                if (_usage is { } known)
                {
                    (prompt, candidates, total, thoughts, cached) = (known.Prompt, known.Candidates, known.Total, known.Thoughts, known.Cached);
                }

                int at = 0, from = 0;
                for (int i = 0; i < _countCount; i++)
                {
                    var count = _counts[i];
                    int literal = count.Start - from;
                    if (rest.Length - at < literal || !rest.Slice(at, literal).SequenceEqual(remembered.Slice(from, literal))) return false;
                    at += literal;
                    if (!TryParseInt32(rest, ref at, out int value)) return false;
                    from = count.Start + count.Length;
                    switch (count.Field)
                    {
                        case CountField.Prompt: prompt = value; break;
                        case CountField.Candidates: candidates = value; break;
                        case CountField.Total: total = value; break;
                        case CountField.Thoughts: thoughts = value; break;
                        default: cached = value; break;
                    }
                }

                if (!rest.Slice(at).SequenceEqual(remembered.Slice(from))) return false;
                if (_usage is not null) usage = new UsageCounts(prompt, candidates, total, thoughts, cached);
                return true;
            }

            private static bool TryParseInt32(ReadOnlySpan<byte> span, ref int at, out int value)
            {
                value = 0;
                int i = at;
                bool negative = i < span.Length && span[i] == (byte)'-';
                if (negative) i++;
                int digits = i;
                long n = 0;
                while (i < span.Length && (uint)(span[i] - '0') <= 9)
                {
                    if (i - digits == 10) return false; // Past int32 either way.
                    n = (n * 10) + (span[i] - '0');
                    i++;
                }

                // No digits, or a leading zero before more digits, is not a JSON number.
                if (i == digits || (span[digits] == (byte)'0' && i - digits > 1)) return false;
                if (negative) n = -n;
                if (n < int.MinValue || n > int.MaxValue) return false;
                value = (int)n;
                at = i;
                return true;
            }

            private readonly struct Count
            {
                public Count(CountField field, int start, int length)
                {
                    Field = field;
                    Start = start;
                    Length = length;
                }

                public CountField Field { get; }

                /// <summary>Where the count starts in the bytes after the text.</summary>
                public int Start { get; }

                public int Length { get; }
            }
        }
    }
}
