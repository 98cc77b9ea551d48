using System;

namespace StructGen.Cassettes
{
    /// <summary>Settings for <see cref="ReplayHandler"/>. The defaults match the full URL and replay SSE event by event.</summary>
    public sealed class CassetteReplayOptions
    {
        /// <summary>
        /// When <see langword="true"/>, URLs are matched on path and query only, so a client pointed at
        /// any host (a local fake, a proxy) still matches a recording made against the real API.
        /// </summary>
        public bool IgnoreHost { get; set; }

        /// <summary>
        /// The base address the client under test is configured with, e.g. <c>http://localhost:5000/openai/v1/</c>.
        /// Set together with <see cref="RecordedBaseAddress"/>: a request URL under this base has the base
        /// replaced by the recorded one before matching, so a different base path still matches.
        /// </summary>
        public Uri? RequestBaseAddress { get; set; }

        /// <summary>
        /// The base address the cassette was recorded against, e.g. <c>https://api.openai.com/v1/</c>;
        /// see <see cref="RequestBaseAddress"/>.
        /// </summary>
        public Uri? RecordedBaseAddress { get; set; }

        /// <summary>How response bodies are cut into reads; <see cref="ChunkingMode.EventBoundaries"/> by default.</summary>
        public ChunkingMode Chunking { get; set; } = ChunkingMode.EventBoundaries;

        /// <summary>
        /// A pause before each read of a response body (zero by default), to let tests observe a client
        /// while a stream is in flight or cancel it mid-stream. Cancellation interrupts the pause.
        /// </summary>
        public TimeSpan ReadDelay { get; set; } = TimeSpan.Zero;

        internal void Validate()
        {
            if ((RequestBaseAddress is null) != (RecordedBaseAddress is null))
            {
                throw new ArgumentException(
                    "Set both RequestBaseAddress and RecordedBaseAddress (the client's base and the recorded base), or neither.");
            }

            if (Chunking is null)
            {
                throw new ArgumentException("Chunking must not be null.");
            }

            if (ReadDelay < TimeSpan.Zero)
            {
                throw new ArgumentException("ReadDelay must not be negative.");
            }
        }
    }
}
