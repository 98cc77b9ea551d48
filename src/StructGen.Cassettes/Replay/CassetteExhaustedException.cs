namespace StructGen.Cassettes
{
    /// <summary>Thrown by <see cref="ReplayHandler"/> when a request arrives after every interaction was played.</summary>
    public sealed class CassetteExhaustedException : CassetteReplayException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">The full, readable explanation.</param>
        /// <param name="cassettePath">The cassette file, or <see langword="null"/> for an in-memory cassette.</param>
        /// <param name="interactionCount">How many interactions the cassette holds (all already played).</param>
        public CassetteExhaustedException(string message, string? cassettePath, int interactionCount)
            : base(message, cassettePath)
        {
            InteractionCount = interactionCount;
        }

        /// <summary>How many interactions the cassette holds; all of them were already played.</summary>
        public int InteractionCount { get; }
    }
}
