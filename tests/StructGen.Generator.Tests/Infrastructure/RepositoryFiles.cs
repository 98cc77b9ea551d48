using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>
    /// Files of the repository. The test project's directory is baked in at build time
    /// (an <see cref="AssemblyMetadataAttribute"/> written by the .csproj) because CI builds map
    /// <c>[CallerFilePath]</c> paths to <c>/_/</c>.
    /// </summary>
    internal static class RepositoryFiles
    {
        private static readonly Lazy<string> ProjectDirectoryValue = new(FindProjectDirectory);
        private static readonly Lazy<string> RootValue = new(FindRoot);

        /// <summary>The test project's source directory (where <c>Snapshots/</c> lives).</summary>
        public static string ProjectDirectory => ProjectDirectoryValue.Value;

        /// <summary>The repository root: the nearest directory above the project holding <c>StructGen.sln</c>.</summary>
        public static string Root() => RootValue.Value;

        public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));

        /// <summary>The first request body of a go-vcr v2 cassette (a YAML single-quoted scalar on one line).</summary>
        public static string FirstRequestBody(string cassettePath)
        {
            foreach (string line in File.ReadLines(Path.Combine(Root(), cassettePath)))
            {
                string trimmed = line.TrimStart();
                if (trimmed.StartsWith("body: '", StringComparison.Ordinal))
                {
                    string quoted = trimmed.Substring("body: '".Length);
                    return quoted.Substring(0, quoted.Length - 1).Replace("''", "'");
                }
            }

            throw new InvalidDataException("No request body in " + cassettePath);
        }

        private static string FindProjectDirectory()
        {
            string? baked = typeof(RepositoryFiles).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
            if (baked is not null && Directory.Exists(baked))
            {
                return baked;
            }

            throw new DirectoryNotFoundException(
                $"The test project directory '{baked}' baked in at build time does not exist; rebuild the tests from the repository.");
        }

        private static string FindRoot()
        {
            DirectoryInfo? directory = new DirectoryInfo(ProjectDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StructGen.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root (StructGen.sln) not found above " + ProjectDirectory);
        }
    }
}
