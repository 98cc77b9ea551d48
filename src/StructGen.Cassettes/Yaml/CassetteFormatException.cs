using System;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Thrown when a cassette file is not valid YAML or does not have the go-vcr cassette shape.
    /// The message names the file, the line and what is wrong.
    /// </summary>
    public sealed class CassetteFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="problem">What is wrong, e.g. <c>'code' must be an integer but was "OK"</c>.</param>
        /// <param name="filePath">The cassette file, or <see langword="null"/> when parsing text from memory.</param>
        /// <param name="line">The 1-based line of the problem, or 0 when it is not tied to a line.</param>
        /// <param name="innerException">The underlying YAML error, if any.</param>
        public CassetteFormatException(string problem, string? filePath, int line, Exception? innerException = null)
            : base(Describe(problem, filePath, line), innerException)
        {
            Problem = problem;
            FilePath = filePath;
            Line = line;
        }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        /// <summary>The cassette file, or <see langword="null"/> when the text did not come from a file.</summary>
        public string? FilePath { get; }

        /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
        public int Line { get; }

        private static string Describe(string problem, string? filePath, int line)
        {
            string where = filePath ?? "<cassette text>";
            return line > 0
                ? $"Invalid cassette {where} (line {line}): {problem}"
                : $"Invalid cassette {where}: {problem}";
        }
    }
}
