using System;
using System.Collections.Generic;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// A source of updates whose caller awaits its pending socket reads itself (as <c>SseReader.TryReadNext</c> does
    /// one level down), so a paused stream holds no async state machine of the source's: only the consumer-facing
    /// iterator waits. Sources that are not ours are read through plain <c>MoveNextAsync</c>.
    /// </summary>
    internal interface ISteppedSource : IAsyncEnumerator<ChatStreamUpdate>
    {
        /// <summary>
        /// Makes the next update current if it is here. True when an update is current or the source ended
        /// (<paramref name="more"/> says which); false when a read is pending: await <paramref name="read"/> once,
        /// then pass its result to <see cref="Resume"/> (or what it threw to <see cref="Fail"/>) and call again.
        /// </summary>
        bool TryMoveNext(out bool more, out PendingRead read);

        /// <summary>Takes the result of the read <see cref="TryMoveNext"/> left pending.</summary>
        void Resume(int bytesRead);

        /// <summary>
        /// Takes what the pending read threw: throws what the caller should see, or returns when the source still
        /// ends normally (call <see cref="TryMoveNext"/> again for the rest).
        /// </summary>
        void Fail(Exception exception);

        /// <summary>
        /// The consumer leaves while the read is pending (a batching policy published a partial while it waited):
        /// stops the read. Once it returns, <see cref="Resume"/> or <see cref="Fail"/> close the source instead of
        /// going on (<see cref="Fail"/> then throws an <see cref="OperationCanceledException"/>).
        /// </summary>
        void Abandon();
    }
}
