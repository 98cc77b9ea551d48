using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>Reads the recorded response body out of a go-vcr v2 cassette (a YAML literal block, byte-exact).</summary>
    public static class CassetteBody
    {
        public static byte[] Read(string path)
        {
            var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            int i = 0;
            while (i < lines.Length && lines[i] != "  response:") i++;
            while (i < lines.Length && !lines[i].StartsWith("    body: |", StringComparison.Ordinal)) i++;
            if (i == lines.Length) throw new InvalidDataException("No response body block in " + path);
            string indent = "      ";
            var body = new StringBuilder();
            var pendingBlank = 0;
            for (i++; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0 || line.Trim().Length == 0)
                {
                    pendingBlank++;
                    continue;
                }

                if (!line.StartsWith(indent, StringComparison.Ordinal)) break;
                for (; pendingBlank > 0; pendingBlank--) body.Append('\n');
                body.Append(line, indent.Length, line.Length - indent.Length).Append('\n');
            }

            // "|+" keeps the trailing blank lines: the last event's terminating blank line.
            for (; pendingBlank > 0; pendingBlank--) body.Append('\n');
            return Encoding.UTF8.GetBytes(body.ToString());
        }

        /// <summary>Read sizes that deliver exactly one SSE event (up to and including its blank line) per read.</summary>
        public static int[] EventReadSizes(byte[] body)
        {
            var sizes = new List<int>();
            int start = 0;
            for (int i = 0; i + 1 < body.Length; i++)
            {
                if (body[i] == (byte)'\n' && body[i + 1] == (byte)'\n')
                {
                    sizes.Add(i + 2 - start);
                    start = i + 2;
                    i++;
                }
            }

            if (start < body.Length) sizes.Add(body.Length - start);
            return sizes.ToArray();
        }

        public static int CountEvents(byte[] body) => EventReadSizes(body).Length;
    }
}
