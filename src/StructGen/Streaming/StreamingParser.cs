using System;
using System.Text;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming
{
    /// <summary>
    /// Turns JSON text that arrives in pieces into typed partial objects and, at the end, the final
    /// validated value. Usable with any client library: feed deltas, read <see cref="Current"/>,
    /// call <see cref="Complete"/>.
    /// </summary>
    /// <remarks>
    /// Each delta is examined once; nothing is re-parsed. After each <see cref="Append(ReadOnlySpan{char})"/>
    /// at most one new partial is published, and only when something visible changed. Published
    /// partials are immutable and may be kept; unchanged parts are shared between them.
    /// </remarks>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed class StreamingParser<T, TPartial> : IPartialParser
        where TPartial : class
    {
        private readonly PartialNode<T, TPartial> _root;
        private readonly NodeTokenDispatcher _dispatcher;
        private readonly JsonStreamTokenizer _tokenizer;
        private LenientJsonInput _input; // a struct mutated in place: not readonly
        private readonly ParserText _text = new ParserText(); // everything received: Text, a failure's RawText, and the characters of string values
        private int _tokenized; // how much of _text the tokenizer has been given (see Apply)
        private Decoder? _utf8;
        private char[]? _utf8Chars;
        private StructuredOutputException? _fault;

        /// <summary>Creates a parser that assembles values into <paramref name="root"/> (a generated node).</summary>
        /// <param name="root">The root node of a generated deserializer.</param>
        /// <param name="options">What text around the document is tolerated; <see cref="StreamingParserOptions.Default"/> when null.</param>
        public StreamingParser(PartialNode<T, TPartial> root, StreamingParserOptions? options = null)
        {
            _root = root ?? throw new ArgumentNullException(nameof(root));
            _dispatcher = new NodeTokenDispatcher(root) { Source = _text };
            _tokenizer = new JsonStreamTokenizer(_dispatcher);
            _input = new LenientJsonInput(options ?? StreamingParserOptions.Default);
        }

        /// <summary>The latest published partial, or <see langword="null"/> before anything visible arrived.</summary>
        public TPartial? Current { get; private set; }

        /// <inheritdoc />
        object? IPartialParser.CurrentPartial => Current;

        /// <inheritdoc />
        object? IPartialParser.Complete() => Complete();

        /// <summary>
        /// Told each accepted change token by token, for transports that send changes rather than
        /// snapshots (StructGen.AspNetCore's patch stream). Set it before the first delta.
        /// </summary>
        public IPartialValueObserver? ValueObserver
        {
            get => _dispatcher.Observer;
            set
            {
                _dispatcher.Observer = value;
                _root.IsObserved = value is not null;
            }
        }

        /// <summary>How many partials have been published.</summary>
        public int PublishedCount { get; private set; }

        /// <summary>The text received so far.</summary>
        public string Text => _text.ToString();

        /// <summary>Whether the top-level JSON value has closed (in the text read so far: every <see cref="Append(ReadOnlySpan{char})"/> reads its delta).</summary>
        public bool IsDocumentComplete => _tokenizer.IsDocumentComplete;

        /// <summary>The root node, for generated element-streaming hooks.</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public PartialNode<T, TPartial> Root => _root;

        /// <summary>Consumes the next text delta.</summary>
        /// <returns><see langword="true"/> when a new partial was published to <see cref="Current"/>.</returns>
        /// <exception cref="StructuredOutputException">The text so far cannot become a valid value.</exception>
        public bool Append(string? delta) => Append(delta.AsSpan());

        /// <summary>Consumes the next text delta.</summary>
        /// <returns><see langword="true"/> when a new partial was published to <see cref="Current"/>.</returns>
        /// <exception cref="StructuredOutputException">The text so far cannot become a valid value.</exception>
        public bool Append(ReadOnlySpan<char> delta)
        {
            Apply(delta);
            Tokenize();
            return Publish();
        }

        /// <summary>
        /// Keeps a delta without reading it yet: a publication policy that batches deltas applies several, then
        /// calls <see cref="PublishPending"/> once, and the tokenizer reads them all in one pass (one call per block
        /// of text instead of one per delta, which costs more than the characters of a short delta). An error in
        /// the text is therefore thrown by the next <see cref="HasPendingChanges"/>, <see cref="PublishPending"/> or
        /// <see cref="Complete"/>, not by this call.
        /// </summary>
        internal void Apply(ReadOnlySpan<char> delta)
        {
            ThrowIfFaulted();
            if (delta.IsEmpty) return;
            _text.Append(delta);
        }

        /// <summary>Whether applied deltas changed something visible that no published partial shows yet (reads them first).</summary>
        /// <exception cref="StructuredOutputException">The text so far cannot become a valid value.</exception>
        internal bool HasPendingChanges
        {
            get
            {
                if (_fault is not null) return false;
                Tokenize();
                return _root.HasChanges;
            }
        }

        /// <summary>Publishes one partial for everything applied since the last one, if something visible changed.</summary>
        /// <exception cref="StructuredOutputException">The text so far cannot become a valid value.</exception>
        internal bool PublishPending()
        {
            if (_fault is not null) return false;
            Tokenize();
            return Publish();
        }

        // Hands the text applied since the last call to the tokenizer, a block at a time.
        /// <summary>
        /// The stream waits on the network: lets go of what only a busy parser needs (the tokenizer's buffer between
        /// tokens). Deltas already applied stay unread until asked for, as before.
        /// </summary>
        internal void Rest() => _tokenizer.Rest();

        /// <summary>Whether the tokenizer holds its name/number buffer (tests: none while resting between tokens).</summary>
        internal bool HoldsTokenBuffer => _tokenizer.HoldsTokenBuffer;

        private void Tokenize()
        {
            int end = _text.Length;
            if (_tokenized == end) return;
            try
            {
                while (_tokenized < end)
                {
                    var part = _text.PartFrom(_tokenized, end);
                    _tokenized += part.Length;
                    _input.Append(part, _tokenizer, _text);
                }
            }
            catch (StructuredOutputException ex)
            {
                throw Fault(ex);
            }
        }

        /// <summary>Consumes the next UTF-8 encoded delta; multi-byte characters may be split across calls.</summary>
        /// <returns><see langword="true"/> when a new partial was published to <see cref="Current"/>.</returns>
        public bool AppendUtf8(ReadOnlySpan<byte> delta)
        {
            ThrowIfFaulted();
            _utf8 ??= new UTF8Encoding(false, true).GetDecoder();
            int max = Encoding.UTF8.GetMaxCharCount(delta.Length);
            if (_utf8Chars is null || _utf8Chars.Length < max) _utf8Chars = new char[Math.Max(max, 256)];
            int count;
            try
            {
#if NET
                count = _utf8.GetChars(delta, _utf8Chars, flush: false);
#else
                var bytes = delta.ToArray();
                count = _utf8.GetChars(bytes, 0, bytes.Length, _utf8Chars, 0, flush: false);
#endif
            }
            catch (DecoderFallbackException ex)
            {
                throw Fault(new StructuredOutputException(StructuredOutputErrorKind.InvalidJson, null, "valid UTF-8", "an invalid byte sequence", _tokenizer.Offset, ex));
            }

            return Append(new ReadOnlySpan<char>(_utf8Chars, 0, count));
        }

        /// <summary>Signals the end of the text and returns the final, validated value.</summary>
        /// <exception cref="StructuredOutputException">The document is truncated, or a member is missing or invalid.</exception>
        public T Complete()
        {
            ThrowIfFaulted();
            FlushUtf8();
            Tokenize();
            try
            {
                _input.Complete(_tokenizer);
                Publish();
                return _root.GetValue();
            }
            catch (StructuredOutputException ex)
            {
                throw Fault(ex);
            }
        }

        // Bytes of a character that never completed (fed through AppendUtf8) are invalid UTF-8, not a
        // character to drop silently: the decoder holds them until it is told the input ended.
        private void FlushUtf8()
        {
            if (_utf8 is null) return;
            var chars = _utf8Chars ??= new char[256];
            int count;
            try
            {
                count = _utf8.GetChars(Array.Empty<byte>(), 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException ex)
            {
                throw Fault(new StructuredOutputException(StructuredOutputErrorKind.InvalidJson, null, "valid UTF-8", "a truncated multi-byte sequence at the end", _tokenizer.Offset, ex));
            }

            if (count > 0) Append(new ReadOnlySpan<char>(chars, 0, count));
        }

        private bool Publish()
        {
            if (!_root.HasChanges) return false;
            Current = _root.Snapshot();
            PublishedCount++;
            return true;
        }

        private StructuredOutputException Fault(StructuredOutputException ex)
        {
            ex.Path ??= _dispatcher.Current?.Path ?? "$";
            ex.RawText = _text.ToString();
            _fault = ex;
            return ex;
        }

        private void ThrowIfFaulted()
        {
            if (_fault is not null)
            {
                throw new InvalidOperationException("The parser already failed: " + _fault.Message, _fault);
            }
        }
    }
}
