using System.IO;
using System.Runtime.CompilerServices;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>Files of the repository (found from this source file's location).</summary>
    internal static class RepositoryFiles
    {
        public static string Root([CallerFilePath] string callerFile = "")
        {
            DirectoryInfo? directory = new FileInfo(callerFile).Directory;
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StructGen.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root (StructGen.sln) not found above " + callerFile);
        }

        public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));

        /// <summary>The first request body of a go-vcr v2 cassette (a YAML single-quoted scalar on one line).</summary>
        public static string FirstRequestBody(string cassettePath)
        {
            foreach (string line in File.ReadLines(Path.Combine(Root(), cassettePath)))
            {
                string trimmed = line.TrimStart();
                if (trimmed.StartsWith("body: '", System.StringComparison.Ordinal))
                {
                    string quoted = trimmed.Substring("body: '".Length);
                    return quoted.Substring(0, quoted.Length - 1).Replace("''", "'");
                }
            }

            throw new InvalidDataException("No request body in " + cassettePath);
        }
    }
}
