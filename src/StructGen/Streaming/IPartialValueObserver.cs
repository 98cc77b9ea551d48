using System;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming
{
    /// <summary>
    /// Told what changed in the partial value, token by token, after the node accepted it (so a
    /// value it reports has passed the node's checks). Lets a transport send only the change instead
    /// of a whole snapshot. Values the parser skips (unknown members) are not reported.
    /// </summary>
    /// <remarks>Set it with <see cref="StreamingParser{T, TPartial}.ValueObserver"/> before the first delta.</remarks>
    public interface IPartialValueObserver
    {
        /// <summary>An object value started at <paramref name="node"/> (its <see cref="PartialNode.Path"/> says where).</summary>
        void ObjectStarted(PartialNode node);

        /// <summary>An array value started at <paramref name="node"/>.</summary>
        void ArrayStarted(PartialNode node);

        /// <summary>A string value started; <paramref name="node"/> is a <see cref="StringNode"/> (shown while streaming) or a parsed string (enum, date: shown once complete).</summary>
        void StringStarted(PartialNode node);

        /// <summary>More characters of the open string value arrived (already unescaped).</summary>
        void StringChunk(PartialNode node, ReadOnlySpan<char> chunk);

        /// <summary>The open string value closed and was accepted.</summary>
        void StringEnded(PartialNode node);

        /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c> arrived complete and was accepted; <paramref name="json"/> is its JSON text.</summary>
        void ScalarCompleted(PartialNode node, ReadOnlySpan<char> json);

        /// <summary>The object or array at <paramref name="node"/> closed.</summary>
        void ContainerEnded(PartialNode node);
    }
}
