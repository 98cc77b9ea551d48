using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Sse
{
    /// <summary>
    /// Reads server-sent events from a UTF-8 <c>text/event-stream</c> following the WHATWG HTML
    /// "event stream interpretation" rules: CRLF, LF or CR line ends, a leading BOM skipped, comments
    /// ignored, <c>event</c>/<c>data</c>/<c>id</c>/<c>retry</c> fields, dispatch on a blank line, and an
    /// unterminated final event discarded.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The reader works on bytes and allocates nothing per event in steady state: <see cref="Data"/> points
    /// straight into the read buffer when the event's single <c>data</c> line is still there, and into a pooled
    /// buffer reused across events otherwise. Every value it exposes is valid until the next call to
    /// <see cref="ReadNextAsync"/>.
    /// </para>
    /// <para>
    /// Not thread-safe: await each <see cref="ReadNextAsync"/> before the next. After it throws, the reader's
    /// position in the stream is undefined; dispose it.
    /// </para>
    /// </remarks>
    internal sealed partial class SseReader : IDisposable
    {
        private const string DefaultEventType = "message";

        private readonly Stream _stream;
        private readonly bool _leaveOpen;
        private readonly int _maxLineBytes;
        private readonly int _maxEventBytes;

        // Where the dispatched event's data is (its offset and length in _dataOffset and _dataLength): a byte rather than
        // a ReadOnlyMemory, 16 B an open stream would keep.
        private DataPlace _dispatched;

        private bool _disposed;

        /// <summary>Creates a reader over <paramref name="stream"/>, which it reads from its current position.</summary>
        /// <param name="stream">A readable stream carrying a UTF-8 event stream, such as an HTTP response body.</param>
        /// <param name="options">Limits and buffering; <see langword="null"/> for the defaults.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
        public SseReader(Stream stream, SseReaderOptions? options = null)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            if (!stream.CanRead)
            {
                throw new ArgumentException("The stream must be readable.", nameof(stream));
            }

            options ??= new SseReaderOptions();
            _stream = stream;
            _leaveOpen = options.LeaveOpen;
            _maxLineBytes = options.MaxLineBytes;
            _maxEventBytes = options.MaxEventBytes;
            _maxReadSize = options.BufferSize;
            _readSize = Math.Min(InitialReadSize, options.BufferSize);

            // No buffer until bytes arrive: a stream still waiting for its first event holds none.
            _buffer = Array.Empty<byte>();
        }

        /// <summary>The stream the events are read from (its owner may keep only the reader).</summary>
        internal Stream BaseStream => _stream;

        /// <summary>
        /// The UTF-8 data of the current event: its <c>data</c> lines joined with <c>\n</c>. Valid until the next
        /// call to <see cref="ReadNextAsync"/> or <see cref="Dispose"/>; copy it to keep it longer.
        /// Empty before the first event and after the end of the stream.
        /// </summary>
        public ReadOnlyMemory<byte> Data => _dispatched switch
        {
            DataPlace.Buffer => new ReadOnlyMemory<byte>(_buffer, _dataOffset, _dataLength),
            DataPlace.Accumulator => new ReadOnlyMemory<byte>(_rare!.DataAccumulator!.BackingArray, 0, _dataLength),
            _ => default,
        };

        /// <summary>
        /// The UTF-8 type of the current event: the value of its last <c>event</c> field, or <c>message</c>
        /// when it had none (or an empty one). Valid until the next call to <see cref="ReadNextAsync"/>.
        /// </summary>
        public ReadOnlySpan<byte> EventTypeUtf8 => _rare?.EventType is { Length: > 0 } type ? type.Span : "message"u8;

        /// <summary>
        /// The type of the current event as a string (see <see cref="EventTypeUtf8"/>). <c>message</c> never
        /// allocates, and the last few other types are cached, so steady-state streams allocate no strings here.
        /// </summary>
        public string EventType
        {
            get
            {
                ReadOnlySpan<byte> type = EventTypeUtf8;
                return type.SequenceEqual("message"u8) ? DefaultEventType : (Rare.EventTypeStrings ??= new Utf8StringCache()).GetString(type);
            }
        }

        /// <summary>
        /// The last event ID: the value of the most recent <c>id</c> field (one containing NUL is ignored) as of
        /// the last blank line. Per the spec it persists across events until the server sends another <c>id</c>;
        /// an empty <c>id</c> resets it to the empty string. <see langword="null"/> until the stream sets one.
        /// A new string is allocated only when the value changes.
        /// </summary>
        public string? LastEventId => _rare?.LastEventId;

        /// <summary>
        /// The reconnection time from the most recent <c>retry</c> field made only of ASCII digits, or
        /// <see langword="null"/> if none was seen. Values above <see cref="int.MaxValue"/> are clamped.
        /// </summary>
        public int? RetryMilliseconds => _rare?.RetryMilliseconds;

        /// <summary>The bytes the reader holds for reading and for joining data lines (0 while idle between events).</summary>
        internal int BufferedCapacity => _buffer.Length + (_rare?.DataAccumulator?.Capacity ?? 0);

        /// <summary>Whether any state for event types, multi-line data, ids or retry exists (created on first use): for tests.</summary>
        internal bool HoldsRareFields => _rare is not null;

        /// <summary>Whether the event type or multi-line data buffers exist yet (created on first use): for tests.</summary>
        internal bool HoldsFieldBuffers => _rare is { } rare && (rare.EventType is not null || rare.PendingEventType is not null || rare.DataAccumulator is not null);

        /// <summary>The number of bytes read from the stream so far, including bytes buffered but not yet parsed.</summary>
        public long BytesRead => _bufferOffset + _end;

        /// <summary>
        /// Reads until the next event is dispatched (at a blank line) and makes it current.
        /// </summary>
        /// <param name="cancellationToken">Cancels the wait; checked before every read from the stream.</param>
        /// <returns>
        /// <see langword="true"/> when an event is current; <see langword="false"/> at the end of the stream, where
        /// an event without its closing blank line is discarded as the spec requires.
        /// </returns>
        /// <exception cref="SseFormatException">A line or event exceeds the configured limits.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
        /// <exception cref="IOException">The stream failed (any exception the stream throws is passed on unchanged).</exception>
        public ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            BeginNextEvent();
            try
            {
                // Stay synchronous while the next event is buffered or reads complete at once (memory, or a
                // socket with data waiting): no async state machine runs, so nothing is allocated.
                while (true)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return FromCanceled(cancellationToken);
                    }

                    if (TryDispatchBufferedEvent())
                    {
                        return new ValueTask<bool>(true);
                    }

                    if (_eof)
                    {
                        return new ValueTask<bool>(false);
                    }

                    if (_start == _end)
                    {
                        // Nothing buffered: wait for bytes without holding a buffer (a zero-byte read), and give the
                        // buffer back if the wait is real, so an idle stream costs no read buffer.
                        PendingRead wait = StartWaitForData(cancellationToken);
                        if (!IsCompletedSuccessfully(wait))
                        {
                            ReleaseIdleBuffer();
                            return ContinueAsync(wait, isWait: true, cancellationToken);
                        }

                        _ = wait.Result; // Completed at once: says nothing about the stream; read for real.
                    }

                    PrepareBufferForRead();
                    PendingRead read = StartRead(cancellationToken);
                    if (!IsCompletedSuccessfully(read))
                    {
                        return ContinueAsync(read, isWait: false, cancellationToken);
                    }

                    AcceptRead(read.Result);
                }
            }
            catch (Exception ex)
            {
                // Report failures through the returned task, as if the method were async all the way.
                return FromException(ex);
            }
        }

        /// <summary>Returns the pooled buffers and, unless <see cref="SseReaderOptions.LeaveOpen"/> is set, disposes the stream.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _dispatched = DataPlace.None;
            byte[] buffer = _buffer;
            _buffer = Array.Empty<byte>();
            _start = _end = _scanFrom = 0;
            GiveBack(buffer);
            _rare?.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }

        /// <summary>
        /// Synchronous counterpart of <see cref="ReadNextAsync"/> for in-memory bodies (see <see cref="ParseAll"/>).
        /// </summary>
        internal bool ReadNext()
        {
            ThrowIfDisposed();
            BeginNextEvent();
            while (true)
            {
                if (TryDispatchBufferedEvent())
                {
                    return true;
                }

                if (_eof)
                {
                    return false;
                }

                PrepareBufferForRead();
                AcceptRead(_stream.Read(_buffer, _end, _buffer.Length - _end));
            }
        }

#if NET
        // Pools the state machine so reads that truly complete asynchronously (network streams) stay allocation-free.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<bool> ContinueAsync(PendingRead pending, bool isWait, CancellationToken cancellationToken)
        {
            while (true)
            {
                int read = await pending.ConfigureAwait(false);
                if (!isWait)
                {
                    AcceptRead(read);
                    if (TryDispatchBufferedEvent())
                    {
                        return true;
                    }

                    if (_eof)
                    {
                        return false;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();

                // After a real read that left nothing buffered, wait for data without a buffer again;
                // after a wait, read for real.
                isWait = !isWait && _start == _end;
                if (isWait)
                {
                    pending = StartWaitForData(cancellationToken);
                    if (!IsCompletedSuccessfully(pending))
                    {
                        ReleaseIdleBuffer();
                    }

                    continue;
                }

                PrepareBufferForRead();
                pending = StartRead(cancellationToken);
            }
        }

        /// <summary>
        /// A zero-byte read: completes when the stream has data (or ends) without needing a buffer to put it in.
        /// Streams that do not support waiting this way complete it at once, and the reader then reads as usual.
        /// </summary>
        private PendingRead StartWaitForData(CancellationToken cancellationToken)
        {
#if NET
            return _stream.ReadAsync(Memory<byte>.Empty, cancellationToken);
#else
            return _stream.ReadAsync(Array.Empty<byte>(), 0, 0, cancellationToken);
#endif
        }

        /// <summary>Starts reading into the free space at the end of the buffer.</summary>
        private PendingRead StartRead(CancellationToken cancellationToken)
        {
#if NET
            return _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
#else
            // netstandard2.0 streams have no Memory overload.
            return _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken);
#endif
        }

        private static bool IsCompletedSuccessfully(PendingRead read)
        {
#if NET
            return read.IsCompletedSuccessfully;
#else
            return read.Status == TaskStatus.RanToCompletion;
#endif
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SseReader));
            }
        }

        private static ValueTask<bool> FromCanceled(CancellationToken cancellationToken)
        {
#if NET
            return ValueTask.FromCanceled<bool>(cancellationToken);
#else
            return new ValueTask<bool>(Task.FromCanceled<bool>(cancellationToken));
#endif
        }

        private static ValueTask<bool> FromException(Exception exception)
        {
#if NET
            return ValueTask.FromException<bool>(exception);
#else
            return new ValueTask<bool>(Task.FromException<bool>(exception));
#endif
        }
    }
}
