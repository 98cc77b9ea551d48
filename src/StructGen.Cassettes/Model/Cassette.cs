using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A recorded set of HTTP interactions in the go-vcr cassette format (format version 2).
    /// </summary>
    /// <remarks>
    /// The model mirrors go-vcr's <c>cassette.Cassette</c> field for field so that a cassette
    /// written by <see cref="CassetteWriter"/> can be read back by the Go library, and the other way round.
    /// </remarks>
    public sealed class Cassette
    {
        /// <summary>The cassette format version written by go-vcr v2 and later, and by <see cref="CassetteWriter"/>.</summary>
        public const int CurrentFormatVersion = 2;

        /// <summary>The cassette format version (<c>version:</c>); 1 or 2 are accepted on load.</summary>
        public int Version { get; set; } = CurrentFormatVersion;

        /// <summary>The interactions in recording order (<c>interactions:</c>).</summary>
        public IList<CassetteInteraction> Interactions { get; } = new List<CassetteInteraction>();

        /// <summary>
        /// The file this cassette was loaded from, or <see langword="null"/> when it was built in memory.
        /// Not serialized; used to name the file in error messages.
        /// </summary>
        public string? SourcePath { get; set; }
    }
}
