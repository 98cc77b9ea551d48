using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Chat
{
    /// <summary>
    /// The time source of <see cref="PartialPublication.AtMostEvery"/>: monotonic time and a delay.
    /// Internal so tests can drive the interval policy without sleeping.
    /// </summary>
    internal abstract class PublicationClock
    {
        /// <summary>The machine's monotonic clock and <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
        public static PublicationClock System { get; } = new SystemClock();

        /// <summary>Monotonic time since an arbitrary origin.</summary>
        public abstract TimeSpan Now { get; }

        /// <summary>Completes after <paramref name="due"/>, or is cancelled by <paramref name="cancellationToken"/>.</summary>
        public abstract Task Delay(TimeSpan due, CancellationToken cancellationToken);

        private sealed class SystemClock : PublicationClock
        {
            private readonly Stopwatch _watch = Stopwatch.StartNew();

            public override TimeSpan Now => _watch.Elapsed;

            public override Task Delay(TimeSpan due, CancellationToken cancellationToken) => Task.Delay(due, cancellationToken);
        }
    }
}
