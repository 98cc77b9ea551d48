using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructGen.Streaming;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>
    /// Applies patch events with the shipped client/structgen.js under node (Replay/apply-patches.mjs),
    /// many runs per process. Without node (or with STRUCTGEN_NODE=none) it falls back to the C# twin,
    /// <see cref="PatchApplier"/>, and says so in <see cref="Engine"/>.
    /// </summary>
    public static class ShippedClient
    {
        private static readonly string Node = Environment.GetEnvironmentVariable("STRUCTGEN_NODE") ?? "node";

        public static string Engine { get; private set; } = "not run";

        /// <summary>For each run, the leaves after each of its patch events.</summary>
        public static List<List<SortedDictionary<string, (string? Json, FieldState State)>>> Apply(IReadOnlyList<IReadOnlyList<string>> runs)
        {
            var output = RunNode(JsonSerializer.Serialize(runs));
            if (output is null) return Fallback(runs);
            Engine = "structgen.js under node";
            var result = new List<List<SortedDictionary<string, (string?, FieldState)>>>();
            foreach (var run in JsonNode.Parse(output)!.AsArray())
            {
                var steps = new List<SortedDictionary<string, (string?, FieldState)>>();
                foreach (var step in run!.AsArray())
                {
                    var leaves = new SortedDictionary<string, (string?, FieldState)>(StringComparer.Ordinal);
                    foreach (var leaf in step!.AsArray())
                    {
                        leaves[leaf![0]!.GetValue<string>()] = (leaf[1]?.GetValue<string>(), Enum.Parse<FieldState>(leaf[2]!.GetValue<string>()));
                    }

                    steps.Add(leaves);
                }

                result.Add(steps);
            }

            return result;
        }

        private static string? RunNode(string input)
        {
            if (Node == "none") return null;
            var start = new ProcessStartInfo(Node)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Replay", "apply-patches.mjs"));
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wwwroot", "structgen.js"));
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception)
            {
                return null;
            }

            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                process.StandardInput.Write(input);
                process.StandardInput.Close();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{Node} Replay/apply-patches.mjs exited with {process.ExitCode}: {stderr.Result}");
                return stdout.Result;
            }
        }

        private static List<List<SortedDictionary<string, (string? Json, FieldState State)>>> Fallback(IReadOnlyList<IReadOnlyList<string>> runs)
        {
            Engine = "the C# PatchApplier (node not found; set STRUCTGEN_NODE to its path to test the shipped client)";
            var result = new List<List<SortedDictionary<string, (string?, FieldState)>>>();
            foreach (var run in runs)
            {
                var applier = new PatchApplier();
                var steps = new List<SortedDictionary<string, (string?, FieldState)>>();
                foreach (var data in run)
                {
                    applier.Apply(data);
                    steps.Add(applier.Leaves());
                }

                result.Add(steps);
            }

            return result;
        }
    }
}
