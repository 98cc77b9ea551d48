using System;
using System.Diagnostics;
using System.Globalization;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// Runs StructGen's side of W1, W2 or W5 in a plain loop, for a sampling profiler (docs/benchmarks.md shows the
    /// <c>perf</c> command): <c>--profile W1 Text15k 16384 200</c>, <c>--profile W5 Gemini 7 2000</c>
    /// (workload, stream or protocol, read size, runs) or <c>--profile W2 ManySmallItems 65536 200</c> (shape,
    /// document size, runs; a partial after every delta). Prints the mean time per event (W2: per delta), which on a busy machine
    /// is only a rough guide; compare where the samples fall, not these times.
    /// </summary>
    internal static class ProfileLoop
    {
        public const string Switch = "--profile";

        public static int Run(string[] args)
        {
            if (args.Length != 5)
            {
                Console.Error.WriteLine("usage: --profile W1 <Text1k|Text15k|Tool1k> <read size> <runs> | --profile W5 <ChatCompletions|Responses|Anthropic|Gemini> <read size> <runs> | --profile W2 <ManySmallItems|OneLongString> <size> <runs>");
                return 2;
            }

            int readSize = int.Parse(args[3], CultureInfo.InvariantCulture);
            int runs = int.Parse(args[4], CultureInfo.InvariantCulture);
            Func<long> once;
            int events;
            if (args[1] == "W1")
            {
                var w1 = new W1SseDecode { Stream = Enum.Parse<StreamKind>(args[2]), ReadSize = readSize };
                w1.Setup();
                once = () => w1.StructGen().GetAwaiter().GetResult();
                events = SyntheticStreams.Get(w1.Stream).Events;
            }
            else if (args[1] == "W5")
            {
                var w5 = new W5ProtocolDecode { Protocol = Enum.Parse<Protocol>(args[2]), ReadSize = readSize };
                w5.Setup();
                once = () => w5.StructGen().GetAwaiter().GetResult();
                events = ProtocolStreams.Get(w5.Protocol).Events;
            }
            else if (args[1] == "W2")
            {
                var shape = Enum.Parse<Shape>(args[2]);
                var w2 = new W2Workload(shape, readSize);
                once = () => w2.Ours() is null ? 0 : 1;
                events = SyntheticStreams.Deltas(Documents.Get(shape, readSize), seed: readSize + (int)shape).Length;
            }
            else
            {
                Console.Error.WriteLine("unknown workload '" + args[1] + "': W1, W2 or W5");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            for (int i = 0; i < runs; i++) once();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} runs, {1:F0} ns/event", runs, clock.Elapsed.TotalMilliseconds * 1e6 / runs / events));
            return 0;
        }
    }
}
