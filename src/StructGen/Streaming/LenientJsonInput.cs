using System;

namespace StructGen.Streaming
{
    /// <summary>What non-JSON text around the document a <see cref="StreamingParser{T, TPartial}"/> accepts.</summary>
    public sealed class StreamingParserOptions
    {
        /// <summary>The default: whitespace and a Markdown code fence around the document are accepted.</summary>
        public static StreamingParserOptions Default { get; } = new StreamingParserOptions();

        /// <summary>Accept a <c>```json</c> … <c>```</c> fence around the document (default true).</summary>
        public bool AllowCodeFence { get; set; } = true;

        /// <summary>
        /// Skip a <c>&lt;think&gt;…&lt;/think&gt;</c> block before the document (default true): reasoning
        /// models on servers without a reasoning parser put their thinking there. The chat client already
        /// routes such a block to reasoning; this covers text from other sources (an <c>IChatClient</c>,
        /// the OpenAI SDK, your own loop).
        /// </summary>
        public bool AllowThinkBlock { get; set; } = true;

        /// <summary>
        /// Skip any text before the first <c>{</c> and after the document (for models without
        /// structured-output support that chat around the answer). Off by default: a strict provider
        /// never does this, and a stray <c>{</c> in the prose would be taken for the document.
        /// </summary>
        public bool AllowLeadingText { get; set; }
    }

    /// <summary>
    /// Strips what may surround the JSON document (whitespace, a code fence, opt-in leading prose)
    /// as text streams in, passing only the document to the tokenizer. Linear, like the tokenizer.
    /// </summary>
    internal sealed class LenientJsonInput
    {
        private readonly JsonStreamTokenizer _tokenizer;
        private readonly StreamingParserOptions _options;
        private const string ThinkOpen = "<think>";
        private const string ThinkClose = "</think>";
        private Phase _phase = Phase.Leading;
        private int _fenceTicks;
        private int _tagMatched; // characters of "<think>" or "</think>" matched so far (tags may be split)
        private long _consumed;
        private bool _fenceOpened; // a closing fence after the document is accepted only when one opened it

        public LenientJsonInput(JsonStreamTokenizer tokenizer, StreamingParserOptions options)
        {
            _tokenizer = tokenizer;
            _options = options;
        }

        public void Append(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                int used = _phase switch
                {
                    Phase.Leading => SkipLeading(text),
                    Phase.FenceHeader => SkipFenceHeader(text),
                    Phase.ThinkOpening => MatchThinkOpening(text),
                    Phase.Thinking => SkipThinking(text),
                    Phase.Document => _tokenizer.AppendUntilDocumentEnd(text),
                    _ => CheckTrailing(text),
                };
                if (_phase == Phase.Document && _tokenizer.IsDocumentComplete) _phase = Phase.Trailing;
                _consumed += used;
                text = text.Slice(used);
            }
        }

        public void Complete()
        {
            if (_phase is Phase.Thinking or Phase.ThinkOpening)
            {
                throw new StructuredOutputException(StructuredOutputErrorKind.Truncated, "$", "a JSON value after the </think> block", "the end of the text inside a <think> block", _consumed);
            }

            _tokenizer.Complete();
        }

        private int SkipLeading(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '{' || c == '[') return StartDocument(i);
                if (c == '<' && _options.AllowThinkBlock)
                {
                    _phase = Phase.ThinkOpening;
                    _tagMatched = 0;
                    return i;
                }

                if (_options.AllowLeadingText || IsWhiteSpace(c)) continue;
                if (c == '`' && _options.AllowCodeFence)
                {
                    if (++_fenceTicks == 3)
                    {
                        _phase = Phase.FenceHeader;
                        _fenceOpened = true;
                        _fenceTicks = 0;
                        return i + 1;
                    }

                    continue;
                }

                // Not JSON and not allowed: let the tokenizer report it with its position.
                return StartDocument(i);
            }

            return text.Length;
        }

        private int StartDocument(int at)
        {
            _phase = Phase.Document;
            return at;
        }

        // Inside a possible "<think>": on a mismatch the text is not a think block: prose when leading
        // text is allowed, otherwise an error at the '<', as for any other text before the document.
        private int MatchThinkOpening(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != ThinkOpen[_tagMatched])
                {
                    if (_options.AllowLeadingText)
                    {
                        _phase = Phase.Leading; // just prose that started with '<'
                        return i;
                    }

                    throw Trailing("a JSON value", "'" + ThinkOpen.Substring(0, _tagMatched) + text[i] + "' (text before the JSON value)", i - _tagMatched);
                }

                if (++_tagMatched == ThinkOpen.Length)
                {
                    _phase = Phase.Thinking;
                    _tagMatched = 0;
                    return i + 1;
                }
            }

            return text.Length;
        }

        private int SkipThinking(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ThinkClose[_tagMatched])
                {
                    if (++_tagMatched == ThinkClose.Length)
                    {
                        _phase = Phase.Leading;
                        _tagMatched = 0;
                        return i + 1;
                    }
                }
                else
                {
                    _tagMatched = c == ThinkClose[0] ? 1 : 0;
                }
            }

            return text.Length;
        }

        private int SkipFenceHeader(ReadOnlySpan<char> text)
        {
            // The fence's info string ("json") runs to the end of the line.
            int newline = text.IndexOf('\n');
            if (newline < 0) return text.Length;
            _phase = Phase.Leading;
            return newline + 1;
        }

        private int CheckTrailing(ReadOnlySpan<char> text)
        {
            if (_options.AllowLeadingText) return text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsWhiteSpace(c)) continue;
                if (c == '`' && _fenceOpened && _fenceTicks < 3)
                {
                    _fenceTicks++;
                    continue;
                }

                throw Trailing("the end of the document", "'" + c + "' (trailing content after the JSON value)", i);
            }

            return text.Length;
        }

        private StructuredOutputException Trailing(string expected, string actual, int at = 0) =>
            new StructuredOutputException(StructuredOutputErrorKind.InvalidJson, "$", expected, actual, _consumed + at);

        private static bool IsWhiteSpace(char c) => c == ' ' || c == '\n' || c == '\r' || c == '\t';

        private enum Phase
        {
            Leading,
            FenceHeader,
            ThinkOpening,
            Thinking,
            Document,
            Trailing,
        }
    }
}
