using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Response content that serves a recorded body through a <see cref="ReplayBodyStream"/>, so both
    /// <see cref="HttpContent.ReadAsStreamAsync()"/> (streaming) and buffered reads see the same pieces.
    /// </summary>
    internal sealed class ReplayContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly ChunkingMode _chunking;
        private readonly TimeSpan _readDelay;
        private readonly bool _lengthKnown;
        private readonly bool _binaryFrames;

        public ReplayContent(byte[] body, ChunkingMode chunking, TimeSpan readDelay, bool lengthKnown, bool binaryFrames = false)
        {
            _binaryFrames = binaryFrames;
            _body = body;
            _chunking = chunking;
            _readDelay = readDelay;
            _lengthKnown = lengthKnown;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

#if NET
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
#else
        private async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
#endif
        {
            // Copy piece by piece so a buffering reader still passes through the same framing.
            using var source = CreateStream();
            var buffer = new byte[Math.Max(1, Math.Min(_body.Length, 81920))];
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            }
        }

#if NET
        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            using var source = CreateStream();
            var buffer = new byte[Math.Max(1, Math.Min(_body.Length, 81920))];
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Write(buffer, 0, read);
            }
        }

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateStream();
#endif

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(CreateStream());

        protected override bool TryComputeLength(out long length)
        {
            // A streamed recording (content_length -1) reports no length, as a chunked response would.
            length = _body.Length;
            return _lengthKnown;
        }

        private ReplayBodyStream CreateStream() => new ReplayBodyStream(_body, _chunking, _readDelay, _binaryFrames);
    }
}
