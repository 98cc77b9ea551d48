using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Tests.Cassettes
{
    /// <summary>An inner handler standing in for the real endpoint; remembers what reached it.</summary>
    internal sealed class StubHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

        public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
        {
            _respond = respond;
        }

        public HttpRequestMessage? LastRequest { get; private set; }

        public string? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            HttpResponseMessage response = _respond(request);
            response.RequestMessage = request;
            return response;
        }
    }

    /// <summary>
    /// A response body that hands out its first part at once and the rest only after <see cref="Release"/>,
    /// like a server still generating tokens: proves a caller can read before the body is complete.
    /// </summary>
    internal sealed class GatedStream : Stream
    {
        private readonly byte[] _first;
        private readonly byte[] _rest;
        private readonly TaskCompletionSource<bool> _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public GatedStream(byte[] first, byte[] rest)
        {
            _first = first;
            _rest = rest;
        }

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public void Release() => _gate.TrySetResult(true);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < _first.Length)
            {
                int n = Math.Min(buffer.Length, _first.Length - _position);
                _first.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            await _gate.Task.WaitAsync(cancellationToken);
            int offset = _position - _first.Length;
            int count = Math.Min(buffer.Length, _rest.Length - offset);
            _rest.AsMemory(offset, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
