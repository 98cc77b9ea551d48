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
        private Phase _phase = Phase.Leading;
        private int _fenceTicks;
        private long _consumed;

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
                    Phase.Document => _tokenizer.AppendUntilDocumentEnd(text),
                    _ => CheckTrailing(text),
                };
                if (_phase == Phase.Document && _tokenizer.IsDocumentComplete) _phase = Phase.Trailing;
                _consumed += used;
                text = text.Slice(used);
            }
        }

        public void Complete() => _tokenizer.Complete();

        private int SkipLeading(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '{' || c == '[') return StartDocument(i);
                if (_options.AllowLeadingText || IsWhiteSpace(c)) continue;
                if (c == '`' && _options.AllowCodeFence)
                {
                    if (++_fenceTicks == 3)
                    {
                        _phase = Phase.FenceHeader;
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
                if (c == '`' && _options.AllowCodeFence && _fenceTicks < 3)
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
            Document,
            Trailing,
        }
    }
}
