using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>A node that produces a final, validated C# value once complete.</summary>
    /// <typeparam name="TValue">The C# type of the final value.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class ValueNode<TValue> : PartialNode
    {
        private TValue _value = default!;

        /// <inheritdoc />
        protected ValueNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>
        /// The final value (<see langword="default"/> for a JSON <c>null</c>); computed once, since a
        /// complete value never changes.
        /// </summary>
        /// <exception cref="StructuredOutputException">The value is unfinished or fails validation.</exception>
        public TValue GetValue()
        {
            if (State != FieldState.Complete) throw Incomplete();
            if (!Has(NodeFlags.HasValue))
            {
                _value = IsNull ? default! : BuildValue();
                if (!IsNull) Constraints?.Check(this, _value);
                Set(NodeFlags.HasValue, true);
            }

            return _value;
        }

        /// <summary>Builds the final value of a complete, non-null node.</summary>
        protected abstract TValue BuildValue();

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();
            Set(NodeFlags.HasValue, false);
            _value = default!;
        }
    }

    /// <summary>A node that also publishes immutable snapshots of its partial value.</summary>
    /// <typeparam name="TValue">The C# type of the final value.</typeparam>
    /// <typeparam name="TSnapshot">The type of the partial snapshot shown while streaming.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class PartialNode<TValue, TSnapshot> : ValueNode<TValue>
    {
        private TSnapshot? _snapshot;

        /// <inheritdoc />
        protected PartialNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <summary>
        /// The snapshot of the current value. Rebuilt only when something changed since the last
        /// call; otherwise the previous (shared) snapshot is returned. <see langword="null"/> while a
        /// <c>[StreamRequires]</c> contract withholds the value.
        /// </summary>
        public TSnapshot? Snapshot() => IsDirty || IsGated || SnapshotStale ? Rebuild() : _snapshot;

        /// <summary>
        /// Marks the value published without building a snapshot object (a partial that holds the member inline,
        /// <see cref="StringNode.View"/>): later changes mark the ancestors again, and a later <see cref="Snapshot"/>
        /// builds a fresh one rather than returning one from before.
        /// </summary>
        private protected void Published()
        {
            _snapshot = default;
            SnapshotStale = true;
            MarkClean();
        }

        // Out of line so the common case above (an untouched member, shared with the previous
        // snapshot) is a field read at the call site.
        private TSnapshot? Rebuild()
        {
            if (IsWithheld) return default;
            if (IsDirty || SnapshotStale)
            {
                _snapshot = IsNull ? default : BuildSnapshot();
                SnapshotStale = false;
                MarkClean();
            }

            return _snapshot;
        }

        // Published() cleared the change without building _snapshot.
        private bool SnapshotStale { get => Has(NodeFlags.SnapshotStale); set => Set(NodeFlags.SnapshotStale, value); }

        /// <summary>Builds a new snapshot of the current value.</summary>
        protected abstract TSnapshot? BuildSnapshot();

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();
            _snapshot = default;
            SnapshotStale = false;
        }
    }
}
