using System.Threading.Tasks;
#if NET
using PendingRead = System.Threading.Tasks.ValueTask<int>;
#else
using PendingRead = System.Threading.Tasks.Task<int>;
#endif

namespace StructGen.Chat
{
    /// <summary>
    /// What a chat stream's next move waits on: a socket read of our own transport (see
    /// <c>Transport.ISteppedSource</c>), or the pending move of a source that is not ours.
    /// </summary>
    internal readonly struct PendingMove
    {
        public PendingMove(PendingRead read)
        {
            Read = read;
            Move = default;
            IsRead = true;
        }

        public PendingMove(ValueTask<bool> move)
        {
            Read = default!;
            Move = move;
            IsRead = false;
        }

        /// <summary>True when <see cref="Read"/> is pending, false when <see cref="Move"/> is.</summary>
        public bool IsRead { get; }

        public PendingRead Read { get; }

        public ValueTask<bool> Move { get; }
    }
}
