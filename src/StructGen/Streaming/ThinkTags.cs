using System;

namespace StructGen.Streaming
{
    /// <summary>
    /// The one matcher for <c>&lt;think&gt;…&lt;/think&gt;</c> blocks, fed text in pieces that may split
    /// a tag anywhere. Two callers decide where a block may start and what its text becomes: the chat
    /// client routes a leading block to reasoning (<c>ThinkTagSplitter</c>) and the parser skips one
    /// before the document (<see cref="LenientJsonInput"/>). Allocation-free: a partly matched tag is a
    /// count of characters of a known tag, so nothing is copied while waiting for the next piece.
    /// </summary>
    internal struct ThinkTags
    {
        public const string Open = "<think>";
        public const string Close = "</think>";

        private int _matched;

        /// <summary>The characters of the tag being matched so far (held back until the next piece decides).</summary>
        public ReadOnlySpan<char> OpenMatched => Open.AsSpan(0, _matched);

        /// <summary>The characters of a possible <c>&lt;/think&gt;</c> held back at the end of the last piece.</summary>
        public ReadOnlySpan<char> CloseMatched => Close.AsSpan(0, _matched);

        /// <summary>
        /// Continues matching <c>&lt;think&gt;</c> (the caller saw its <c>&lt;</c> or is at a possible start).
        /// <paramref name="used"/> is how much of <paramref name="text"/> belongs to the tag so far.
        /// </summary>
        public TagMatch MatchOpen(ReadOnlySpan<char> text, out int used)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != Open[_matched])
                {
                    used = i;
                    return TagMatch.Mismatch;
                }

                if (++_matched == Open.Length)
                {
                    _matched = 0;
                    used = i + 1;
                    return TagMatch.Complete;
                }
            }

            used = text.Length;
            return TagMatch.Partial;
        }

        /// <summary>Forgets a partly matched tag (after a mismatch has been handled).</summary>
        public void Reset() => _matched = 0;

        /// <summary>
        /// Scans block text for <c>&lt;/think&gt;</c>. <paramref name="blockText"/> is how many characters
        /// at the start of <paramref name="text"/> are certainly inside the block; a possible tag start at
        /// the end is held back (<see cref="CloseMatched"/>). On <see cref="TagMatch.Complete"/>,
        /// <paramref name="used"/> ends just after the tag. When this piece disproves a prefix held back from
        /// the last one, <paramref name="heldBackText"/> is its length: that prefix
        /// (<see cref="ClosePrefix"/>) is block text and comes before the piece's own.
        /// </summary>
        public TagMatch FindClose(ReadOnlySpan<char> text, out int blockText, out int used, out int heldBackText)
        {
            int carried = _matched;
            bool carriedAlive = carried > 0; // the match in progress began in an earlier piece
            heldBackText = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == Close[_matched])
                {
                    if (++_matched < Close.Length) continue;
                    _matched = 0;
                    blockText = carriedAlive ? 0 : i + 1 - Close.Length;
                    used = i + 1;
                    return TagMatch.Complete;
                }

                // Not the tag after all: what matched is text. Only '<' can start the tag again
                // ("</think>" has no other border), so nothing before this character needs re-checking.
                if (carriedAlive)
                {
                    heldBackText = carried;
                    carriedAlive = false;
                }

                _matched = c == '<' ? 1 : 0;
            }

            blockText = text.Length - (carriedAlive ? _matched - carried : _matched);
            used = text.Length;
            return TagMatch.Partial;
        }

        /// <summary>The first <paramref name="length"/> characters of <c>&lt;/think&gt;</c>.</summary>
        public static ReadOnlySpan<char> ClosePrefix(int length) => Close.AsSpan(0, length);
    }

    /// <summary>How far a tag matched.</summary>
    internal enum TagMatch
    {
        /// <summary>The text so far is a prefix of the tag; more is needed.</summary>
        Partial,

        /// <summary>The tag is complete.</summary>
        Complete,

        /// <summary>The text is not the tag.</summary>
        Mismatch,
    }
}
