using System;
using System.Text;

namespace StructGen.Streaming
{
    /// <summary>
    /// A resumable JSON tokenizer: feed it text in pieces of any size and it pushes tokens to an
    /// <see cref="IJsonTokenSink"/> as soon as they are complete, keeping its state between pieces.
    /// Every input character is examined exactly once, so the total cost is linear in the document
    /// no matter how it is split (unlike <c>Utf8JsonReader</c> with <c>isFinalBlock: false</c>,
    /// which rolls back and rescans an unfinished token on every call).
    /// </summary>
    /// <remarks>
    /// Boundaries may fall anywhere: inside a string, an escape such as <c>\u00e9</c>, between the
    /// halves of a surrogate pair, inside a number or a literal, or between a key and its colon.
    /// String values are surfaced as they arrive, but a trailing high surrogate is held back until
    /// its partner arrives, so a surfaced prefix is always valid UTF-16.
    /// </remarks>
    internal sealed partial class JsonStreamTokenizer
    {
        private const int MaxNumberLength = 1024;
        private const int MaxPropertyNameLength = 64 * 1024;

        private readonly IJsonTokenSink _sink;
        private readonly int _maxDepth;
        private ContainerStack _containers; // a mutable struct: called in place, never copied
        // Encodings are immutable and thread-safe: one for every tokenizer (each keeps its own decoder).
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private Utf8Input? _utf8; // only for byte input, created with its first bytes

        private State _state = State.Value;
        private long _offset;

        // String scanning state (values and property names share it).
        private bool _inPropertyName;
        private EscapeState _escape;
        private int _unicodeDigits;
        private int _unicodeValue;
        private char _pendingHighSurrogate;
        private long _pendingHighSurrogateEnd; // where the held high surrogate's source ends in the text
        private bool _expectLowSurrogate;   // an escaped high surrogate was read: only its escaped low half may follow
        private char _highSurrogateEscape;
        // A property name or a number split across pieces is gathered here; the two never overlap, so one buffer serves both.
        // The characters of a name or number in progress: 16, grown on demand (most are shorter). Given to the thread's
        // spare when the stream rests between tokens (Rest), taken again by the next name or number.
        private char[]? _tokenChars;

        [ThreadStatic]
        private static char[]? t_spareTokenChars;
        private int _nameLength;

        // Number and literal scanning state.
        private NumberState _numberState;
        private int _numberLength;
        private int _literalMatched;
        private JsonLiteral _literal;

        /// <summary>Creates a tokenizer that pushes tokens to <paramref name="sink"/>.</summary>
        /// <param name="sink">Receives the tokens.</param>
        /// <param name="maxDepth">The deepest nesting of objects and arrays accepted (default 256).</param>
        public JsonStreamTokenizer(IJsonTokenSink sink, int maxDepth = 256)
        {
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            if (maxDepth < 1) throw new ArgumentOutOfRangeException(nameof(maxDepth), "The maximum depth must be at least 1.");
            _maxDepth = maxDepth;
        }

        /// <summary>The number of characters consumed so far.</summary>
        public long Offset => _offset;

        /// <summary>Whether a complete top-level value has been read.</summary>
        public bool IsDocumentComplete => _state == State.Done;

        /// <summary>The current nesting depth of open objects and arrays.</summary>
        public int Depth => _containers.Count;

        /// <summary>Consumes the next piece of UTF-8 encoded JSON; multi-byte characters may be split across calls.</summary>
        /// <param name="utf8">The next bytes.</param>
        /// <exception cref="StructuredOutputException">The bytes are not valid UTF-8 or not valid JSON.</exception>
        public void Append(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty) return;
            var input = _utf8 ??= new Utf8Input(StrictUtf8.GetDecoder());
            int needed = StrictUtf8.GetMaxCharCount(utf8.Length);
            if (input.Buffer.Length < needed) input.Buffer = new char[Math.Max(needed, 256)];
            int written;
            try
            {
                written = DecodeUtf8(input.Decoder, utf8, input.Buffer);
            }
            catch (DecoderFallbackException ex)
            {
                throw Syntax("valid UTF-8", "an invalid byte sequence", ex);
            }

            Append(new ReadOnlySpan<char>(input.Buffer, 0, written));
        }

        /// <summary>
        /// The stream waits on the network: unless a name or number is in progress, the token buffer goes to the
        /// thread's spare, so a paused parser holds none (56 B). Appending goes on as before.
        /// </summary>
        public void Rest()
        {
            var chars = _tokenChars;
            if (chars is null || _state == State.Number || (_state == State.String && _inPropertyName)) return;
            _tokenChars = null;
            if (chars.Length <= 64) t_spareTokenChars = chars; // a buffer grown for a long name is left to the collector
        }

        /// <summary>Whether the tokenizer holds a token buffer (tests: none after a rest between tokens).</summary>
        internal bool HoldsTokenBuffer => _tokenChars is not null;

        private char[] TakeTokenChars()
        {
            var chars = t_spareTokenChars ?? new char[16];
            t_spareTokenChars = null;
            return chars;
        }

        /// <summary>Consumes the next piece of JSON text.</summary>
        /// <param name="text">The next characters; may end anywhere.</param>
        /// <exception cref="StructuredOutputException">The text is not valid JSON.</exception>
        public void Append(ReadOnlySpan<char> text) => AppendCore(text, stopAtDocumentEnd: false);

        /// <summary>
        /// Consumes characters until the top-level value closes and returns how many were consumed,
        /// leaving what follows (a closing code fence, say) to the caller.
        /// </summary>
        /// <param name="text">The next characters.</param>
        /// <returns>The number of characters consumed; less than the length once the document is complete.</returns>
        public int AppendUntilDocumentEnd(ReadOnlySpan<char> text) => AppendCore(text, stopAtDocumentEnd: true);

        private int AppendCore(ReadOnlySpan<char> text, bool stopAtDocumentEnd)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (stopAtDocumentEnd && _state == State.Done) break;
                switch (_state)
                {
                    case State.String:
                        i = ScanString(text, i);
                        break;
                    case State.Number:
                        i = ScanNumber(text, i);
                        break;
                    case State.Literal:
                        i = ScanLiteral(text, i);
                        break;
                    default:
                        i = ScanStructural(text, i);
                        break;
                }
            }

            _offset += i;
            return i;
        }

        /// <summary>Signals the end of input: flushes a trailing top-level number and checks the document is whole.</summary>
        /// <exception cref="StructuredOutputException">The document is empty or truncated.</exception>
        public void Complete()
        {
            if (_utf8 is { } input)
            {
                int written;
                try
                {
                    written = FlushUtf8(input.Decoder, input.Buffer);
                }
                catch (DecoderFallbackException ex)
                {
                    throw Syntax("valid UTF-8", "a truncated multi-byte sequence", ex);
                }

                if (written > 0) Append(new ReadOnlySpan<char>(input.Buffer, 0, written));
            }

            if (_state == State.Number && _containers.Count == 0)
            {
                EndNumber(0);
            }

            if (_state == State.Done) return;
            if (_state == State.Value && _containers.Count == 0 && _offset == 0)
            {
                throw Syntax("a JSON value", "an empty document");
            }

            var truncated = Syntax(DescribeExpectation(), "the end of the text");
            throw new StructuredOutputException(StructuredOutputErrorKind.Truncated, null, truncated.Expected, truncated.Actual, _offset);
        }

        private int ScanStructural(ReadOnlySpan<char> text, int i)
        {
            char c = text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return i + 1;

            switch (_state)
            {
                case State.Value:
                    StartValue(c, i);
                    return i + 1;
                case State.ArrayFirst:
                    if (c == ']') { CloseContainer(isObject: false, i); return i + 1; }
                    StartValue(c, i);
                    return i + 1;
                case State.ObjectFirst:
                    if (c == '}') { CloseContainer(isObject: true, i); return i + 1; }
                    if (c == '"') { StartPropertyName(); return i + 1; }
                    throw Syntax("a property name or '}'", Describe(c), at: i);
                case State.ObjectNext:
                    if (c == '"') { StartPropertyName(); return i + 1; }
                    throw Syntax("a property name", Describe(c), at: i);
                case State.Colon:
                    if (c == ':') { _state = State.Value; return i + 1; }
                    throw Syntax("':' after the property name", Describe(c), at: i);
                case State.AfterValue:
                    if (c == ',') { _state = _containers.TopIsObject ? State.ObjectNext : State.Value; return i + 1; }
                    if (c == '}') { CloseContainer(isObject: true, i); return i + 1; }
                    if (c == ']') { CloseContainer(isObject: false, i); return i + 1; }
                    throw Syntax(_containers.TopIsObject ? "',' or '}'" : "',' or ']'", Describe(c), at: i);
                case State.Done:
                    throw Syntax("the end of the document", Describe(c) + " (trailing content after the JSON value)", at: i);
                default:
                    throw new InvalidOperationException("Unexpected tokenizer state " + _state + ".");
            }
        }

        private void StartValue(char c, int i)
        {
            switch (c)
            {
                case '{':
                    Push(isObject: true, i);
                    _sink.OnStartObject();
                    _state = State.ObjectFirst;
                    return;
                case '[':
                    Push(isObject: false, i);
                    _sink.OnStartArray();
                    _state = State.ArrayFirst;
                    return;
                case '"':
                    _inPropertyName = false;
                    _escape = EscapeState.None;
                    _state = State.String;
                    _sink.OnStringStart(_offset + i + 1);
                    return;
                case 't':
                    StartLiteral(JsonLiteral.True);
                    return;
                case 'f':
                    StartLiteral(JsonLiteral.False);
                    return;
                case 'n':
                    StartLiteral(JsonLiteral.Null);
                    return;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        StartNumber(c);
                        return;
                    }

                    throw Syntax("a value", Describe(c), at: i);
            }
        }

        private void Push(bool isObject, int i)
        {
            if (_containers.Count >= _maxDepth)
            {
                throw Syntax("nesting of at most " + _maxDepth + " levels", "a deeper object or array", at: i);
            }

            _containers.Push(isObject);
        }

        private void CloseContainer(bool isObject, int i)
        {
            if (_containers.Count == 0 || _containers.TopIsObject != isObject)
            {
                throw Syntax(_containers.TopIsObject ? "'}'" : "']'", Describe(isObject ? '}' : ']'), at: i);
            }

            _containers.Pop();
            if (isObject) _sink.OnEndObject();
            else _sink.OnEndArray();
            ValueEnded();
        }

        private void ValueEnded() => _state = _containers.Count == 0 ? State.Done : State.AfterValue;

        private void StartPropertyName()
        {
            _inPropertyName = true;
            _nameLength = 0;
            _escape = EscapeState.None;
            _state = State.String;
        }

        private void StartLiteral(JsonLiteral literal)
        {
            _literalMatched = 1;
            _literal = literal;
            _state = State.Literal;
        }

        // The literal being matched, from its kind: a paused tokenizer keeps no reference to it.
        private string LiteralText => _literal switch
        {
            JsonLiteral.True => "true",
            JsonLiteral.False => "false",
            _ => "null",
        };

        private int ScanLiteral(ReadOnlySpan<char> text, int i)
        {
            string literalText = LiteralText;
            while (i < text.Length && _literalMatched < literalText.Length)
            {
                if (text[i] != literalText[_literalMatched])
                {
                    throw Syntax("'" + literalText + "'", Describe(text[i]) + " after '" + literalText.Substring(0, _literalMatched) + "'", at: i);
                }

                _literalMatched++;
                i++;
            }

            if (_literalMatched == literalText.Length)
            {
                _sink.OnLiteral(_literal);
                ValueEnded();
            }

            return i;
        }

        private string DescribeExpectation() => _state switch
        {
            State.String => _inPropertyName ? "the end of a property name" : "the end of a string",
            State.Number => "more digits of a number",
            State.Literal => "the rest of '" + LiteralText + "'",
            State.Colon => "':'",
            State.ObjectFirst or State.ObjectNext => "a property name",
            State.AfterValue => _containers.TopIsObject ? "',' or '}'" : "',' or ']'",
            _ => "a value",
        } + (_containers.Count > 0 ? " (" + _containers.Count + " object/array level(s) still open)" : string.Empty);

        private static string Describe(char c) => c switch
        {
            '\0' => "a NUL character",
            < ' ' => "control character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
            _ => "'" + c + "'",
        };

        private StructuredOutputException Syntax(string expected, string actual, Exception? inner = null, int at = 0)
        {
            long offset = _offset + at;
            return new StructuredOutputException(
                StructuredOutputErrorKind.InvalidJson,
                path: null,
                expected: expected,
                actual: actual,
                offset: offset,
                inner: inner);
        }

        private enum State : byte
        {
            Value,
            ArrayFirst,
            ObjectFirst,
            ObjectNext,
            Colon,
            AfterValue,
            String,
            Number,
            Literal,
            Done,
        }

        // The decoder and buffer of byte input (the parser itself is given characters).
        private sealed class Utf8Input
        {
            public Utf8Input(Decoder decoder) => Decoder = decoder;

            public Decoder Decoder { get; }

            public char[] Buffer { get; set; } = Array.Empty<char>();
        }
    }
}
