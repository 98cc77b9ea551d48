using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// A request body that can let go of its bytes once the response headers arrived. The handler keeps
    /// the request (and so its content) until the response body is read to the end, which for a stream
    /// paused mid-answer is its whole life; nothing sends the body again after the headers (no retry, no
    /// redirect), so holding the bytes that long only costs memory per open stream.
    /// </summary>
    internal sealed class RequestBodyContent : HttpContent
    {
        private readonly int _length;
        private byte[]? _body;

        public RequestBodyContent(byte[] body)
        {
            _body = body;
            _length = body.Length;
        }

        /// <summary>Drops the bytes: call only once the response headers arrived.</summary>
        public void Release() => _body = null;

        /// <summary>Whether <see cref="Release"/> dropped the bytes.</summary>
        internal bool IsReleased => _body is null;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var body = _body ?? throw new InvalidOperationException("The request body was already released after the response headers arrived; it cannot be sent again. Send a new request instead.");
            return stream.WriteAsync(body, 0, body.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
