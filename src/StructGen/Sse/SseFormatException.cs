using System;

namespace StructGen.Sse
{
    /// <summary>
    /// Thrown by <see cref="SseReader"/> when the event stream breaks one of the reader's limits,
    /// such as a line longer than <see cref="SseReaderOptions.MaxLineBytes"/>. The message says what
    /// was wrong, where, and which option to change if the input is legitimate.
    /// </summary>
    internal sealed class SseFormatException : FormatException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What was wrong, where, and how to fix it.</param>
        /// <param name="byteOffset">The offset in the stream, in bytes, of the start of the offending line.</param>
        /// <param name="lineNumber">The 1-based number of the offending line.</param>
        public SseFormatException(string message, long byteOffset, long lineNumber)
            : base(message)
        {
            ByteOffset = byteOffset;
            LineNumber = lineNumber;
        }

        /// <summary>The offset in the stream, in bytes (a leading BOM included), of the start of the offending line.</summary>
        public long ByteOffset { get; }

        /// <summary>The 1-based number of the offending line.</summary>
        public long LineNumber { get; }
    }
}
