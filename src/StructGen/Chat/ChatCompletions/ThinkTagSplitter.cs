using System;
using System.Text;

namespace StructGen.Chat
{
    /// <summary>
    /// Routes a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block of the content to reasoning. Local
    /// servers running reasoning models without a reasoning parser (Ollama, llama.cpp, vLLM, LM Studio)
    /// put the model's thinking in <c>content</c>; left there it would corrupt structured output and
    /// mix thought into the answer. Tags may be split across deltas. Only a block at the very start of
    /// the content (after whitespace) counts: a later <c>&lt;think&gt;</c> is ordinary text.
    /// </summary>
    internal sealed class ThinkTagSplitter
    {
        private const string Open = "<think>";
        private const string Close = "</think>";

        private readonly StringBuilder _pending = new StringBuilder();
        private Phase _phase = Phase.Undecided;

        private enum Phase
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
            switch (_phase)
            {
                case Phase.PassThrough:
                    content = delta;
                    return;
                case Phase.Undecided:
                    _pending.Append(delta);
                    DecideOpening(out content, out reasoning);
                    return;
                case Phase.Thinking:
                    _pending.Append(delta);
                    ReadThinking(out content, out reasoning);
                    return;
                default:
                    content = SkipLeadingWhiteSpace(delta);
                    return;
            }
        }

        /// <summary>At the end of the stream: whatever was held back, as content or reasoning.</summary>
        public void Flush(out string? content, out string? reasoning)
        {
            content = null;
            reasoning = null;
            if (_pending.Length == 0) return;
            if (_phase == Phase.Thinking) reasoning = _pending.ToString();
            else content = _pending.ToString();
            _pending.Clear();
            _phase = Phase.PassThrough;
        }

        private void DecideOpening(out string? content, out string? reasoning)
        {
            content = null;
            reasoning = null;
            int start = 0;
            while (start < _pending.Length && char.IsWhiteSpace(_pending[start])) start++;
            int available = _pending.Length - start;
            int compared = Math.Min(available, Open.Length);
            for (int i = 0; i < compared; i++)
            {
                if (_pending[start + i] != Open[i])
                {
                    content = _pending.ToString();
                    _pending.Clear();
                    _phase = Phase.PassThrough;
                    return;
                }
            }

            if (available < Open.Length) return; // Still a possible "<think>": wait for more.

            SawThinkBlock = true;
            _pending.Remove(0, start + Open.Length);
            _phase = Phase.Thinking;
            ReadThinking(out content, out reasoning);
        }

        private void ReadThinking(out string? content, out string? reasoning)
        {
            content = null;
            reasoning = null;
            string text = _pending.ToString();
            int close = text.IndexOf(Close, StringComparison.Ordinal);
            if (close >= 0)
            {
                reasoning = NullIfEmpty(text.Substring(0, close));
                _pending.Clear();
                _phase = Phase.AfterThinking;
                content = SkipLeadingWhiteSpace(text.Substring(close + Close.Length));
                return;
            }

            // Hold back a tail that could be the start of "</think>"; the rest is reasoning now.
            int keep = PossibleTagStart(text);
            reasoning = NullIfEmpty(text.Substring(0, text.Length - keep));
            _pending.Clear().Append(text, text.Length - keep, keep);
        }

        private static int PossibleTagStart(string text)
        {
            for (int length = Math.Min(Close.Length - 1, text.Length); length > 0; length--)
            {
                if (string.CompareOrdinal(text, text.Length - length, Close, 0, length) == 0) return length;
            }

            return 0;
        }

        private string? SkipLeadingWhiteSpace(string text)
        {
            int i = 0;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) return null;
            _phase = Phase.PassThrough;
            return text.Substring(i);
        }

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    }
}
