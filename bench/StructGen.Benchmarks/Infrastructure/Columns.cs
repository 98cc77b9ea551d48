using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>Helpers shared by the custom columns.</summary>
    internal static class CaseInfo
    {
        /// <summary>The median time per operation: robust to the other processes of a shared 2-core machine.</summary>
        public static double? MeanNs(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics?.Median;

        public static double? AllocatedBytes(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report is null || report.GcStats.TotalOperations == 0) return null;
            return report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        }

        public static object? Param(BenchmarkCase benchmarkCase, string name) =>
            benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;

        /// <summary>The case of <paramref name="method"/> in the same class with the same parameters.</summary>
        public static BenchmarkCase? Sibling(Summary summary, BenchmarkCase benchmarkCase, string method) =>
            summary.BenchmarksCases.FirstOrDefault(c =>
                c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
                c.Descriptor.WorkloadMethod.Name == method &&
                c.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo &&
                c.Job.Id == benchmarkCase.Job.Id);

        public static string Format(double value) =>
            value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value >= 10 ? value.ToString("N1", CultureInfo.InvariantCulture)
            : value.ToString("N2", CultureInfo.InvariantCulture);

        public static string FormatRatio(double value) =>
            value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) + "x"
            : value >= 0.01 ? value.ToString("0.00", CultureInfo.InvariantCulture) + "x"
            : value.ToString("0.0e0", CultureInfo.InvariantCulture) + "x";
    }

    /// <summary>Per-event time and allocation for W1 (divides by the SSE events in the stream parameter).</summary>
    public sealed class PerEventColumn : IColumn
    {
        public enum What { Time, Bytes, BytesWithoutUserStrings }

        private readonly What _what;

        public PerEventColumn(What what) => _what = what;

        public string Id => "PerEvent." + _what;
        public string ColumnName => _what switch
        {
            What.Time => "ns/event",
            What.Bytes => "B/event",
            _ => "B/event excl. strings",
        };
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => (int)_what;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => _what switch
        {
            What.Time => "Median time per SSE event ([DONE] included)",
            What.Bytes => "Bytes allocated per SSE event",
            _ => "Bytes allocated per SSE event, minus the delta strings handed to the user (x64 string size)",
        };

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Body(c) is not null);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var body = Body(benchmarkCase);
            if (body is null) return "-";
            if (_what == What.Time)
            {
                var mean = CaseInfo.MeanNs(summary, benchmarkCase);
                return mean is null ? "NA" : CaseInfo.Format(mean.Value / body.Events);
            }

            var bytes = CaseInfo.AllocatedBytes(summary, benchmarkCase);
            if (bytes is null) return "NA";
            if (_what == What.BytesWithoutUserStrings && benchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("Floor", StringComparison.Ordinal)) return "n/a";
            double value = _what == What.Bytes ? bytes.Value : bytes.Value - body.UserStringBytes;
            return CaseInfo.Format(value / body.Events);
        }

        private static SseBody? Body(BenchmarkCase benchmarkCase) =>
            CaseInfo.Param(benchmarkCase, "Stream") is StreamKind kind ? SyntheticStreams.Get(kind) : null;
    }

    /// <summary>This case's mean divided by another method's mean with the same parameters.</summary>
    public sealed class RatioToColumn : IColumn
    {
        private readonly string _header;
        private readonly Func<string, string?> _reference;

        /// <param name="header">Column header.</param>
        /// <param name="reference">Maps a method name to the method it is compared with (null: no value).</param>
        public RatioToColumn(string header, Func<string, string?> reference)
        {
            _header = header;
            _reference = reference;
        }

        public string Id => "RatioTo." + _header;
        public string ColumnName => _header;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Median of this method / median of the method it is compared with, same parameters";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => _reference(c.Descriptor.WorkloadMethod.Name) is not null);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var method = _reference(benchmarkCase.Descriptor.WorkloadMethod.Name);
            if (method is null) return "-";
            var other = CaseInfo.Sibling(summary, benchmarkCase, method);
            if (other is null) return "-";
            var a = CaseInfo.MeanNs(summary, benchmarkCase);
            var b = CaseInfo.MeanNs(summary, other);
            return a is null || b is null || b.Value == 0 ? "NA" : CaseInfo.FormatRatio(a.Value / b.Value);
        }
    }
}
