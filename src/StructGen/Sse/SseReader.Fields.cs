using System;

namespace StructGen.Sse
{
    // Interpreting lines as fields and dispatching events, per WHATWG HTML "event stream interpretation".
    internal sealed partial class SseReader
    {
        // The event being built. Its data stays in the read buffer (zero copy) while it has exactly one data line
        // that has not been moved by compaction; otherwise it lives in the accumulator.
        private bool _hasData;
        private bool _dataInBuffer;
        private int _dataOffset;
        private int _dataLength;
        // Accumulator capacity kept between events; above it the array is dropped after each event. Larger arrays come
        // from the collector, not the shared pool, so one huge event leaves nothing cached in the pool.
        private const int LargeAccumulatorBytes = 16 * 1024;
        // What only some streams need: event types, multi-line data, ids, retry. A stream of single-line events
        // without those fields (most model APIs) never creates it, and an open stream waiting on the network keeps one
        // reference instead of nine fields.
        private RareFields? _rare;

        private RareFields Rare => _rare ??= new RareFields();

        /// <summary>Where the dispatched event's data is.</summary>
        private enum DataPlace : byte
        {
            None,
            Buffer,
            Accumulator,
        }

        private int _lineStart; // buffer index of the line being interpreted, for error positions

        /// <summary>Clears the previous event's values; they were valid only until this call.</summary>
        private void BeginNextEvent()
        {
            _dispatched = DataPlace.None;
            _rare?.EventType?.Clear();
            if (_rare?.DataAccumulator is { Capacity: > LargeAccumulatorBytes } large)
            {
                // A large multi-line event is over: give its array back instead of holding it for the rest of the stream.
                large.Dispose();
            }
        }

        /// <summary>Interprets one line (terminator excluded). Returns <see langword="true"/> if it dispatched an event.</summary>
        private bool ProcessLine(int lineStart, int lineLength)
        {
            _lineStart = lineStart;
            if (lineLength == 0)
            {
                return DispatchEvent();
            }

            ReadOnlySpan<byte> line = new ReadOnlySpan<byte>(_buffer, lineStart, lineLength);
            if (line[0] == (byte)':')
            {
                return false; // A comment, typically a keep-alive.
            }

            int colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                ProcessField(line, lineStart + lineLength, 0); // A field name alone has an empty value.
                return false;
            }

            int valueStart = colon + 1;
            if (valueStart < lineLength && line[valueStart] == (byte)' ')
            {
                valueStart++; // Exactly one space after the colon is syntax, not value.
            }

            ProcessField(line.Slice(0, colon), lineStart + valueStart, lineLength - valueStart);
            return false;
        }

        private void ProcessField(ReadOnlySpan<byte> name, int valueOffset, int valueLength)
        {
            ReadOnlySpan<byte> value = new ReadOnlySpan<byte>(_buffer, valueOffset, valueLength);
            if (name.SequenceEqual("data"u8))
            {
                AppendData(valueOffset, valueLength);
            }
            else if (name.SequenceEqual("event"u8))
            {
                (Rare.PendingEventType ??= new PooledByteBuffer()).Set(value);
            }
            else if (name.SequenceEqual("id"u8))
            {
                if (value.IndexOf((byte)0) < 0)
                {
                    var rare = Rare;
                    (rare.IdBuffer ??= new PooledByteBuffer()).Set(value);
                    rare.IdBufferSet = true;
                }
            }
            else if (name.SequenceEqual("retry"u8))
            {
                ApplyRetry(value);
            }

            // Any other field name is ignored, as the spec requires.
        }

        private void AppendData(int valueOffset, int valueLength)
        {
            if (!_hasData)
            {
                EnsureEventFits(valueLength);
                _hasData = true;
                _dataInBuffer = true;
                _dataOffset = valueOffset;
                _dataLength = valueLength;
                return;
            }

            // A second data line: the joined value cannot be a slice of the buffer any more.
            SpillDataToAccumulator();
            var accumulator = Accumulator();
            EnsureEventFits(accumulator.Length + 1L + valueLength);
            accumulator.Append((byte)'\n');
            accumulator.Append(new ReadOnlySpan<byte>(_buffer, valueOffset, valueLength));
        }

        /// <summary>Moves an in-place data line into the accumulator before the read buffer changes under it.</summary>
        private void SpillDataToAccumulator()
        {
            if (_dataInBuffer)
            {
                Accumulator().Set(new ReadOnlySpan<byte>(_buffer, _dataOffset, _dataLength));
                _dataInBuffer = false;
            }
        }

        private PooledByteBuffer Accumulator() => Rare.DataAccumulator ??= new PooledByteBuffer(LargeAccumulatorBytes);

        private void EnsureEventFits(long dataLength)
        {
            if (dataLength > _maxEventBytes)
            {
                throw new SseFormatException(
                    $"Server-sent event data grew longer than the maximum of {_maxEventBytes} bytes at line {_lineNumber} " +
                    $"(starting at byte offset {_bufferOffset + _lineStart}). " +
                    "Either the response is not an event stream or it sends larger events than allowed; if such events " +
                    "are expected, raise SseReaderOptions.MaxEventBytes.",
                    _bufferOffset + _lineStart,
                    _lineNumber);
            }
        }

        private void ApplyRetry(ReadOnlySpan<byte> value)
        {
            if (value.IsEmpty)
            {
                return;
            }

            long milliseconds = 0;
            foreach (byte b in value)
            {
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return; // Only ASCII digits are a valid retry; anything else leaves it unchanged.
                }

                milliseconds = Math.Min(int.MaxValue, (milliseconds * 10) + (b - '0'));
            }

            Rare.RetryMilliseconds = (int)milliseconds;
        }

        /// <summary>Handles a blank line. Returns <see langword="true"/> if an event was dispatched.</summary>
        private bool DispatchEvent()
        {
            CommitLastEventId();

            if (!_hasData)
            {
                // No data: nothing is dispatched and the event type is reset.
                _rare?.PendingEventType?.Clear();
                return false;
            }

            // The accumulator joins lines with a leading "\n" instead of a trailing one, so there is none to remove.
            if (_dataInBuffer)
            {
                _dispatched = DataPlace.Buffer;
            }
            else
            {
                _dispatched = DataPlace.Accumulator;
                _dataOffset = 0;
                _dataLength = Accumulator().Length;
            }

            // Swap rather than copy: the pending type becomes current and the old current is reused.
            if (_rare is { } rare)
            {
                (rare.EventType, rare.PendingEventType) = (rare.PendingEventType, rare.EventType);
                rare.PendingEventType?.Clear();

                // Clearing keeps the accumulator's bytes in place, so Data stays valid until the next read.
                rare.DataAccumulator?.Clear();
            }

            _hasData = false;
            _dataInBuffer = false;
            return true;
        }

        /// <summary>Sets LastEventId from the last event ID buffer, allocating a string only when it changed.</summary>
        private void CommitLastEventId()
        {
            if (_rare is not { IdBufferSet: true } rare)
            {
                return;
            }

            var id = rare.IdBuffer!;
            var committed = rare.CommittedIdBytes ??= new PooledByteBuffer();
            if (rare.LastEventId is null || !committed.Span.SequenceEqual(id.Span))
            {
                rare.LastEventId = id.Length == 0
                    ? string.Empty
                    : System.Text.Encoding.UTF8.GetString(id.BackingArray, 0, id.Length);
                committed.Set(id.Span);
            }
        }
    
        /// <summary>The reader's state that only streams with event types, multi-line data, ids or retry need.</summary>
        private sealed class RareFields : IDisposable
        {
            // The current event's type; created with the first "event" field (see PendingEventType).
            public PooledByteBuffer? EventType;

            // The type of the event being built, swapped into EventType on dispatch.
            public PooledByteBuffer? PendingEventType;

            // Data lines joined, for events of more than one line (or moved by compaction).
            public PooledByteBuffer? DataAccumulator;

            // The last event ID buffer (persists across events) and the bytes behind the committed LastEventId string.
            public PooledByteBuffer? IdBuffer;
            public PooledByteBuffer? CommittedIdBytes;
            public bool IdBufferSet;

            public Utf8StringCache? EventTypeStrings;
            public string? LastEventId;
            public int? RetryMilliseconds;

            public void Dispose()
            {
                EventType?.Dispose();
                PendingEventType?.Dispose();
                DataAccumulator?.Dispose();
                IdBuffer?.Dispose();
                CommittedIdBytes?.Dispose();
            }
        }
    }
}
