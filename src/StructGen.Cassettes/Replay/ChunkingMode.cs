using System;
using System.Globalization;

namespace StructGen.Cassettes
{
    /// <summary>
    /// How a replayed response body is cut into reads. A real network hands a client its SSE stream
    /// in pieces; replaying it in pieces is what lets tests exercise the client's incremental code.
    /// </summary>
    public sealed class ChunkingMode
    {
        private readonly Kind _kind;
        private readonly int _size;

        private ChunkingMode(Kind kind, int size)
        {
            _kind = kind;
            _size = size;
        }

        private enum Kind
        {
            EventBoundaries,
            FixedSize,
            WholeBody,
        }

        /// <summary>
        /// Each read returns at most one server-sent event: up to and including the blank line that ends it
        /// (<c>\n\n</c>, <c>\r\n\r\n</c> or <c>\r\r</c>). A body without blank lines is one piece. A binary AWS event
        /// stream (<c>application/vnd.amazon.eventstream</c>) is handed out one whole frame at a time. This is the default.
        /// </summary>
        public static ChunkingMode EventBoundaries { get; } = new ChunkingMode(Kind.EventBoundaries, 0);

        /// <summary>Each read returns as much of the body as the caller's buffer holds.</summary>
        public static ChunkingMode WholeBody { get; } = new ChunkingMode(Kind.WholeBody, 0);

        /// <summary>
        /// The size of each read for a <see cref="FixedSize(int)"/> mode, or <see langword="null"/> for the other modes.
        /// </summary>
        public int? ChunkSize => _kind == Kind.FixedSize ? _size : (int?)null;

        /// <summary>
        /// Each read returns at most <paramref name="bytes"/> bytes, wherever that cuts the text
        /// (inside a UTF-8 sequence, a JSON token or a line break): the harshest framing a client can meet.
        /// </summary>
        /// <param name="bytes">The largest read, at least 1.</param>
        /// <returns>The mode.</returns>
        public static ChunkingMode FixedSize(int bytes)
        {
            if (bytes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A chunk holds at least one byte.");
            }

            return new ChunkingMode(Kind.FixedSize, bytes);
        }

        /// <summary>Describes the mode, e.g. <c>FixedSize(7)</c>.</summary>
        /// <returns>The description.</returns>
        public override string ToString()
        {
            return _kind == Kind.FixedSize ? "FixedSize(" + _size.ToString(CultureInfo.InvariantCulture) + ")" : _kind.ToString();
        }

        /// <summary>
        /// The end (exclusive) of the piece that starts at <paramref name="position"/>; with <paramref name="binaryFrames"/>
        /// (an AWS event stream), an event boundary is the end of a whole frame.
        /// </summary>
        internal int NextBoundary(byte[] body, int position, bool binaryFrames = false)
        {
            switch (_kind)
            {
                case Kind.FixedSize:
                    return (int)Math.Min(body.Length, (long)position + _size);
                case Kind.EventBoundaries:
                    return binaryFrames ? EventStreamFrameBoundary.EndOfFrame(body, position) : SseEventBoundary.EndOfEvent(body, position);
                default:
                    return body.Length;
            }
        }
    }
}
