using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Replaces the real response content so the caller reads through a <see cref="CapturingStream"/>:
    /// the body still streams to the caller while the recording is taken.
    /// </summary>
    internal sealed class CapturingContent : HttpContent
    {
        private readonly CapturingStream _stream;

        public CapturingContent(CapturingStream stream, HttpContent? original)
        {
            _stream = stream;
            if (original is not null)
            {
                foreach (var header in original.Headers)
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _stream.CopyToAsync(stream);

#if NET
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _stream.CopyToAsync(stream, cancellationToken);

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _stream.CopyTo(stream);

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _stream;
#endif

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stream.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
