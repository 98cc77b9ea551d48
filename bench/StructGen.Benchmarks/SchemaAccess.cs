using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using StructGen.Benchmarks.Models;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// Schema access, steady state: the generated constant vs
    /// <c>AIJsonUtilities.CreateJsonSchema(typeof(Book))</c> (Microsoft.Extensions.AI.Abstractions), with
    /// the options that make it strict-mode-like (snake_case, all properties required, no additional
    /// properties). The first call in a fresh process is measured by <see cref="ColdSchemaProbe"/>.
    /// </summary>
    [MemoryDiagnoser]
    public class SchemaAccess
    {
        /// <summary>Ours: the generated schema text (a string literal behind a static property).</summary>
        [Benchmark]
        public string StructGen_GeneratedConstant() => Book.JsonSchema;

        /// <summary>Ours, made comparable in shape: the constant parsed into a <see cref="JsonElement"/>.</summary>
        [Benchmark]
        public JsonElement StructGen_ConstantAsJsonElement()
        {
            using var document = JsonDocument.Parse(Book.JsonSchema);
            return document.RootElement.Clone();
        }

        /// <summary>Microsoft.Extensions.AI: the schema inferred by reflection on every call.</summary>
        [Benchmark(Baseline = true)]
        public JsonElement Meai_CreateJsonSchema() => MeaiSchema.Create();
    }

    /// <summary>The Microsoft.Extensions.AI call both the steady-state benchmark and the cold probe make.</summary>
    public static class MeaiSchema
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        };

        private static readonly AIJsonSchemaCreateOptions Strict = new AIJsonSchemaCreateOptions
        {
            TransformOptions = new AIJsonSchemaTransformOptions
            {
                DisallowAdditionalProperties = true,
                RequireAllProperties = true,
            },
        };

        public static JsonElement Create() =>
            AIJsonUtilities.CreateJsonSchema(typeof(Book), "A book with title, author, genres, and publication year", serializerOptions: Options, inferenceOptions: Strict);
    }

    /// <summary>
    /// Schema access, first call in a fresh process: runs this program as a child (<c>--cold-child NAME</c>)
    /// several times and reports the median time of the first call, measured inside the child with a
    /// <see cref="Stopwatch"/> (process start-up excluded), plus the second call for reference.
    /// </summary>
    public static class ColdSchemaProbe
    {
        public const string ChildSwitch = "--cold-child";
        private const int Runs = 7;

        /// <summary>In the child: make the first (and second) call, print both times in microseconds.</summary>
        public static int Child(string what)
        {
            var first = Stopwatch.StartNew();
            int length = Call(what);
            first.Stop();
            var second = Stopwatch.StartNew();
            length += Call(what);
            second.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first_us={first.Elapsed.TotalMicroseconds:F1} second_us={second.Elapsed.TotalMicroseconds:F1} length={length}"));
            return 0;
        }

        private static int Call(string what) => what switch
        {
            "structgen" => Book.JsonSchema.Length,
            "structgen-element" => ParsedLength(),
            "meai" => MeaiSchema.Create().GetRawText().Length,
            _ => throw new ArgumentException("Unknown probe " + what),
        };

        private static int ParsedLength()
        {
            using var document = JsonDocument.Parse(Book.JsonSchema);
            return document.RootElement.GetRawText().Length;
        }

        /// <summary>In the parent: run every probe <see cref="Runs"/> times; print and save a Markdown table.</summary>
        public static void RunAndReport(string resultsDirectory)
        {
            var rows = new List<(string Name, double First, double Second, double Process)>();
            foreach (var (what, name) in new[]
            {
                ("structgen", "StructGen: generated constant (Book.JsonSchema)"),
                ("structgen-element", "StructGen: constant parsed to JsonElement"),
                ("meai", "M.E.AI: AIJsonUtilities.CreateJsonSchema(typeof(Book))"),
            })
            {
                var firsts = new List<double>();
                var seconds = new List<double>();
                var processes = new List<double>();
                for (int i = 0; i < Runs; i++)
                {
                    var (first, second, process) = RunChild(what);
                    firsts.Add(first);
                    seconds.Add(second);
                    processes.Add(process);
                }

                rows.Add((name, Median(firsts), Median(seconds), Median(processes)));
            }

            double meai = rows[^1].First;
            var sb = new StringBuilder();
            sb.AppendLine("Schema access: first call in a fresh process (median of " + Runs + " child processes; time inside the child, start-up excluded)");
            sb.AppendLine();
            sb.AppendLine("| Method | First call | Second call | Ratio (first call) to M.E.AI | Child process wall time |");
            sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var row in rows)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Name} | {Us(row.First)} | {Us(row.Second)} | {row.First / meai:0.0000}x | {row.Process:F0} ms |"));
            }

            Console.WriteLine();
            Console.WriteLine(sb.ToString());
            Directory.CreateDirectory(resultsDirectory);
            File.WriteAllText(Path.Combine(resultsDirectory, "StructGen.Benchmarks.SchemaAccess-cold-start.md"), sb.ToString());
        }

        private static string Us(double us) => us >= 1000 ? (us / 1000).ToString("F1", CultureInfo.InvariantCulture) + " ms" : us.ToString("F1", CultureInfo.InvariantCulture) + " µs";

        private static double Median(List<double> values)
        {
            values.Sort();
            return values[values.Count / 2];
        }

        private static (double First, double Second, double ProcessMs) RunChild(string what)
        {
            string processPath = Environment.ProcessPath!;
            var start = new ProcessStartInfo(processPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(typeof(ColdSchemaProbe).Assembly.Location);
            start.ArgumentList.Add(ChildSwitch);
            start.ArgumentList.Add(what);
            var wall = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            wall.Stop();
            if (process.ExitCode != 0) throw new InvalidOperationException("Cold probe '" + what + "' failed: " + error + output);
            var fields = output.Trim().Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            return (double.Parse(fields["first_us"], CultureInfo.InvariantCulture), double.Parse(fields["second_us"], CultureInfo.InvariantCulture), wall.Elapsed.TotalMilliseconds);
        }
    }
}
