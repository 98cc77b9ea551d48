using System;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Reads go-vcr cassettes (format version 1 or 2) from YAML.
    /// </summary>
    /// <remarks>
    /// The YAML is parsed into YamlDotNet's representation model and mapped by hand, field by field,
    /// so no reflection-based object mapping is involved (trimming/AOT friendly) and every error can
    /// point at the line it comes from. Unknown keys are ignored, as the Go library ignores them.
    /// </remarks>
    public static class CassetteLoader
    {
        /// <summary>Loads a cassette file.</summary>
        /// <param name="path">The path of the <c>.yaml</c> file.</param>
        /// <returns>The cassette, with <see cref="Cassette.SourcePath"/> set to <paramref name="path"/>.</returns>
        /// <exception cref="CassetteFormatException">The file is not a valid cassette.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static Cassette Load(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string yaml = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            return Parse(yaml, path);
        }

        /// <summary>Parses cassette YAML text.</summary>
        /// <param name="yaml">The YAML text.</param>
        /// <param name="sourcePath">The file the text came from, used in error messages; optional.</param>
        /// <returns>The cassette.</returns>
        /// <exception cref="CassetteFormatException">The text is not a valid cassette.</exception>
        public static Cassette Parse(string yaml, string? sourcePath = null)
        {
            if (yaml is null)
            {
                throw new ArgumentNullException(nameof(yaml));
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                throw new CassetteFormatException("not valid YAML: " + ex.Message, sourcePath, LineOf(ex.Start), ex);
            }

            if (stream.Documents.Count == 0)
            {
                throw new CassetteFormatException("the file is empty", sourcePath, 0);
            }

            if (stream.Documents.Count > 1)
            {
                throw new CassetteFormatException(
                    "expected one YAML document but found " + stream.Documents.Count,
                    sourcePath,
                    LineOf(stream.Documents[1].RootNode.Start));
            }

            var reader = new CassetteYamlReader(sourcePath);
            Cassette cassette = reader.ReadCassette(stream.Documents[0].RootNode);
            cassette.SourcePath = sourcePath;
            return cassette;
        }

        // YamlDotNet marks are 1-based; a default mark (0) means "no position".
        internal static int LineOf(Mark mark) => (int)Math.Min(int.MaxValue, mark.Line);
    }
}
