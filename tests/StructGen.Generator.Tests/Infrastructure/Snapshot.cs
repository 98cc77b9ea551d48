using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Xunit.Sdk;

namespace StructGen.Generator.Tests.Infrastructure
{
    /// <summary>
    /// A small snapshot helper: compares text with the committed
    /// <c>Snapshots/&lt;name&gt;.verified.cs</c>; on mismatch writes <c>&lt;name&gt;.received.cs</c> next to it and
    /// fails with a diff. Set <c>STRUCTGEN_ACCEPT=1</c> to accept (overwrite the verified file).
    /// </summary>
    internal static class Snapshot
    {
        public const string AcceptVariable = "STRUCTGEN_ACCEPT";

        public static void Verify(string actual, string name, string extension = "cs")
        {
            string directory = Path.Combine(RepositoryFiles.ProjectDirectory, "Snapshots");
            Directory.CreateDirectory(directory);
            string verifiedPath = Path.Combine(directory, name + ".verified." + extension);
            string receivedPath = Path.Combine(directory, name + ".received." + extension);
            actual = Normalize(actual);

            if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
            {
                File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
                File.Delete(receivedPath);
                return;
            }

            if (!File.Exists(verifiedPath))
            {
                File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
                throw new XunitException($"No verified snapshot '{verifiedPath}'. Review '{receivedPath}' and accept it (rename, or rerun with {AcceptVariable}=1).");
            }

            string expected = Normalize(File.ReadAllText(verifiedPath));
            if (expected == actual)
            {
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
            throw new XunitException(
                $"Snapshot mismatch for '{name}'. Received: '{receivedPath}'. Rerun with {AcceptVariable}=1 to accept.{Environment.NewLine}" +
                Diff(expected, actual));
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        /// <summary>A line diff (longest common subsequence), '-' expected, '+' received, 2 lines of context.</summary>
        public static string Diff(string expected, string actual)
        {
            string[] a = expected.Split('\n');
            string[] b = actual.Split('\n');
            int[,] lcs = new int[a.Length + 1, b.Length + 1];
            for (int i = a.Length - 1; i >= 0; i--)
            {
                for (int j = b.Length - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            var lines = new List<(char Kind, string Text)>();
            int x = 0, y = 0;
            while (x < a.Length || y < b.Length)
            {
                if (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    lines.Add((' ', a[x++]));
                    y++;
                }
                else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
                {
                    lines.Add(('+', b[y++]));
                }
                else
                {
                    lines.Add(('-', a[x++]));
                }
            }

            var output = new StringBuilder();
            for (int i = 0; i < lines.Count; i++)
            {
                bool near = false;
                for (int k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++)
                {
                    near |= lines[k].Kind != ' ';
                }

                if (near)
                {
                    output.Append(lines[i].Kind).Append(' ').AppendLine(lines[i].Text);
                }
            }

            return output.ToString();
        }
    }
}
