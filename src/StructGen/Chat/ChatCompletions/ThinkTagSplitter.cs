using System;
using System.Text;
using StructGen.Streaming;

namespace StructGen.Chat
{
    /// <summary>
    /// Routes a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block of the content to reasoning. Local
    /// servers running reasoning models without a reasoning parser (Ollama, llama.cpp, vLLM, LM Studio)
    /// put the model's thinking in <c>content</c>; left there it would corrupt structured output and
    /// mix thought into the answer. Tags may be split across deltas. Only a block at the very start of
    /// the content (after whitespace) counts: a later <c>&lt;think&gt;</c> is ordinary text.
    /// </summary>
    /// <remarks>
    /// A struct kept in its <see cref="ChunkProcessor"/>'s field and mutated in place (never copy it): one object
    /// fewer per open stream.
    /// </remarks>
    internal struct ThinkTagSplitter
    {
        // Created only for content that starts with whitespace, and dropped once the opening is decided: a stream
        // whose content passes through keeps no builder (~100 B per open stream).
        private StringBuilder? _leadingWhiteSpace;
        private ThinkTags _tags;
        private Phase _phase; // Undecided

        private enum Phase : byte
        {
            Undecided,
            Thinking,
            AfterThinking,
            PassThrough,
        }

        /// <summary>Whether the content began with a think block.</summary>
        public bool SawThinkBlock { get; private set; }

        /// <summary>
        /// Splits one content delta. Either output may be <see langword="null"/> (nothing to emit yet:
        /// a possible tag is held back until the next delta decides it).
        /// </summary>
        public void Split(string delta, out string? content, out string? reasoning)
        {
            content = null;
            reasoning = null;
            if (_phase == Phase.PassThrough)
            {
                content = delta; // the common case: no copy
                return;
            }

            var text = delta.AsSpan();
            if (_phase == Phase.Undecided && !DecideOpening(ref text, out content)) return;
            if (_phase == Phase.Thinking) reasoning = ReadThinking(ref text);
            if (_phase == Phase.AfterThinking) content = SkipLeadingWhiteSpace(text);
        }

        /// <summary>At the end of the stream: whatever was held back, as content or reasoning.</summary>
        public void Flush(out string? content, out string? reasoning)
        {
            content = null;
            reasoning = null;
            if (_phase == Phase.Undecided) content = NullIfEmpty(_leadingWhiteSpace?.ToString() + _tags.OpenMatched.ToString());
            else if (_phase == Phase.Thinking) reasoning = NullIfEmpty(_tags.CloseMatched.ToString());
            _leadingWhiteSpace = null;
            _tags.Reset();
            _phase = Phase.PassThrough;
        }

        // Whitespace, then "<think>" (possibly split) opens a block; anything else makes the whole content
        // pass through unchanged. False while undecided.
        private bool DecideOpening(ref ReadOnlySpan<char> text, out string? content)
        {
            content = null;
            if (_tags.OpenMatched.IsEmpty)
            {
                int start = 0;
                while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
                if (start > 0) (_leadingWhiteSpace ??= new StringBuilder()).Append(text.Slice(0, start).ToString());
                text = text.Slice(start);
                if (text.IsEmpty) return false;
            }

            var matched = _tags.OpenMatched.ToString();
            switch (_tags.MatchOpen(text, out int used))
            {
                case TagMatch.Partial:
                    return false;
                case TagMatch.Complete:
                    SawThinkBlock = true;
                    _leadingWhiteSpace = null;
                    _phase = Phase.Thinking;
                    text = text.Slice(used);
                    return true;
                default:
                    content = _leadingWhiteSpace?.ToString() + matched + text.ToString();
                    _leadingWhiteSpace = null;
                    _tags.Reset();
                    _phase = Phase.PassThrough;
                    return false;
            }
        }

        private string? ReadThinking(ref ReadOnlySpan<char> text)
        {
            var match = _tags.FindClose(text, out int blockText, out int used, out int heldBackText);
            string reasoning = heldBackText == 0
                ? text.Slice(0, blockText).ToString()
                : ThinkTags.ClosePrefix(heldBackText).ToString() + text.Slice(0, blockText).ToString();
            if (match == TagMatch.Complete) _phase = Phase.AfterThinking;
            text = text.Slice(used);
            return NullIfEmpty(reasoning);
        }

        private string? SkipLeadingWhiteSpace(ReadOnlySpan<char> text)
        {
            int i = 0;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) return null;
            _phase = Phase.PassThrough;
            return text.Slice(i).ToString();
        }

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    }
}
