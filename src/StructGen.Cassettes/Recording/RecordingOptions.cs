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
        /// Extra query parameter names (case-insensitive) whose values are replaced by <c>REDACTED</c> in
        /// the recorded URL, on top of the built-in ones (<c>key</c>, <c>api_key</c>, <c>api-key</c>,
        /// <c>apikey</c>, <c>access_token</c>, <c>token</c>, <c>sig</c>, <c>signature</c>,
        /// <c>client_secret</c>, <c>password</c>). Replay matches a redacted value against any value.
        /// </summary>
        public ICollection<string> AdditionalRedactedQueryParameters { get; } = new List<string>();

        /// <summary>
        /// When a caller disposes a response before reading its body to the end (typical for SSE clients
        /// that stop at <c>data: [DONE]</c>), the rest of the body is still read in the background so the
        /// cassette holds the full response. This bounds that read; 30 seconds by default.
        /// </summary>
        public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
