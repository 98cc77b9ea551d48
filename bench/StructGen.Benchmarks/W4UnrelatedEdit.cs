using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using StructGen.Benchmarks.Infrastructure;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W4, what the user waits for: an unrelated method body changes and each generator's warm driver runs
    /// again (<see cref="W4State.Edited"/>, the same inputs as <see cref="W4Generator"/>), beside a driver whose
    /// generator does nothing. The driver's own work (the new compilation, the syntax-tree diff) is the same for
    /// all, so "over do-nothing" (this median minus the do-nothing median) is what the generator adds to an edit.
    /// Many runs per iteration (the default job): the operations take milliseconds.
    /// </summary>
    [MemoryDiagnoser]
    public class W4UnrelatedEdit
    {
        private W4State _state = null!;
        private GeneratorDriver _nothingWarm = null!;

        [Params(10, 100, 1_000)]
        public int Types { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _state = W4State.Get(Types);
            _nothingWarm = W4State.Driver(new DoNothingGenerator().AsSourceGenerator()).RunGenerators(_state.Compilation);
        }

        /// <summary>A generator that registers nothing, same driver, same edit: the cost of the edit without any generator work.</summary>
        [Benchmark(Baseline = true)]
        public GeneratorDriver DoNothing_UnrelatedEdit() => _nothingWarm.RunGenerators(_state.Edited());

        /// <summary>Ours.</summary>
        [Benchmark]
        public GeneratorDriver StructGen_UnrelatedEdit() => _state.OursWarm.RunGenerators(_state.Edited());

        /// <summary>The System.Text.Json source generator.</summary>
        [Benchmark]
        public GeneratorDriver Stj_UnrelatedEdit() => _state.StjWarm.RunGenerators(_state.Edited());

        /// <summary>The floor of an attribute-driven generator (<see cref="FloorGenerator"/>).</summary>
        [Benchmark]
        public GeneratorDriver Floor_UnrelatedEdit() => _state.FloorWarm.RunGenerators(_state.Edited());
    }

    /// <summary>An incremental generator that registers nothing.</summary>
    public sealed class DoNothingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
        }
    }

    /// <summary>W4: the median of this case minus the median of <c>DoNothing_UnrelatedEdit</c> with the same parameters, in ms.</summary>
    public sealed class OverDoNothingColumn : IColumn
    {
        public string Id => "W4.OverDoNothing";
        public string ColumnName => "over do-nothing (ms)";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 30;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Median of this method minus the median of the do-nothing generator on the same driver and edit (W4)";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(W4UnrelatedEdit));
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Descriptor.Type != typeof(W4UnrelatedEdit)) return "-";
            var nothing = CaseInfo.Sibling(summary, benchmarkCase, nameof(W4UnrelatedEdit.DoNothing_UnrelatedEdit));
            var a = CaseInfo.MeanNs(summary, benchmarkCase);
            var b = nothing is null ? null : CaseInfo.MeanNs(summary, nothing);
            return a is null || b is null ? "NA" : ((a.Value - b.Value) / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
        }
    }
}
