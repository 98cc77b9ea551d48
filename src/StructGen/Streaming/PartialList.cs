using System;
using System.Collections;
using System.Collections.Generic;

namespace StructGen.Streaming
{
    /// <summary>
    /// An immutable snapshot of a list that is still streaming: the elements completed so far, plus
    /// the element being written (if any) as the last item.
    /// </summary>
    /// <remarks>
    /// Snapshots share one append-only buffer of completed elements, so publishing a new snapshot
    /// costs O(1) in the list's length. Only the last element can be incomplete.
    /// </remarks>
    /// <typeparam name="T">The element type shown while streaming.</typeparam>
    public sealed class PartialList<T> : IReadOnlyList<T>
    {
        private readonly T[] _completed;
        private readonly T _tail;

        internal PartialList(T[] completed, int completedCount, bool hasTail, T tail)
        {
            _completed = completed;
            CompletedCount = completedCount;
            HasIncompleteTail = hasTail;
            _tail = tail;
        }

        /// <summary>An empty list.</summary>
        public static PartialList<T> Empty { get; } = new PartialList<T>(Array.Empty<T>(), 0, false, default!);

        /// <summary>How many elements are complete; they are the first <see cref="CompletedCount"/> items and never change.</summary>
        public int CompletedCount { get; }

        /// <summary>Whether the last item is an element still being written.</summary>
        public bool HasIncompleteTail { get; }

        /// <inheritdoc />
        public int Count => CompletedCount + (HasIncompleteTail ? 1 : 0);

        /// <inheritdoc />
        public T this[int index]
        {
            get
            {
                if ((uint)index < (uint)CompletedCount) return _completed[index];
                if (HasIncompleteTail && index == CompletedCount) return _tail;
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>Whether the element at <paramref name="index"/> is complete.</summary>
        public bool IsComplete(int index) => (uint)index < (uint)CompletedCount;

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < CompletedCount; i++) yield return _completed[i];
            if (HasIncompleteTail) yield return _tail;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
