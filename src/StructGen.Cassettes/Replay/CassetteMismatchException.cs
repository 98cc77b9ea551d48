using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Thrown by <see cref="ReplayHandler"/> when a request differs from the next recorded interaction.
    /// The message is a readable diff: the interaction, then each difference as a JSON path with the
    /// recorded and the sent value.
    /// </summary>
    public sealed class CassetteMismatchException : CassetteReplayException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">The full, readable explanation.</param>
        /// <param name="cassettePath">The cassette file, or <see langword="null"/> for an in-memory cassette.</param>
        /// <param name="interactionIndex">The 0-based position of the interaction the request was compared with.</param>
        /// <param name="differences">Each difference, e.g. <c>$.max_tokens: missing in request (expected 4000)</c>.</param>
        public CassetteMismatchException(string message, string? cassettePath, int interactionIndex, IReadOnlyList<string> differences)
            : base(message, cassettePath)
        {
            InteractionIndex = interactionIndex;
            Differences = differences;
        }

        /// <summary>The 0-based position in the cassette of the interaction the request was compared with.</summary>
        public int InteractionIndex { get; }

        /// <summary>Each difference on its own, in the order they appear in the message.</summary>
        public IReadOnlyList<string> Differences { get; }
    }
}
