using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StructGen.Cassettes;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// The cassettes the corpus replays run, per protocol: the repository's <c>cassettes/</c>, the
    /// hand-written <c>ProviderShapes/</c>, and any folders listed in <c>STRUCTGEN_CASSETTES</c>
    /// (separated by the platform's path separator), so new recordings are checked by dropping them in.
    /// </summary>
    internal static class CorpusCassettes
    {
        public const string ExtraFoldersVariable = "STRUCTGEN_CASSETTES";

        public static IEnumerable<object[]> All() => Paths().Select(path => new object[] { path });

        public static IEnumerable<string> Paths() =>
            Files(IsChatCompletionsUrl, withProviderShapes: true, withUnreadable: true).Select(Display);

        /// <summary>
        /// The full paths of every cassette under the test output's <c>cassettes/</c> (and
        /// <c>ProviderShapes/</c>, subfolders included, when asked) and the folders of <c>STRUCTGEN_CASSETTES</c>
        /// whose every request URL is of one protocol, in a stable order. A file that cannot be read is listed
        /// only when <paramref name="withUnreadable"/> is set (the chat-completions corpus, whose test then fails
        /// with the loader's message), so it is reported once, not once per protocol.
        /// </summary>
        public static IEnumerable<string> Files(Func<Uri, bool> isProtocolUrl, bool withProviderShapes = false, bool withUnreadable = false) =>
            YamlFiles(withProviderShapes).Where(file => IsOf(file, isProtocolUrl, unreadable: withUnreadable));

        /// <summary>Every YAML file the corpus looks at, whatever its protocol, in a stable order.</summary>
        public static IEnumerable<string> YamlFiles(bool withProviderShapes)
        {
            var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "cassettes") };
            if (withProviderShapes) folders.Add(Path.Combine(AppContext.BaseDirectory, "ProviderShapes"));
            var extra = Environment.GetEnvironmentVariable(ExtraFoldersVariable);
            if (!string.IsNullOrWhiteSpace(extra))
            {
                folders.AddRange(extra!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath));
            }

            return folders
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
                .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(path => path, StringComparer.Ordinal);
        }

        /// <summary>The URL tests of the four protocols the corpus replays.</summary>
        public static IReadOnlyList<Func<Uri, bool>> ProtocolUrls { get; } = new Func<Uri, bool>[] { IsChatCompletionsUrl, IsResponsesUrl, IsMessagesUrl, IsGeminiUrl };

        public static bool IsChatCompletionsUrl(Uri url) => url.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal);

        public static bool IsResponsesUrl(Uri url) => url.AbsolutePath.EndsWith("/responses", StringComparison.Ordinal);

        public static bool IsMessagesUrl(Uri url) => url.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) || IsVertexMessagesUrl(url) || IsBedrockMessagesUrl(url);

        /// <summary>
        /// Claude on Amazon Bedrock: InvokeModel at <c>bedrock-runtime….amazonaws.com/model/{model}/invoke</c> (or
        /// <c>/invoke-with-response-stream</c>) for a model id holding <c>anthropic.</c>. Other Bedrock models (Amazon Nova…)
        /// take other bodies and are not Messages.
        /// </summary>
        public static bool IsBedrockMessagesUrl(Uri url) => BedrockModel(url) is { } model && model.Contains("anthropic.", StringComparison.Ordinal);

        /// <summary>The unescaped model id of a Bedrock InvokeModel URL, or null for any other URL.</summary>
        public static string? BedrockModel(Uri url)
        {
            if (!url.Host.StartsWith("bedrock-runtime", StringComparison.OrdinalIgnoreCase)) return null;
            var path = url.AbsolutePath;
            if (!path.StartsWith("/model/", StringComparison.Ordinal)) return null;
            int end = path.EndsWith("/invoke-with-response-stream", StringComparison.Ordinal) ? path.Length - "/invoke-with-response-stream".Length
                : path.EndsWith("/invoke", StringComparison.Ordinal) ? path.Length - "/invoke".Length
                : -1;
            return end > "/model/".Length ? Uri.UnescapeDataString(path.Substring("/model/".Length, end - "/model/".Length)) : null;
        }

        /// <summary>Claude on Vertex AI: the Messages protocol at <c>…/publishers/anthropic/models/{model}:streamRawPredict</c> (or <c>:rawPredict</c>).</summary>
        public static bool IsVertexMessagesUrl(Uri url) =>
            url.AbsolutePath.Contains("/publishers/anthropic/models/", StringComparison.Ordinal)
            && (url.AbsolutePath.EndsWith(":streamRawPredict", StringComparison.Ordinal) || url.AbsolutePath.EndsWith(":rawPredict", StringComparison.Ordinal));

        public static bool IsGeminiUrl(Uri url) =>
            url.AbsolutePath.EndsWith(":streamGenerateContent", StringComparison.Ordinal) || url.AbsolutePath.EndsWith(":generateContent", StringComparison.Ordinal);

        /// <summary>The full path of a theory argument (relative to the test output folder when it is inside it).</summary>
        public static string Resolve(string display) => Path.IsPathRooted(display) ? display : Path.Combine(AppContext.BaseDirectory, display);

        private static string Display(string path)
        {
            var relative = Path.GetRelativePath(AppContext.BaseDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
        }

        private static bool IsOf(string path, Func<Uri, bool> isProtocolUrl, bool unreadable)
        {
            try
            {
                var cassette = CassetteLoader.Load(path);
                return cassette.Interactions.Count > 0 &&
                       cassette.Interactions.All(i => Uri.TryCreate(i.Request.Url, UriKind.Absolute, out var url) && isProtocolUrl(url));
            }
            catch (CassetteFormatException)
            {
                return unreadable;
            }
        }
    }
}
