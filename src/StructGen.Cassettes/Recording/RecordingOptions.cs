using System;
using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>Settings for <see cref="RecordingHandler"/>.</summary>
    public sealed class RecordingOptions
    {
        /// <summary>
        /// Extra header names (case-insensitive) never to write, on top of the built-in credential headers
        /// listed in <see cref="RecordingHandler.AlwaysRedactedHeaders"/>, which cannot be turned off.
        /// </summary>
        public ICollection<string> AdditionalRedactedHeaders { get; } = new List<string>();

        /// <summary>
        /// When a caller disposes a response before reading its body to the end (typical for SSE clients
        /// that stop at <c>data: [DONE]</c>), the rest of the body is still read in the background so the
        /// cassette holds the full response. This bounds that read; 30 seconds by default.
        /// </summary>
        public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
