using System;
using System.IO;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// A forward-only, read-only view of a response body that owns it: what a stream the transport puts in front of
    /// the body (a replayed prefix, an event-stream decoder) has in common. Subclasses implement the reads.
    /// </summary>
    internal abstract class ReadOnlyWrapperStream : Stream
    {
        protected ReadOnlyWrapperStream(Stream inner) => Inner = inner;

        /// <summary>The body this stream reads from, disposed with it.</summary>
        protected Stream Inner { get; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) Inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
