using System;
using System.Runtime.CompilerServices;

namespace StructGen.Streaming
{
    internal sealed partial class JsonStreamTokenizer
    {
        private enum EscapeState : byte
        {
            None,
            Backslash,
            Unicode,
        }

        // Scans string content from text[i]; surfaces runs of plain characters in one call each.
        private int ScanString(ReadOnlySpan<char> text, int i)
        {
            while (i < text.Length)
            {
                if (_escape != EscapeState.None)
                {
                    i = ScanEscape(text, i);
                    continue;
                }

                if (_expectLowSurrogate && text[i] != '\\') throw LoneSurrogate(Describe(text[i]), i);

                int runStart = i;
                while (i < text.Length)
                {
                    char c = text[i];
                    if (c == '"' || c == '\\') break;
                    if (c < ' ') throw Syntax("an escaped control character inside a string", Describe(c), at: i);
                    i++;
                }

                bool atEnd = i == text.Length;
                EmitRun(text.Slice(runStart, i - runStart), _offset + i, holdTrailingHighSurrogate: atEnd);
                if (atEnd) return i;

                if (text[i] == '\\')
                {
                    _escape = EscapeState.Backslash;
                    i++;
                    continue;
                }

                // Closing quote.
                EndString();
                return i + 1;
            }

            return i;
        }

        private int ScanEscape(ReadOnlySpan<char> text, int i)
        {
            char c = text[i];
            if (_escape == EscapeState.Backslash)
            {
                if (_expectLowSurrogate && c != 'u') throw LoneSurrogate("'\\" + c + "'", i);
                char decoded;
                switch (c)
                {
                    case '"': decoded = '"'; break;
                    case '\\': decoded = '\\'; break;
                    case '/': decoded = '/'; break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'n': decoded = '\n'; break;
                    case 'r': decoded = '\r'; break;
                    case 't': decoded = '\t'; break;
                    case 'u':
                        _escape = EscapeState.Unicode;
                        _unicodeDigits = 0;
                        _unicodeValue = 0;
                        return i + 1;
                    default:
                        throw Syntax("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", "'\\" + c + "'", at: i);
                }

                _escape = EscapeState.None;
                EmitChar(decoded, _offset + i + 1);
                return i + 1;
            }

            int digit = HexValue(c);
            if (digit < 0) throw Syntax("a hexadecimal digit in a \\u escape", Describe(c), at: i);
            _unicodeValue = (_unicodeValue << 4) | digit;
            if (++_unicodeDigits == 4)
            {
                _escape = EscapeState.None;
                char value = (char)_unicodeValue;

                // As System.Text.Json: an escaped surrogate must be one half of an escaped pair
                // (\uD83D\uDE00); a lone half is not text and is rejected rather than replaced.
                if (_expectLowSurrogate)
                {
                    if (!char.IsLowSurrogate(value)) throw LoneSurrogate(Escape(value), i - 5);
                    _expectLowSurrogate = false;
                }
                else if (char.IsLowSurrogate(value))
                {
                    throw new StructuredOutputException(
                        StructuredOutputErrorKind.InvalidJson, null, "a low surrogate escape only right after a high one (\\uD800-\\uDBFF)", "a lone low surrogate " + Escape(value), _offset + i - 5);
                }
                else if (char.IsHighSurrogate(value))
                {
                    _expectLowSurrogate = true;
                    _highSurrogateEscape = value;
                }

                EmitChar(value, _offset + i + 1);
            }

            return i + 1;
        }

        private StructuredOutputException LoneSurrogate(string actual, int at) => new StructuredOutputException(
            StructuredOutputErrorKind.InvalidJson,
            null,
            "a \\uDC00-\\uDFFF escape completing the surrogate pair started by " + Escape(_highSurrogateEscape),
            actual,
            _offset + at);

        private static string Escape(char c) => "'\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + "'";

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        // The common case (no surrogate held back or to hold back) stays small: the pair handling,
        // which needs a scratch buffer, is out of line. Every chunk is told where its source ends in the
        // text (an offset like Offset), so a consumer that keeps the text can read the value from it.
        private void EmitRun(ReadOnlySpan<char> run, long end, bool holdTrailingHighSurrogate)
        {
            if (run.IsEmpty) return;
            if (_inPropertyName)
            {
                AppendName(run);
                return;
            }

            if (_pendingHighSurrogate != '\0' || (holdTrailingHighSurrogate && char.IsHighSurrogate(run[run.Length - 1])))
            {
                EmitRunAroundSurrogates(run, end, holdTrailingHighSurrogate);
                return;
            }

            _sink.OnStringChunk(run, end);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void EmitRunAroundSurrogates(ReadOnlySpan<char> run, long end, bool holdTrailingHighSurrogate)
        {
            if (_pendingHighSurrogate != '\0')
            {
                // Surface the held high surrogate together with the character after it.
                Span<char> pair = stackalloc char[2];
                pair[0] = _pendingHighSurrogate;
                pair[1] = run[0];
                _pendingHighSurrogate = '\0';
                long pairEnd = end - run.Length + 1;
                run = run.Slice(1);
                if (char.IsHighSurrogate(pair[1]) && run.IsEmpty && holdTrailingHighSurrogate)
                {
                    _sink.OnStringChunk(pair.Slice(0, 1), _pendingHighSurrogateEnd);
                    Hold(pair[1], pairEnd);
                    return;
                }

                _sink.OnStringChunk(pair, pairEnd);
                if (run.IsEmpty) return;
            }

            if (holdTrailingHighSurrogate && char.IsHighSurrogate(run[run.Length - 1]))
            {
                Hold(run[run.Length - 1], end);
                run = run.Slice(0, run.Length - 1);
                end--;
                if (run.IsEmpty) return;
            }

            _sink.OnStringChunk(run, end);
        }

        // A decoded escape (end: where the escape ends in the text).
        private void EmitChar(char c, long end)
        {
            Span<char> scratch = stackalloc char[2];
            scratch[0] = c;
            if (_inPropertyName)
            {
                AppendName(scratch.Slice(0, 1));
                return;
            }

            if (_pendingHighSurrogate != '\0' && !char.IsHighSurrogate(c))
            {
                scratch[0] = _pendingHighSurrogate;
                scratch[1] = c;
                _pendingHighSurrogate = '\0';
                _sink.OnStringChunk(scratch, end);
                return;
            }

            FlushPendingHighSurrogate();
            if (char.IsHighSurrogate(c))
            {
                // Its low half comes with the next escape; surfacing it alone would show invalid text.
                Hold(c, end);
                return;
            }

            scratch[0] = c;
            _sink.OnStringChunk(scratch.Slice(0, 1), end);
        }

        private void Hold(char highSurrogate, long end)
        {
            _pendingHighSurrogate = highSurrogate;
            _pendingHighSurrogateEnd = end;
        }

        private void FlushPendingHighSurrogate()
        {
            if (_pendingHighSurrogate == '\0') return;
            Span<char> held = stackalloc char[1];
            held[0] = _pendingHighSurrogate;
            _pendingHighSurrogate = '\0';
            _sink.OnStringChunk(held, _pendingHighSurrogateEnd);
        }

        private void AppendName(ReadOnlySpan<char> run)
        {
            int needed = _nameLength + run.Length;
            if (needed > MaxPropertyNameLength)
            {
                throw Syntax("a property name of at most " + MaxPropertyNameLength + " characters", "a longer name");
            }

            var chars = _tokenChars ??= TakeTokenChars();
            if (needed > chars.Length)
            {
                Array.Resize(ref _tokenChars, Math.Max(needed, chars.Length * 2));
            }

            run.CopyTo(new Span<char>(_tokenChars!, _nameLength, run.Length));
            _nameLength = needed;
        }

        private void EndString()
        {
            if (_inPropertyName)
            {
                _sink.OnPropertyName(new ReadOnlySpan<char>(_tokenChars, 0, _nameLength));
                _inPropertyName = false;
                _state = State.Colon;
                return;
            }

            FlushPendingHighSurrogate();
            _sink.OnStringEnd();
            ValueEnded();
        }
    }
}
