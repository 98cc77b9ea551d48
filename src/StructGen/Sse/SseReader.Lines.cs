using System;
using System.Buffers;
using System.IO;

namespace StructGen.Sse
{
    // Splitting the byte stream into lines: buffer management, line terminators, the BOM and the line cap.
    internal sealed partial class SseReader
    {
        // The first buffer a stream gets (or the configured size, if smaller). Chat events are a few hundred bytes.
        private const int InitialReadSize = 1024;

        private byte[] _buffer;
        private int _readSize;       // the size to rent for reads: doubles, up to _maxReadSize, while reads fill the buffer
        private readonly int _maxReadSize;
        private int _start;          // first byte not yet parsed
        private int _end;            // one past the last byte read
        private int _scanFrom;       // [_start, _scanFrom) is known to hold no CR or LF, so it is never rescanned
        private long _bufferOffset;  // stream offset of _buffer[0], for BytesRead and error positions
        private long _lineNumber;    // lines completed so far
        private bool _eof;
        private bool _bomChecked;
        private bool _skipLeadingLf; // the last line ended with CR: an LF right after it belongs to the same line end

        /// <summary>
        /// Parses the complete lines already buffered until one dispatches an event.
        /// Returns <see langword="false"/> when more bytes are needed (or the stream has ended).
        /// </summary>
        private bool TryDispatchBufferedEvent()
        {
            while (true)
            {
                if (_skipLeadingLf)
                {
                    if (_start == _end)
                    {
                        return false;
                    }

                    _skipLeadingLf = false;
                    if (_buffer[_start] == (byte)'\n')
                    {
                        _start++;
                    }
                }

                if (!_bomChecked && !TrySkipBom())
                {
                    return false;
                }

                int scanFrom = _scanFrom > _start ? _scanFrom : _start;
                int found = new ReadOnlySpan<byte>(_buffer, scanFrom, _end - scanFrom).IndexOfAny((byte)'\r', (byte)'\n');
                if (found < 0)
                {
                    _scanFrom = _end;
                    if (_end - _start > _maxLineBytes)
                    {
                        throw LineTooLong();
                    }

                    return false;
                }

                int lineStart = _start;
                int lineEnd = scanFrom + found;
                if (lineEnd - lineStart > _maxLineBytes)
                {
                    throw LineTooLong();
                }

                _skipLeadingLf = _buffer[lineEnd] == (byte)'\r';
                _start = lineEnd + 1;
                _lineNumber++;
                if (ProcessLine(lineStart, lineEnd - lineStart))
                {
                    return true;
                }
            }
        }

        /// <summary>
        /// Skips a UTF-8 BOM at the very start of the stream. Returns <see langword="false"/> while the buffered
        /// bytes are still a strict prefix of the BOM and more may come.
        /// </summary>
        private bool TrySkipBom()
        {
            ReadOnlySpan<byte> bom = "\uFEFF"u8;
            int available = Math.Min(_end - _start, bom.Length);
            if (!new ReadOnlySpan<byte>(_buffer, _start, available).SequenceEqual(bom.Slice(0, available)))
            {
                _bomChecked = true;
                return true;
            }

            if (available < bom.Length)
            {
                // A truncated BOM at the end of the stream is just the start of an incomplete line.
                _bomChecked = _eof;
                return _eof;
            }

            _start += bom.Length;
            _bomChecked = true;
            return true;
        }

        /// <summary>Makes room at the end of the buffer for the next read.</summary>
        private void PrepareBufferForRead()
        {
            if (_buffer.Length == 0)
            {
                // Given back while idle (or never rented): nothing is buffered.
                _buffer = RentBuffer(_readSize);
                return;
            }

            // Parsed bytes at the front are dropped by moving the unparsed ones down, but only when that is paid
            // for: when nothing is left to move (and no data line is read in place there), or when less than half
            // the buffer is free and at least as many bytes are dropped as moved. Moving the unparsed start of a
            // long line before every small read would cost its length each time (a 600-byte event read 7 bytes at
            // a time moved ~25 KB); a full buffer whose unparsed part outweighs the parsed one grows instead.
            int unparsed = _end - _start;
            if (_start > 0 && ((unparsed == 0 && !_dataInBuffer) || ((_buffer.Length - _end) * 2L < _buffer.Length && _start >= unparsed)))
            {
                Compact();
            }

            if (_end == _buffer.Length)
            {
                // The buffer holds at most one unterminated line of at most _maxLineBytes bytes (longer ones throw),
                // so growing up to _maxLineBytes + 1 is always enough to see the line end or the overflow.
                long doubled = _buffer.Length * 2L;
                Resize((int)Math.Max(_end - _start + 1L, Math.Min(doubled, _maxLineBytes + 1L)));
            }
            else if (_buffer.Length < _readSize)
            {
                // Reads have been filling the buffer: the stream delivers more at a time than it holds.
                Resize(_readSize);
            }
            else if (_buffer.Length > 2L * _readSize && (_end - _start) * 2L <= _readSize)
            {
                // Grown for a long line that has been parsed: give the large array back now, not at the end of the stream.
                Resize(_readSize);
            }
        }

        /// <summary>Moves the unparsed bytes to the front of the buffer.</summary>
        private void Compact()
        {
            // Compaction moves bytes, so a data line still referenced in place must be copied out first.
            SpillDataToAccumulator();
            int unparsed = _end - _start;
            if (unparsed > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, unparsed);
            _bufferOffset += _start;
            _scanFrom = Math.Max(0, _scanFrom - _start);
            _start = 0;
            _end = unparsed;
        }

        /// <summary>Moves the unparsed bytes to the front of an array of at least <paramref name="size"/> bytes.</summary>
        private void Resize(int size)
        {
            SpillDataToAccumulator();
            int unparsed = _end - _start;
            byte[] resized = RentBuffer(Math.Max(size, unparsed));
            Buffer.BlockCopy(_buffer, _start, resized, 0, unparsed);
            GiveBack(_buffer);
            _buffer = resized;
            _bufferOffset += _start;
            _scanFrom = Math.Max(0, _scanFrom - _start);
            _start = 0;
            _end = unparsed;
        }

        /// <summary>
        /// Read-sized buffers come from the shared pool; a buffer grown past <see cref="SseReaderOptions.BufferSize"/>
        /// for a long line comes from the collector and goes back to it, so long lines leave nothing cached in the pool.
        /// </summary>
        private byte[] RentBuffer(int size) => size <= _maxReadSize ? BoundedArrayPool.Rent(size) : BoundedArrayPool.Allocate(size);

        private void GiveBack(byte[] buffer)
        {
            if (buffer.Length > 0 && buffer.Length <= PooledLimit) BoundedArrayPool.Return(buffer);
        }

        // The longest array RentBuffer can take from the pool (the pool rounds requests up to a power of two);
        // collector-allocated buffers are always longer, since they are only made for sizes above _maxReadSize.
        private int PooledLimit => _maxReadSize >= BoundedArrayPool.MaxPooledLength ? BoundedArrayPool.MaxPooledLength : _maxReadSize;

        /// <summary>
        /// Gives the read buffer back while the reader waits for data. Only called with nothing unparsed; a data line
        /// still referenced in the buffer is copied out first.
        /// </summary>
        private void ReleaseIdleBuffer()
        {
            SpillDataToAccumulator();
            _bufferOffset += _end;
            _start = _end = _scanFrom = 0;
            byte[] buffer = _buffer;
            _buffer = Array.Empty<byte>();
            GiveBack(buffer);
        }

        /// <summary>Accounts for <paramref name="read"/> bytes just read into the buffer; 0 marks the end of the stream.</summary>
        private void AcceptRead(int read)
        {
            if (read < 0 || read > _buffer.Length - _end)
            {
                throw new IOException($"The stream's Read returned {read} bytes for a buffer of {_buffer.Length - _end}.");
            }

            if (read == 0)
            {
                // Whatever is pending (an unterminated line, an event without its blank line) is discarded.
                _eof = true;
                return;
            }

            if (read == _buffer.Length - _end && _readSize < _maxReadSize)
            {
                // The read filled the buffer: more was probably waiting. Read in larger pieces from now on.
                _readSize = (int)Math.Min(_maxReadSize, _readSize * 2L);
            }

            _end += read;
        }

        private SseFormatException LineTooLong()
        {
            long lineStartOffset = _bufferOffset + _start;
            long lineNumber = _lineNumber + 1;
            return new SseFormatException(
                $"Server-sent event stream line {lineNumber} (starting at byte offset {lineStartOffset}) is longer than " +
                $"the maximum of {_maxLineBytes} bytes. Either the response is not an event stream or it sends larger " +
                "payloads than allowed; if such lines are expected, raise SseReaderOptions.MaxLineBytes.",
                lineStartOffset,
                lineNumber);
        }
    }
}
