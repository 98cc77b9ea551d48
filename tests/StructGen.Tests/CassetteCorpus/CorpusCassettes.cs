using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StructGen.Cassettes;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// Every chat-completions cassette the corpus replay runs: the repository's <c>cassettes/</c>, the
    /// hand-written <c>ProviderShapes/</c>, and any folders listed in <c>STRUCTGEN_CASSETTES</c>
    /// (separated by the platform's path separator), so new recordings are checked by dropping them in.
    /// </summary>
    internal static class CorpusCassettes
    {
        public const string ExtraFoldersVariable = "STRUCTGEN_CASSETTES";

        public static IEnumerable<object[]> All() => Paths().Select(path => new object[] { path });

        public static IEnumerable<string> Paths()
        {
            var folders = new List<string>
            {
                Path.Combine(AppContext.BaseDirectory, "cassettes"),
                Path.Combine(AppContext.BaseDirectory, "ProviderShapes"),
            };
            var extra = Environment.GetEnvironmentVariable(ExtraFoldersVariable);
            if (!string.IsNullOrWhiteSpace(extra))
            {
                folders.AddRange(extra!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath));
            }

            return folders
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
                .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Where(IsChatCompletions)
                .Select(Display)
                .OrderBy(path => path, StringComparer.Ordinal);
        }

        /// <summary>The full path of a theory argument (relative to the test output folder when it is inside it).</summary>
        public static string Resolve(string display) => Path.IsPathRooted(display) ? display : Path.Combine(AppContext.BaseDirectory, display);

        private static string Display(string path)
        {
            var relative = Path.GetRelativePath(AppContext.BaseDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
        }

        // Cassettes of other APIs (Anthropic messages, OpenAI responses, Gemini) are not this client's to replay.
        private static bool IsChatCompletions(string path)
        {
            try
            {
                var cassette = CassetteLoader.Load(path);
                return cassette.Interactions.Count > 0 &&
                       cassette.Interactions.All(i => Uri.TryCreate(i.Request.Url, UriKind.Absolute, out var url) &&
                                                      url.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal));
            }
            catch (CassetteFormatException)
            {
                return true; // Listed anyway: the replay test then fails with the loader's message.
            }
        }
    }
}
