using System;
using System.Globalization;

namespace StructGen.Chat
{
    /// <summary>
    /// How often a structured stream publishes a typed partial (<see cref="ChatRequestOptions.PartialPublication"/>).
    /// Every policy keeps the guarantees of partials (strings only grow, complete members never change, a
    /// partial only when something visible changed) and ends with a partial showing everything received.
    /// Element streams (<c>{Member}ElementsAsync()</c>) are not affected.
    /// </summary>
    public sealed class PartialPublication
    {
        private PartialPublication(PartialPublicationKind kind, TimeSpan interval)
        {
            Kind = kind;
            Interval = interval;
        }

        /// <summary>A partial after every text delta that changed something visible (the default).</summary>
        public static PartialPublication EveryDelta { get; } = new PartialPublication(PartialPublicationKind.EveryDelta, TimeSpan.Zero);

        /// <summary>
        /// One partial per batch: every delta already received (decoded from the bytes the network
        /// delivered) is applied, then one partial is built before the stream waits for more. No partial
        /// is ever later than with <see cref="EveryDelta"/>; fewer are built when deltas arrive together.
        /// </summary>
        public static PartialPublication PerBatch { get; } = new PartialPublication(PartialPublicationKind.PerBatch, TimeSpan.Zero);

        /// <summary>
        /// At most one partial per <paramref name="interval"/> (a debounce for views that render at a
        /// fixed rate): changes within the interval are gathered into the next partial, which is published
        /// when the interval has passed, whether or not another delta arrived; the last partial comes at
        /// the end of the answer.
        /// </summary>
        /// <param name="interval">The shortest time between two partials; more than zero.</param>
        public static PartialPublication AtMostEvery(TimeSpan interval)
        {
            if (interval <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be more than zero; use PartialPublication.EveryDelta for a partial per delta.");
            }

            return new PartialPublication(PartialPublicationKind.Interval, interval);
        }

        /// <summary>The policy.</summary>
        public PartialPublicationKind Kind { get; }

        /// <summary>The shortest time between two partials (<see cref="PartialPublicationKind.Interval"/>); zero otherwise.</summary>
        public TimeSpan Interval { get; }

        /// <inheritdoc />
        public override string ToString() => Kind == PartialPublicationKind.Interval
            ? "AtMostEvery(" + Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms)"
            : Kind.ToString();
    }

    /// <summary>The kinds of <see cref="PartialPublication"/>.</summary>
    public enum PartialPublicationKind
    {
        /// <summary>A partial after every delta (<see cref="PartialPublication.EveryDelta"/>).</summary>
        EveryDelta,

        /// <summary>One partial per batch of deltas already received (<see cref="PartialPublication.PerBatch"/>).</summary>
        PerBatch,

        /// <summary>At most one partial per interval (<see cref="PartialPublication.AtMostEvery"/>).</summary>
        Interval,
    }
}
