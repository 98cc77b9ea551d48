using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using StructGen.Benchmarks.Infrastructure;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// Runs the benchmarks (docs/benchmarks.md). With no arguments: everything. Any BenchmarkDotNet
    /// argument works (<c>--filter *W2*</c>, <c>--job short</c>, <c>--list flat</c>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 2 && args[0] == ColdSchemaProbe.ChildSwitch) return ColdSchemaProbe.Child(args[1]);
            if (args.Length == 2 && args[0] == "--w4-steps") return W4State.PrintSteps(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            if (args.Length >= 2 && args[0] == W4Profile.Switch) return W4Profile.Run(args);
            if (args.Length is 2 or 3 && args[0] == PausingSseServer.ChildSwitch) return PausingSseServer.Run(args[1], http2: args.Length == 3 && args[2] == W6OpenStreams.Http2Switch);
            if (args.Length >= 1 && args[0] == W6OpenStreams.Switch)
            {
                // --w6 [--http2] [counts...]
                bool http2 = args.Skip(1).Contains(W6OpenStreams.Http2Switch);
                var numbers = args.Skip(1).Where(a => a != W6OpenStreams.Http2Switch).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                var counts = numbers.Length > 0 ? numbers : new[] { 1_000, 10_000 };
                return W6OpenStreams.Run(counts, Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results"), http2);
            }

            if (args.Length >= 1 && args[0] == ProfileLoop.Switch) return ProfileLoop.Run(args);
            if (args.Length >= 1 && args[0] == GeminiDecoderAB.Switch) return GeminiDecoderAB.Run(args);
            bool isolated = args.Contains(IsolatedSwitch);
            args = args.Where(a => a != IsolatedSwitch).ToArray();
            if (args.Length == 0) args = new[] { "--filter", "*" };

            var wall = Stopwatch.StartNew();
            var config = CreateConfig(isolated);
            if (isolated) Prewarm.RecordW2Setups(args);
            else Prewarm.Run(args);
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
            string results = Path.Combine(ArtifactsPath(args, config), "results");
            TargetsReport.Write(summaries, results);
            if (WantsColdSchemaProbe(args))
            {
                ColdSchemaProbe.RunAndReport(results);
            }

            int w6 = 0;
            if (Prewarm.Filters(args).Any(p => p.IsMatch(W6OpenStreams.FilterName)))
            {
                // W6 measures memory held by open streams: a probe of its own, not a BenchmarkDotNet class.
                w6 = W6OpenStreams.Run(new[] { 1_000, 10_000 }, results);
            }

            wall.Stop();
            Console.WriteLine("// Total wall time (benchmarks + cold-start probe): " + wall.Elapsed.ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture));
            return w6 != 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }

        /// <summary>
        /// <c>--isolated</c>: every benchmark case in a process of its own (BenchmarkDotNet's default toolchain:
        /// one generated project is built, then a process per method and parameter set), so no case runs on code
        /// that tiered compilation and dynamic PGO specialised for an earlier case, nor on a heap another case
        /// grew. Slower to start (the build, a launch per case); meant for W1, W2, W3 and W5 figures to report.
        /// </summary>
        public const string IsolatedSwitch = "--isolated";

        /// <summary>
        /// The CI-sized default job: in process (no per-benchmark build or process launch), 1 launch,
        /// 2 warm-up and 5 measured iterations of ~150 ms (medians are reported: 5 points make them
        /// robust to a busy machine). Classes with second-long operations lower the counts with attributes.
        /// With <paramref name="isolated"/> the same counts, each case in its own process (<see cref="IsolatedSwitch"/>).
        /// </summary>
        public static IConfig CreateConfig(bool isolated = false)
        {
            var job = (isolated ? Job.Default : Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(150))
                .WithId(isolated ? "isolated" : "ci")
                .AsDefault();
            return DefaultConfig.Instance
                .AddJob(job)
                .AddColumn(
                    new PerEventColumn(PerEventColumn.What.Time),
                    new PerEventColumn(PerEventColumn.What.Bytes),
                    new PerEventColumn(PerEventColumn.What.BytesWithoutUserStrings),
                    new RatioToColumn("vs floor", m => m is "StructGen" or "OpenAiSdk" or "SseParserJsonDocument" ? "FloorSseParserUtf8JsonReader" : null),
                    new RatioToColumn("vs own cold", m => m switch
                    {
                        "StructGen_UnrelatedEdit" => "StructGen_Cold",
                        "Stj_UnrelatedEdit" => "Stj_Cold",
                        "Floor_UnrelatedEdit" => "Floor_Cold",
                        _ => null,
                    }),
                    new W5PerEventColumn(bytes: false),
                    new W5PerEventColumn(bytes: true),
                    new OverDoNothingColumn(),
                    new ScannedColumn(),
                    new SlopeColumn(),
                    new PerItemColumn("Types", "type"))
                .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
                .WithOptions(ConfigOptions.DisableLogFile);
        }

        /// <summary>The cold-start probe belongs to the schema workload: run it when a filter selects SchemaAccess.</summary>
        private static bool WantsColdSchemaProbe(string[] args) =>
            Prewarm.Filters(args).Any(p => p.IsMatch("StructGen.Benchmarks.SchemaAccess.ColdStart"));

        private static string ArtifactsPath(string[] args, IConfig config)
        {
            int at = Array.IndexOf(args, "--artifacts");
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : config.ArtifactsPath ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
        }
    }
}
