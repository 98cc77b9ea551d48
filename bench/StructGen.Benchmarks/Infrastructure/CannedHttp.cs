using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// Answers every request with the same canned <c>text/event-stream</c> body, delivered through a
    /// <see cref="ChunkedReadStream"/> so every client sees the same bytes in the same read sizes.
    /// The request body is read (and dropped) like a server would.
    /// </summary>
    public sealed class CannedSseHandler : HttpMessageHandler
    {
        private readonly byte[] _body;
        private readonly int[] _readSizes;

        /// <param name="body">The whole response body.</param>
        /// <param name="readSize">The most bytes one read returns.</param>
        public CannedSseHandler(byte[] body, int readSize)
            : this(body, ChunkedReadStream.FixedSizes(body.Length, readSize))
        {
        }

        /// <param name="body">The whole response body.</param>
        /// <param name="readSizes">The exact size of each successive read (e.g. one SSE event per read).</param>
        public CannedSseHandler(byte[] body, int[] readSizes)
        {
            _body = body;
            _readSizes = readSizes;
        }

        /// <summary>
        /// Whether each read's bytes arrive asynchronously (after a <c>Task.Yield</c>), as from a network that
        /// delivers the reads one by one: the first read (a zero-byte read included) of each waits, and reads of
        /// bytes already arrived complete at once, as on a socket. By default every read completes at once (the
        /// body is buffered).
        /// </summary>
        public bool ReadsYield { get; set; }

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var content = new StreamContent(new ChunkedReadStream(_body, _readSizes) { ReadsYield = ReadsYield });
            content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = content,
                RequestMessage = request,
            };
            response.Headers.TryAddWithoutValidation("x-request-id", "req_bench");
            return Task.FromResult(response);
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>A read-only stream over a byte array whose reads return at most a fixed number of bytes, synchronously.</summary>
    public sealed class ChunkedReadStream : Stream
    {
        private readonly byte[] _data;
        private readonly int[] _sizes;
        private int _position;
        private int _read;
        private int _leftInRead = -1;
        private bool _arrived; // ReadsYield: the current read's bytes have arrived and wait to be read, as in a socket's buffer

        public ChunkedReadStream(byte[] data, int[] sizes)
        {
            _data = data;
            _sizes = sizes;
        }

        /// <summary>Read sizes of <paramref name="readSize"/> bytes (the last one shorter) covering <paramref name="length"/> bytes.</summary>
        public static int[] FixedSizes(int length, int readSize)
        {
            if (readSize <= 0) throw new ArgumentOutOfRangeException(nameof(readSize));
            var sizes = new int[(length + readSize - 1) / readSize];
            for (int i = 0; i < sizes.Length; i++) sizes[i] = Math.Min(readSize, length - i * readSize);
            return sizes;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(new Span<byte>(buffer, offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= _data.Length || buffer.IsEmpty) return 0;
            // The sizes array is shared between streams: progress through it is kept here.
            int size = _leftInRead >= 0 ? _leftInRead : _read < _sizes.Length ? _sizes[_read] : _data.Length - _position;
            int n = Math.Min(Math.Min(size, buffer.Length), _data.Length - _position);
            _data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            if (n == size)
            {
                _read++;
                _leftInRead = -1;
                _arrived = false;
            }
            else
            {
                _leftInRead = size - n; // The reader's buffer was smaller: the rest of this read comes next.
            }

            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MustWait) return YieldThenReadAsync(new Memory<byte>(buffer, offset, count)).AsTask();
            return Task.FromResult(Read(new Span<byte>(buffer, offset, count)));
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
            if (MustWait) return YieldThenReadAsync(buffer);
            return new ValueTask<int>(Read(buffer.Span));
        }

        /// <summary>See <see cref="CannedSseHandler.ReadsYield"/>.</summary>
        public bool ReadsYield { get; set; }

        // Like a socket: the next read's bytes arrive once, asynchronously; a zero-byte read waits for them
        // and a read after it finds them there. (Charging each read an arrival would make a reader that waits
        // with a zero-byte read first pay two thread-pool hops per event where a socket costs one.)
        private bool MustWait => ReadsYield && !_arrived && _position < _data.Length;

        private async ValueTask<int> YieldThenReadAsync(Memory<byte> buffer)
        {
            await Task.Yield();
            _arrived = true;
            return Read(buffer.Span);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
