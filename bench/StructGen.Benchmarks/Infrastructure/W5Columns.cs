using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>W5's time and allocation per SSE event (divides by the events of the protocol's stream).</summary>
    public sealed class W5PerEventColumn : IColumn
    {
        private readonly bool _bytes;

        public W5PerEventColumn(bool bytes) => _bytes = bytes;

        public string Id => "W5PerEvent." + (_bytes ? "Bytes" : "Time");
        public string ColumnName => _bytes ? "W5 B/event" : "W5 ns/event";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => _bytes ? 21 : 20;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => _bytes ? "Bytes allocated per SSE event (W5)" : "Median time per SSE event (W5)";

        public bool IsAvailable(Summary summary) => System.Linq.Enumerable.Any(summary.BenchmarksCases, c => Body(c) is not null);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var body = Body(benchmarkCase);
            if (body is null) return "-";
            double? value = _bytes ? CaseInfo.AllocatedBytes(summary, benchmarkCase) : CaseInfo.MeanNs(summary, benchmarkCase);
            return value is null ? "NA" : CaseInfo.Format(value.Value / body.Events);
        }

        private static SseBody? Body(BenchmarkCase benchmarkCase) =>
            CaseInfo.Param(benchmarkCase, "Protocol") is Protocol protocol ? ProtocolStreams.Get(protocol) : null;
    }
}
