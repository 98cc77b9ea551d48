using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>The yes/no state of a <see cref="PartialNode"/> and its subclasses, kept in one field.</summary>
    [Flags]
    internal enum NodeFlags : ushort
    {
        None = 0,
        Observed = 1 << 0,
        PathTransparent = 1 << 1,
        Atomic = 1 << 2,
        Gated = 1 << 3,
        AllowNull = 1 << 4,
        Null = 1 << 5,
        Dirty = 1 << 6,
        HasValue = 1 << 7,      // ValueNode: the final value is built
        SnapshotStale = 1 << 8, // PartialNode<TValue, TSnapshot>: published inline, no snapshot object kept
    }
}
