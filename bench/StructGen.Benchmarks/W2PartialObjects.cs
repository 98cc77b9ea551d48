using System;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StructGen.Benchmarks.Infrastructure;
using StructGen.Benchmarks.Models;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W2: partial objects. A document of 4 KB … 1 MB streamed in deltas of 1–8 characters
    /// (deterministic). Ours: the generated parser, <c>Append</c> every delta and read <c>Current</c>,
    /// then <c>Complete()</c>. Baseline: one System.Text.Json source-generated deserialize of the final text.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(W2Config))]
    public class W2PartialObjects
    {
        private W2Workload _workload = null!;

        [Params(Shape.ManySmallItems, Shape.OneLongString)]
        public Shape Shape { get; set; }

        [Params(4 * 1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _workload = new W2Workload(Shape, Size);
            _workload.Validate(nameof(StructGen_PartialEveryDelta), nameof(Stj_FullDeserialize), repairMethod: null);
            PublishedRegistry.Record(nameof(StructGen_PartialEveryDelta), Shape, Size, _workload.PublishedEveryDelta());
            PublishedRegistry.Record(nameof(StructGen_PartialEvery8thDelta), Shape, Size, _workload.PublishedAtUiRate());
        }

        /// <summary>Ours: a partial after every delta, then the validated value.</summary>
        [Benchmark]
        public object StructGen_PartialEveryDelta() => _workload.Ours();

        /// <summary>
        /// Ours at UI rate: every delta applied, a partial built and read after every 8th (a 60 fps view
        /// of a fast model; what <c>PartialPublication.PerBatch</c>/<c>AtMostEvery</c> do in a stream).
        /// </summary>
        [Benchmark]
        public object StructGen_PartialEvery8thDelta() => _workload.OursAtUiRate();

        /// <summary>One full source-generated System.Text.Json deserialize of the final text.</summary>
        [Benchmark(Baseline = true)]
        public object Stj_FullDeserialize() => _workload.FullDeserialize();
    }

    /// <summary>
    /// W2, the quadratic peer: repair the accumulated prefix and deserialize it on every delta. Only
    /// 4/16/64 KB (it is quadratic: ~8 s per run at 64 KB). Compared with <see cref="W2PartialObjects"/>'s
    /// StructGen row of the same shape and size in the targets report. One run per iteration, no
    /// warm-up iterations beyond BenchmarkDotNet's jitting run (the pre-warm ran it too): at 64 KB a
    /// run takes 5–10 s and the ratio to ours is in the thousands, far from any noise.
    /// </summary>
    [MemoryDiagnoser]
    [WarmupCount(0)]
    [IterationCount(3)]
    [InvocationCount(1, 1)]
    [EvaluateOverhead(false)]
    public class W2RepairReparse
    {
        private W2Workload _workload = null!;

        [Params(Shape.ManySmallItems, Shape.OneLongString)]
        public Shape Shape { get; set; }

        [Params(4 * 1024, 16 * 1024, 64 * 1024)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _workload = new W2Workload(Shape, Size);
            _workload.Validate(oursMethod: null, fullMethod: null, repairMethod: nameof(Repair_ReparseEveryDelta));
        }

        /// <summary>Repair the whole prefix and JsonSerializer.Deserialize it on every delta.</summary>
        [Benchmark]
        public object? Repair_ReparseEveryDelta() => _workload.RepairEveryDelta();
    }

    /// <summary>The W2 document, its deltas and the three ways of reading them.</summary>
    public sealed class W2Workload
    {
        private readonly Shape _shape;
        private readonly int _size;
        private readonly string _text;
        private readonly string[] _deltas;
        private readonly RepairingReparser _repair = new RepairingReparser();
        private object? _lastPartial;

        public W2Workload(Shape shape, int size)
        {
            _shape = shape;
            _size = size;
            _text = Documents.Get(shape, size);
            _deltas = SyntheticStreams.Deltas(_text, seed: size + (int)shape);
        }

        public object Ours() => _shape == Shape.ManySmallItems ? Ours(Inventory.StructuredOutput) : Ours(Article.StructuredOutput);

        private T Ours<T, TPartial>(StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            var parser = type.CreateParser();
            foreach (var delta in _deltas)
            {
                parser.Append(delta);
                _lastPartial = parser.Current;
            }

            return parser.Complete();
        }

        /// <summary>Every delta applied, a partial published and read after every <see cref="UiRate"/>th and at the end.</summary>
        public object OursAtUiRate() => _shape == Shape.ManySmallItems ? OursAtUiRate(Inventory.StructuredOutput) : OursAtUiRate(Article.StructuredOutput);

        /// <summary>Deltas per partial in the UI-rate variant.</summary>
        public const int UiRate = 8;

        private T OursAtUiRate<T, TPartial>(StructuredOutputType<T, TPartial> type)
            where TPartial : class
        {
            var parser = type.CreateParser();
            var deltas = _deltas;
            for (int i = 0; i < deltas.Length; i++)
            {
                parser.Apply(deltas[i].AsSpan());
                if ((i + 1) % UiRate == 0 && parser.PublishPending()) _lastPartial = parser.Current;
            }

            if (parser.PublishPending()) _lastPartial = parser.Current;
            return parser.Complete();
        }

        /// <summary>How many partials the every-delta method publishes (for bytes per partial).</summary>
        public int PublishedEveryDelta()
        {
            return _shape == Shape.ManySmallItems ? Count(Inventory.StructuredOutput.CreateParser()) : Count(Article.StructuredOutput.CreateParser());

            int Count<T, TPartial>(StreamingParser<T, TPartial> p)
                where TPartial : class
            {
                foreach (var delta in _deltas) p.Append(delta);
                p.Complete();
                return p.PublishedCount;
            }
        }

        /// <summary>How many partials the UI-rate method publishes.</summary>
        public int PublishedAtUiRate()
        {
            return _shape == Shape.ManySmallItems ? Count(Inventory.StructuredOutput.CreateParser()) : Count(Article.StructuredOutput.CreateParser());

            int Count<T, TPartial>(StreamingParser<T, TPartial> p)
                where TPartial : class
            {
                for (int i = 0; i < _deltas.Length; i++)
                {
                    p.Apply(_deltas[i].AsSpan());
                    if ((i + 1) % UiRate == 0) p.PublishPending();
                }

                p.PublishPending();
                p.Complete();
                return p.PublishedCount;
            }
        }

        public object FullDeserialize() => _shape == Shape.ManySmallItems
            ? JsonSerializer.Deserialize(_text, PeerJsonContext.Default.Inventory)!
            : JsonSerializer.Deserialize(_text, PeerJsonContext.Default.Article)!;

        public object? RepairEveryDelta()
        {
            _repair.Reset();
            object? last = null;
            foreach (var delta in _deltas)
            {
                var repaired = _repair.Append(delta);
                if (repaired is null) continue;
                last = _shape == Shape.ManySmallItems
                    ? JsonSerializer.Deserialize(repaired, PeerJsonContext.Default.Inventory)
                    : JsonSerializer.Deserialize(repaired, PeerJsonContext.Default.Article);
            }

            return last;
        }

        /// <summary>
        /// Checks every method ends with the same value as a full parse, and records how many characters
        /// each examined per character of the document (<see cref="ScannedColumn"/>).
        /// </summary>
        public void Validate(string? oursMethod, string? fullMethod, string? repairMethod)
        {
            string expected = Serialize(FullDeserialize());
            string ours = Serialize(Ours());
            if (Serialize(OursAtUiRate()) != expected) throw new InvalidOperationException("StructGen's final value at UI rate differs from System.Text.Json's (" + _shape + ", " + _size + ").");
            if (ours != expected) throw new InvalidOperationException("StructGen's final value differs from System.Text.Json's (" + _shape + ", " + _size + ").");
            if (oursMethod is not null) ScanRegistry.Record(oursMethod, _shape, _size, OursScanned());
            if (fullMethod is not null) ScanRegistry.Record(fullMethod, _shape, _size, "1.00x");
            if (repairMethod is not null)
            {
                var last = RepairEveryDelta();
                if (last is null || Serialize(last) != expected) throw new InvalidOperationException("Repair-and-reparse's final value differs (" + _shape + ", " + _size + ").");
                double scanned = (double)(_repair.ScannedChars + _repair.ParsedChars) / _text.Length;
                ScanRegistry.Record(repairMethod, _shape, _size, scanned.ToString("N0", CultureInfo.InvariantCulture) + "x");
            }
        }

        /// <summary>
        /// Ours: the characters the resumable tokenizer consumed (its <c>Offset</c>, read from the parser
        /// once after the run) over the characters fed in. Each delta is handed over once and the
        /// tokenizer's position only moves forward, so this is the rescanning factor.
        /// </summary>
        private string OursScanned()
        {
            object parser = _shape == Shape.ManySmallItems ? Inventory.StructuredOutput.CreateParser() : Article.StructuredOutput.CreateParser();
            var append = parser.GetType().GetMethod("Append", new[] { typeof(string) })!;
            var complete = parser.GetType().GetMethod("Complete")!;
            foreach (var delta in _deltas) append.Invoke(parser, new object[] { delta });
            complete.Invoke(parser, null);
            var tokenizer = parser.GetType().GetField("_tokenizer", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(parser) as JsonStreamTokenizer;
            if (tokenizer is null) return "1.00x (by construction)";
            return ((double)tokenizer.Offset / _text.Length).ToString("0.00", CultureInfo.InvariantCulture) + "x";
        }

        private string Serialize(object value) => value switch
        {
            Inventory inventory => JsonSerializer.Serialize(inventory, PeerJsonContext.Default.Inventory),
            Article article => JsonSerializer.Serialize(article, PeerJsonContext.Default.Article),
            _ => throw new ArgumentException("Unexpected value " + value),
        };
    }
}
