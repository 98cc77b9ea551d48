using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// Characters scanned per character of the document, recorded by each W2 benchmark's setup
    /// (which runs the workload once, instrumented). Visible to the columns because the default job
    /// runs in process.
    /// </summary>
    public static class ScanRegistry
    {
        private static readonly ConcurrentDictionary<string, string> Values = new ConcurrentDictionary<string, string>();

        public static void Record(string method, Shape shape, int size, string value) => Values[Key(method, shape, size)] = value;

        public static string? Get(string method, Shape shape, int size) => Values.TryGetValue(Key(method, shape, size), out var v) ? v : null;

        private static string Key(string method, Shape shape, int size) => method + "|" + shape + "|" + size.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"Scanned / doc": how many characters were examined per character of the final document.</summary>
    public sealed class ScannedColumn : IColumn
    {
        public string Id => "W2.Scanned";
        public string ColumnName => "Scanned/doc";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 20;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Characters examined (tokenizer, repair scan, JSON parser) / characters in the final document";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CaseInfo.Param(c, "Shape") is Shape);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (CaseInfo.Param(benchmarkCase, "Shape") is not Shape shape || CaseInfo.Param(benchmarkCase, "Size") is not int size) return "-";
            return ScanRegistry.Get(benchmarkCase.Descriptor.WorkloadMethod.Name, shape, size) ?? "?";
        }
    }

    /// <summary>The log-log slope of mean time vs document size, per method and shape (least squares over the sizes run).</summary>
    public sealed class SlopeColumn : IColumn
    {
        public string Id => "W2.Slope";
        public string ColumnName => "log-log slope";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 21;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Slope of ln(median) vs ln(size) for this method and shape over all sizes run (1.0 = linear)";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CaseInfo.Param(c, "Shape") is Shape);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (CaseInfo.Param(benchmarkCase, "Shape") is not Shape shape) return "-";
            var points = summary.BenchmarksCases
                .Where(c => c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
                            c.Descriptor.WorkloadMethod.Name == benchmarkCase.Descriptor.WorkloadMethod.Name &&
                            CaseInfo.Param(c, "Shape") is Shape s && s == shape &&
                            CaseInfo.Param(c, "Size") is int)
                .Select(c => (X: Math.Log((int)CaseInfo.Param(c, "Size")!), Y: CaseInfo.MeanNs(summary, c)))
                .Where(p => p.Y is > 0)
                .Select(p => (p.X, Y: Math.Log(p.Y!.Value)))
                .ToList();
            if (points.Count < 2) return "-";
            double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
            double slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
            return slope.ToString("0.00", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Mean time per item of an integer parameter (W4: per type).</summary>
    public sealed class PerItemColumn : IColumn
    {
        private readonly string _parameter;
        private readonly string _unit;

        public PerItemColumn(string parameter, string unit)
        {
            _parameter = parameter;
            _unit = unit;
        }

        public string Id => "PerItem." + _parameter;
        public string ColumnName => "µs/" + _unit;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 5;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Median / " + _parameter + ", in microseconds";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CaseInfo.Param(c, _parameter) is int);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (CaseInfo.Param(benchmarkCase, _parameter) is not int n || n == 0) return "-";
            var mean = CaseInfo.MeanNs(summary, benchmarkCase);
            return mean is null ? "NA" : CaseInfo.Format(mean.Value / n / 1000.0);
        }
    }
}

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>How many partials each W2 method publishes per run, recorded by the setup (outside the timed code).</summary>
    public static class PublishedRegistry
    {
        private static readonly ConcurrentDictionary<string, int> Values = new ConcurrentDictionary<string, int>();

        public static void Record(string method, Shape shape, int size, int published) => Values[Key(method, shape, size)] = published;

        public static int? Get(string method, Shape shape, int size) => Values.TryGetValue(Key(method, shape, size), out var v) ? v : null;

        private static string Key(string method, Shape shape, int size) => method + "|" + shape + "|" + size.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"B/partial": allocated bytes per operation over the partials published in it.</summary>
    public sealed class BytesPerPartialColumn : IColumn
    {
        public string Id => "W2.BytesPerPartial";
        public string ColumnName => "B/partial";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 22;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Allocated bytes per operation / partials published in it (the whole run: parser, nodes, final value included)";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => CaseInfo.Param(c, "Shape") is Shape);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (CaseInfo.Param(benchmarkCase, "Shape") is not Shape shape || CaseInfo.Param(benchmarkCase, "Size") is not int size) return "-";
            var published = PublishedRegistry.Get(benchmarkCase.Descriptor.WorkloadMethod.Name, shape, size);
            var bytes = CaseInfo.AllocatedBytes(summary, benchmarkCase);
            return published is > 0 && bytes is { } b ? CaseInfo.Format(b / published.Value) : "-";
        }
    }

    /// <summary>W2's extra column (the shared config in Program adds the others).</summary>
    public sealed class W2Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public W2Config() => AddColumn(new BytesPerPartialColumn());
    }
}
