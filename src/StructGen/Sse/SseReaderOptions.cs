using System;

namespace StructGen.Sse
{
    /// <summary>Limits and buffering for an <see cref="SseReader"/>. Values are copied when the reader is created.</summary>
    internal sealed class SseReaderOptions
    {
        // Array.MaxLength on .NET 6+; a line buffer needs MaxLineBytes + 1 bytes, so the cap stays below it.
        internal const int MaxArrayLength = 0x7FFFFFC7;

        private int _maxLineBytes = 64 * 1024 * 1024;
        private int _maxEventBytes = 64 * 1024 * 1024;
        private int _bufferSize = 16 * 1024;

        /// <summary>
        /// The longest line, in bytes and without its line terminator, the reader accepts (default 64 MiB).
        /// A longer line makes the reader throw <see cref="SseFormatException"/> instead of buffering without bound.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or not below 2,147,483,591.</exception>
        public int MaxLineBytes
        {
            get => _maxLineBytes;
            set => _maxLineBytes = InRange(value, 1, MaxArrayLength - 1);
        }

        /// <summary>
        /// The most data bytes one event may carry once its <c>data</c> lines are joined (default 64 MiB).
        /// Bounds memory for events split over very many <c>data</c> lines, each of which is within
        /// <see cref="MaxLineBytes"/>. A larger event makes the reader throw <see cref="SseFormatException"/>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or not below 2,147,483,591.</exception>
        public int MaxEventBytes
        {
            get => _maxEventBytes;
            set => _maxEventBytes = InRange(value, 1, MaxArrayLength - 1);
        }

        /// <summary>
        /// The largest read buffer kept while events flow (default 16 KiB). The buffer starts at 1 KiB (or this
        /// size, if smaller) and doubles up to this size while reads fill it; it grows further, up to
        /// <see cref="MaxLineBytes"/> + 1, only while a single line does not fit, and shrinks back once that line is
        /// parsed. While the reader waits for data with nothing buffered it holds no buffer at all.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than 2,147,483,591.</exception>
        public int BufferSize
        {
            get => _bufferSize;
            set => _bufferSize = InRange(value, 1, MaxArrayLength);
        }

        /// <summary>
        /// <see langword="true"/> to leave the stream open when the reader is disposed;
        /// <see langword="false"/> (the default) to dispose it with the reader.
        /// </summary>
        public bool LeaveOpen { get; set; }

        private static int InRange(int value, int min, int max)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The value must be between {min} and {max}.");
            }

            return value;
        }
    }
}
