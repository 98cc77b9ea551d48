using System;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming
{
    /// <summary>
    /// Strips what may surround the JSON document (whitespace, a code fence, opt-in leading prose)
    /// as text streams in, passing only the document to the tokenizer. Linear, like the tokenizer.
    /// </summary>
    /// <remarks>
    /// A struct kept in its parser's field and mutated in place (never copy it): a paused stream holds one parser, and
    /// an object of its own cost a header and a reference more (~40 B per open stream).
    /// </remarks>
    internal struct LenientJsonInput
    {
        private readonly StreamingParserOptions _options;
        private Phase _phase; // Leading
        private int _fenceTicks;
        private ThinkTags _think; // a "<think>" or "</think>" matched so far (tags may be split)
        private long _consumed;
        private bool _fenceOpened; // a closing fence after the document is accepted only when one opened it

        /// <param name="options">What may surround the document.</param>
        public LenientJsonInput(StreamingParserOptions options)
        {
            _options = options;
        }

        // The tokenizer that receives the document and the text the caller keeps of everything appended (told where the
        // document starts in it) are the parser's: passed in rather than kept twice.
        public void Append(ReadOnlySpan<char> text, JsonStreamTokenizer tokenizer, ParserText? kept)
        {
            // The usual delta lands inside the document: straight to the tokenizer, no phase dispatch.
            if (_phase == Phase.Document)
            {
                int used = tokenizer.AppendUntilDocumentEnd(text);
                _consumed += used;
                if (!tokenizer.IsDocumentComplete) return;
                _phase = Phase.Trailing;
                text = text.Slice(used);
            }

            while (!text.IsEmpty)
            {
                int used = _phase switch
                {
                    Phase.Leading => SkipLeading(text, kept),
                    Phase.FenceHeader => SkipFenceHeader(text),
                    Phase.ThinkOpening => MatchThinkOpening(text),
                    Phase.Thinking => SkipThinking(text),
                    Phase.Document => tokenizer.AppendUntilDocumentEnd(text),
                    _ => CheckTrailing(text),
                };
                if (_phase == Phase.Document && tokenizer.IsDocumentComplete) _phase = Phase.Trailing;
                _consumed += used;
                text = text.Slice(used);
            }
        }

        public void Complete(JsonStreamTokenizer tokenizer)
        {
            if (_phase is Phase.Thinking or Phase.ThinkOpening)
            {
                throw new StructuredOutputException(StructuredOutputErrorKind.Truncated, "$", "a JSON value after the </think> block", "the end of the text inside a <think> block", _consumed);
            }

            tokenizer.Complete();
        }

        private int SkipLeading(ReadOnlySpan<char> text, ParserText? kept)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '{' || c == '[') return StartDocument(i, kept);
                if (c == '<' && _options.AllowThinkBlock)
                {
                    _phase = Phase.ThinkOpening;
                    _think.Reset();
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
                return StartDocument(i, kept);
            }

            return text.Length;
        }

        private int StartDocument(int at, ParserText? kept)
        {
            _phase = Phase.Document;
            if (kept is not null) kept.DocumentStart = checked((int)(_consumed + at));
            return at;
        }

        // Inside a possible "<think>": on a mismatch the text is not a think block: prose when leading
        // text is allowed, otherwise an error at the '<', as for any other text before the document.
        private int MatchThinkOpening(ReadOnlySpan<char> text)
        {
            switch (_think.MatchOpen(text, out int used))
            {
                case TagMatch.Complete:
                    _phase = Phase.Thinking;
                    return used;
                case TagMatch.Partial:
                    return used;
            }

            if (!_options.AllowLeadingText)
            {
                var matched = _think.OpenMatched;
                throw Trailing("a JSON value", "'" + matched.ToString() + text[used] + "' (text before the JSON value)", used - matched.Length);
            }

            _think.Reset();
            _phase = Phase.Leading; // just prose that started with '<'
            return used;
        }

        private int SkipThinking(ReadOnlySpan<char> text)
        {
            // The block's text is skipped: only where it ends matters.
            if (_think.FindClose(text, out _, out int used, out _) == TagMatch.Complete) _phase = Phase.Leading;
            return used;
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

        private enum Phase : byte
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
