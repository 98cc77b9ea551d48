using System;

namespace StructGen.Streaming
{
    internal sealed partial class JsonStreamTokenizer
    {
        // Positions in the JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        private enum NumberState : byte
        {
            Minus,
            Zero,
            Integer,
            Dot,
            Fraction,
            ExponentMark,
            ExponentSign,
            Exponent,
        }

        private void StartNumber(char first)
        {
            _numberLength = 0;
            (_tokenChars ??= TakeTokenChars())[_numberLength++] = first;
            _numberState = first == '-' ? NumberState.Minus : first == '0' ? NumberState.Zero : NumberState.Integer;
            _state = State.Number;
        }

        // A number has no terminator of its own: it ends at the first character that cannot extend it,
        // which is why it is only surfaced once that character (or the end of input) arrives.
        private int ScanNumber(ReadOnlySpan<char> text, int i)
        {
            while (i < text.Length)
            {
                char c = text[i];
                NumberState? next = Advance(_numberState, c);
                if (next is null)
                {
                    EndNumber(i);
                    return i;
                }

                if (_numberLength == MaxNumberLength)
                {
                    // Valid JSON, but no C# number type holds it (an integer this long is out of every range, and
                    // a double this long is a model gone astray): not buffered further, reported as out of range.
                    throw new StructuredOutputException(
                        StructuredOutputErrorKind.NumberOutOfRange,
                        path: null,
                        expected: "a number of at most " + MaxNumberLength + " characters",
                        actual: "a longer number starting '" + new string(_tokenChars!, 0, 32) + "…'",
                        offset: _offset + i - _numberLength);
                }

                if (_numberLength == _tokenChars!.Length) Array.Resize(ref _tokenChars, _tokenChars.Length * 2);
                _tokenChars![_numberLength++] = c;
                _numberState = next.Value;
                i++;
            }

            return i;
        }

        private static NumberState? Advance(NumberState state, char c)
        {
            bool digit = c >= '0' && c <= '9';
            switch (state)
            {
                case NumberState.Minus:
                    if (c == '0') return NumberState.Zero;
                    return digit ? NumberState.Integer : null;
                case NumberState.Zero:
                    if (c == '.') return NumberState.Dot;
                    if (c == 'e' || c == 'E') return NumberState.ExponentMark;
                    return null;
                case NumberState.Integer:
                    if (digit) return NumberState.Integer;
                    if (c == '.') return NumberState.Dot;
                    if (c == 'e' || c == 'E') return NumberState.ExponentMark;
                    return null;
                case NumberState.Dot:
                    return digit ? NumberState.Fraction : null;
                case NumberState.Fraction:
                    if (digit) return NumberState.Fraction;
                    if (c == 'e' || c == 'E') return NumberState.ExponentMark;
                    return null;
                case NumberState.ExponentMark:
                    if (c == '+' || c == '-') return NumberState.ExponentSign;
                    return digit ? NumberState.Exponent : null;
                case NumberState.ExponentSign:
                case NumberState.Exponent:
                    return digit ? NumberState.Exponent : null;
                default:
                    return null;
            }
        }

        private void EndNumber(int at)
        {
            if (_numberState is NumberState.Minus or NumberState.Dot or NumberState.ExponentMark or NumberState.ExponentSign)
            {
                throw Syntax("a complete number", "'" + new string(_tokenChars!, 0, _numberLength) + "' followed by something else", at: at);
            }

            _sink.OnNumber(new ReadOnlySpan<char>(_tokenChars, 0, _numberLength));
            ValueEnded();
        }
    }
}
