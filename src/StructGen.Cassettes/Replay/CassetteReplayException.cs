using System;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Base type of the errors a <see cref="ReplayHandler"/> reports; thrown as is by
    /// <see cref="ReplayHandler.AssertAllUsed"/> when interactions were left unplayed.
    /// </summary>
    public class CassetteReplayException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">The full, readable explanation.</param>
        /// <param name="cassettePath">The cassette file, or <see langword="null"/> for an in-memory cassette.</param>
        public CassetteReplayException(string message, string? cassettePath)
            : base(message)
        {
            CassettePath = cassettePath;
        }

        /// <summary>The cassette file, or <see langword="null"/> for an in-memory cassette.</summary>
        public string? CassettePath { get; }
    }
}
