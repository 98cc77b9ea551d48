using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// Runs every selected benchmark method a few times on its smallest parameters before
    /// BenchmarkDotNet starts. The default job runs in process, so without this the first case of
    /// each class pays for tier-0 code and tiering delays that its short warm-up does not absorb
    /// (seen as a 10x outlier on the first W1 case on a busy 2-core machine).
    /// </summary>
    public static class Prewarm
    {
        public static void Run(string[] args)
        {
            var patterns = Filters(args);
            if (patterns.Length == 0) return;
            var watch = Stopwatch.StartNew();
            foreach (var type in typeof(Prewarm).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)))
            {
                var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
                    .Where(m => patterns.Any(p => p.IsMatch(type.FullName + "." + m.Name))).ToList();
                if (methods.Count == 0) continue;
                var instance = Activator.CreateInstance(type)!;
                foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
                {
                    // The smallest (or first) value of each parameter.
                    var values = property.GetCustomAttribute<ParamsAttribute>()!.Values;
                    var value = values.OfType<int>().Any() ? values.OfType<int>().Min() : values[0];
                    property.SetValue(instance, value);
                }

                type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null)?.Invoke(instance, null);
                int rounds = type.Name == "W4Generator" || type.Name == "W2RepairReparse" ? 2 : 20;
                foreach (var method in methods)
                {
                    for (int i = 0; i < rounds; i++)
                    {
                        var result = method.Invoke(instance, null);
                        if (result is System.Threading.Tasks.Task task) task.GetAwaiter().GetResult();
                    }
                }

                type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null)?.Invoke(instance, null);
            }

            Console.WriteLine("// Pre-warm (every selected method on its smallest parameters): " + watch.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s");
        }

        /// <summary>
        /// For <c>--isolated</c> runs: every selected W2 class's setup, once per parameter set, in this process. The
        /// setups validate each workload and record what the W2 columns and the targets report read (partials published,
        /// characters scanned); in an isolated run the setups BenchmarkDotNet calls happen in the child processes,
        /// whose records this process cannot see.
        /// </summary>
        public static void RecordW2Setups(string[] args)
        {
            var patterns = Filters(args);
            foreach (var type in new[] { typeof(W2PartialObjects), typeof(W2RepairReparse) })
            {
                bool selected = type.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null && patterns.Any(p => p.IsMatch(type.FullName + "." + m.Name)));
                if (!selected) continue;
                var sizes = type.GetProperty(nameof(W2PartialObjects.Size))!.GetCustomAttribute<ParamsAttribute>()!.Values.Cast<int>();
                foreach (var shape in Enum.GetValues<Shape>())
                {
                    foreach (int size in sizes)
                    {
                        var instance = Activator.CreateInstance(type)!;
                        type.GetProperty(nameof(W2PartialObjects.Shape))!.SetValue(instance, shape);
                        type.GetProperty(nameof(W2PartialObjects.Size))!.SetValue(instance, size);
                        type.GetMethod("Setup")!.Invoke(instance, null);
                    }
                }
            }
        }

        /// <summary>The <c>--filter</c> globs as regular expressions (none for <c>--list</c>/<c>--help</c>).</summary>
        public static Regex[] Filters(string[] args)
        {
            if (args.Contains("--list") || args.Contains("--help") || args.Contains("--info") || args.Contains("--version")) return Array.Empty<Regex>();
            var patterns = new System.Collections.Generic.List<Regex>();
            for (int i = 0; i < args.Length - 1; i++)
            {
                if (args[i] != "--filter" && args[i] != "-f") continue;
                for (int j = i + 1; j < args.Length && !args[j].StartsWith("-", StringComparison.Ordinal); j++)
                {
                    var pattern = "^" + Regex.Escape(args[j]).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
                    patterns.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
                }
            }

            return patterns.ToArray();
        }
    }
}
