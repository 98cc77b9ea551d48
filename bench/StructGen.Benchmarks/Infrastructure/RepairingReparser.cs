using System;
using System.Collections.Generic;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// The peers' approach (Vercel AI SDK's <c>fixJson</c>, Instructor, openai-python, LangChain):
    /// on every delta, scan the whole accumulated text, cut it back to the last point where it can be
    /// completed, close open strings, objects and arrays, and hand the result to a full JSON parser.
    /// </summary>
    /// <remarks>
    /// The cut points: inside a string value (closed with a quote, never inside an escape), after a
    /// complete value, after <c>{</c> or <c>[</c>, after a digit of a number. A property name without
    /// its value and a trailing comma are cut off. Partial numbers are shown (<c>195</c> before
    /// <c>1954</c>), as the peers do.
    /// </remarks>
    public sealed class RepairingReparser
    {
        // A plain growing array, not a StringBuilder: its indexer walks chunks and would make this baseline look worse than it is.
        private char[] _text = new char[1024];
        private int _length;
        private readonly List<char> _closers = new List<char>();

        /// <summary>Characters scanned by the repair pass so far (the whole prefix on every delta).</summary>
        public long ScannedChars { get; private set; }

        /// <summary>Characters handed to the JSON parser so far.</summary>
        public long ParsedChars { get; private set; }

        public void Reset()
        {
            _length = 0;
            ScannedChars = 0;
            ParsedChars = 0;
        }

        /// <summary>Appends a delta and returns the repaired text of everything so far, or null when nothing can be shown yet.</summary>
        public string? Append(string delta)
        {
            if (_length + delta.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + delta.Length));
            delta.CopyTo(0, _text, _length, delta.Length);
            _length += delta.Length;
            return Repair();
        }

        /// <summary>The repaired text: the longest completable prefix plus what closes it.</summary>
        public string? Repair()
        {
            int length = _length;
            var text = _text;
            ScannedChars += length;
            _closers.Clear();
            var state = State.Value;
            int literalLeft = 0, unicodeLeft = 0;
            int safeLength = -1, safeDepth = 0;
            bool safeQuote = false;

            void Safe(int at, bool quote, List<char> closers)
            {
                safeLength = at;
                safeDepth = closers.Count;
                safeQuote = quote;
            }

            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                switch (state)
                {
                    case State.Value:
                    case State.ArrayFirst:
                        if (IsSpace(c)) break;
                        if (state == State.ArrayFirst && c == ']')
                        {
                            Close(ref state, i);
                            if (_closers.Count == 0) state = State.Done;
                            Safe(i + 1, false, _closers);
                            break;
                        }

                        if (c == '{') { _closers.Add('}'); state = State.ObjectFirst; Safe(i + 1, false, _closers); }
                        else if (c == '[') { _closers.Add(']'); state = State.ArrayFirst; Safe(i + 1, false, _closers); }
                        else if (c == '"') { state = State.String; Safe(i + 1, true, _closers); }
                        else if (c == '-' || (c >= '0' && c <= '9')) { state = State.Number; if (c != '-') Safe(i + 1, false, _closers); }
                        else if (c == 't' || c == 'n') { state = State.Literal; literalLeft = 3; }
                        else if (c == 'f') { state = State.Literal; literalLeft = 4; }
                        else return null; // Not JSON: the peers would fail here too.
                        break;
                    case State.ObjectFirst:
                    case State.ObjectNext:
                        if (IsSpace(c)) break;
                        if (state == State.ObjectFirst && c == '}') { Close(ref state, i); Safe(i + 1, false, _closers); break; }
                        if (c == '"') state = State.Key;
                        break;
                    case State.Key:
                        if (c == '\\') state = State.KeyEscape;
                        else if (c == '"') state = State.Colon;
                        break;
                    case State.KeyEscape:
                        state = State.Key;
                        break;
                    case State.Colon:
                        if (c == ':') state = State.Value;
                        break;
                    case State.String:
                        if (c == '\\') state = State.Escape;
                        else if (c == '"') { state = State.AfterValue; Safe(i + 1, false, _closers); }
                        else Safe(i + 1, true, _closers);
                        break;
                    case State.Escape:
                        if (c == 'u') { state = State.Unicode; unicodeLeft = 4; }
                        else { state = State.String; Safe(i + 1, true, _closers); }
                        break;
                    case State.Unicode:
                        if (--unicodeLeft == 0) { state = State.String; Safe(i + 1, true, _closers); }
                        break;
                    case State.Number:
                        if (c >= '0' && c <= '9') { Safe(i + 1, false, _closers); break; }
                        if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') break;
                        state = State.AfterValue;
                        i--; // Re-read the delimiter as structure.
                        break;
                    case State.Literal:
                        if (--literalLeft == 0) { state = State.AfterValue; Safe(i + 1, false, _closers); }
                        break;
                    case State.AfterValue:
                        if (IsSpace(c)) break;
                        if (c == ',') state = _closers[_closers.Count - 1] == '}' ? State.ObjectNext : State.Value;
                        else if (c == '}' || c == ']') { Close(ref state, i); Safe(i + 1, false, _closers); }
                        break;
                    case State.Done:
                        break;
                }
            }

            if (safeLength < 0) return null;
            var closers = _closers;
            var result = string.Create(safeLength + (safeQuote ? 1 : 0) + safeDepth, (text, safeLength, safeQuote, safeDepth, closers), static (span, s) =>
            {
                s.text.AsSpan(0, s.safeLength).CopyTo(span);
                int at = s.safeLength;
                if (s.safeQuote) span[at++] = '"';
                for (int d = s.safeDepth - 1; d >= 0; d--) span[at++] = s.closers[d];
            });
            ParsedChars += result.Length;
            return result;
        }

        private void Close(ref State state, int at)
        {
            _closers.RemoveAt(_closers.Count - 1);
            state = _closers.Count == 0 ? State.Done : State.AfterValue;
        }

        private static bool IsSpace(char c) => c == ' ' || c == '\n' || c == '\r' || c == '\t';

        private enum State
        {
            Value,
            ArrayFirst,
            ObjectFirst,
            ObjectNext,
            Key,
            KeyEscape,
            Colon,
            String,
            Escape,
            Unicode,
            Number,
            Literal,
            AfterValue,
            Done,
        }
    }
}
