using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StructGen.Streaming.Generated;

namespace StructGen.AspNetCore
{
    /// <summary>
    /// Values the partial does not show yet, kept by the patch writer until it does, then sent
    /// complete (docs/web.md, "Values the partial holds back"):
    /// <list type="bullet">
    /// <item>members a model writes before a union's discriminator: the runtime records them and
    /// replays them into the variant once the discriminator completes, without telling the observer;</item>
    /// <item>a <c>[StreamAtomic]</c> member: shown only once complete.</item>
    /// </list>
    /// </summary>
    internal sealed class HeldValues
    {
        private static readonly ConcurrentDictionary<Type, bool> UnionTypes = new ConcurrentDictionary<Type, bool>();

        // Every held container or string still open, by the node the observer names.
        private readonly Dictionary<PartialNode, HeldValue> _open = new Dictionary<PartialNode, HeldValue>();
        private readonly Dictionary<PartialNode, List<HeldValue>> _early = new Dictionary<PartialNode, List<HeldValue>>();

        /// <summary>Whether <paramref name="node"/> is a union's node (a polymorphic object).</summary>
        public static bool IsUnion(PartialNode node) => UnionTypes.GetOrAdd(node.GetType(), static type =>
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(UnionNode<,>)) return true;
            }

            return false;
        });

        /// <summary>
        /// Whether <paramref name="node"/> is a union's discriminator: the only <see cref="StringNode"/>
        /// a union holds directly (members before it are recording nodes, members after it belong to the variant).
        /// </summary>
        public static bool IsDiscriminator(PartialNode node) => node is StringNode && node.Parent is { } parent && IsUnion(parent);

        /// <summary>
        /// Holds <paramref name="node"/> back if the partial does not show it yet; nothing is sent for it now.
        /// <see cref="Hold.AtomicStart"/>: an atomic member starts (the writer says it is streaming).
        /// </summary>
        public Hold TryHold(PartialNode node, HeldKind kind, ReadOnlySpan<char> json = default)
        {
            var parent = node.Parent;
            if (parent is null) return Hold.No;
            HeldValue? value = null;
            var result = Hold.Inside;
            if (_open.Count > 0 && Container(parent) is { } container)
            {
                // A recording node is a union's child other than its discriminator, or a recording node's child.
                bool recorded = container.Recorded || (IsUnion(parent) && node is not StringNode);
                value = container.Kind == HeldKind.Array
                    ? new HeldValue(kind, node, null, "[" + container.Children.Count.ToString(CultureInfo.InvariantCulture) + "]", recorded)
                    : Member(kind, node, container.Node, recorded);
                container.Children.Add(value);
            }
            else if (node is not StringNode && IsUnion(parent))
            {
                value = Member(kind, node, parent, recorded: true);
                if (!_early.TryGetValue(parent, out var members)) _early.Add(parent, members = new List<HeldValue>());
                members.Add(value);
            }
            else if (node.IsAtomic && kind != HeldKind.Scalar)
            {
                value = new HeldValue(kind, node, null, string.Empty, recorded: false) { IsAtomicRoot = true };
                result = Hold.AtomicStart;
            }

            if (value is null) return Hold.No;
            if (kind == HeldKind.Scalar) value.Json = json.ToString();
            if (kind != HeldKind.Scalar) _open[node] = value;
            return result;
        }

        /// <summary>Adds characters to the held string <paramref name="node"/>.</summary>
        public void Append(PartialNode node, ReadOnlySpan<char> chunk) => _open[node].Text.Append(chunk);

        /// <summary>
        /// The held string or container <paramref name="node"/> ended. Returns false if it is not held;
        /// <paramref name="atomic"/> is the atomic member that is now complete and to be sent.
        /// </summary>
        public bool TryEnd(PartialNode node, out HeldValue? atomic)
        {
            atomic = null;
            if (!_open.TryGetValue(node, out var value)) return false;
            _open.Remove(node);
            if (value.IsAtomicRoot) atomic = value;
            return true;
        }

        /// <summary>
        /// The members held for <paramref name="union"/> whose discriminator just completed, in arrival
        /// order, and forgets them. Empty when none arrived before the discriminator.
        /// </summary>
        public IReadOnlyList<HeldValue> Release(PartialNode union)
        {
            if (!_early.TryGetValue(union, out var members)) return Array.Empty<HeldValue>();
            _early.Remove(union);
            return members;
        }

        // The held value a child of parent goes into: parent itself, or for a member of a union's
        // variant (a node the observer never sees, at the union's place) the union.
        private HeldValue? Container(PartialNode parent)
        {
            if (_open.TryGetValue(parent, out var container)) return container;
            return parent.Parent is { } union && IsUnion(union) && _open.TryGetValue(union, out container) ? container : null;
        }

        // A member's path is its container's plus its own segment (".name" or "['odd name']").
        private static HeldValue Member(HeldKind kind, PartialNode node, PartialNode container, bool recorded)
        {
            var segment = node.Path.Substring(container.Path.Length);
            var name = segment.StartsWith("['", StringComparison.Ordinal)
                ? segment.Substring(2, segment.Length - 4).Replace("\\'", "'")
                : segment.Substring(1);
            return new HeldValue(kind, node, name, segment, recorded);
        }
    }

    /// <summary>What <see cref="HeldValues.TryHold"/> did.</summary>
    internal enum Hold
    {
        No,
        Inside,
        AtomicStart,
    }

    /// <summary>What a held value is.</summary>
    internal enum HeldKind
    {
        Object,
        Array,
        String,
        Scalar,
    }

    /// <summary>One held value: its node, name (null for an array element), path segment and content.</summary>
    internal sealed class HeldValue
    {
        public HeldValue(HeldKind kind, PartialNode node, string? name, string segment, bool recorded)
        {
            Kind = kind;
            Node = node;
            Name = name;
            Segment = segment;
            Recorded = recorded;
        }

        public HeldKind Kind { get; }

        /// <summary>The node the observer named: the runtime's own, or a recording node standing in until a replay.</summary>
        public PartialNode Node { get; }

        /// <summary>The member name as written by the model; null for an array element.</summary>
        public string? Name { get; }

        /// <summary>The path segment under the parent (".name", "['odd name']", "[3]"; empty for an atomic member).</summary>
        public string Segment { get; }

        /// <summary>
        /// Recorded before a discriminator: the runtime replays it into the variant and may drop it
        /// there (a member the variant lacks); otherwise the runtime already accepted it.
        /// </summary>
        public bool Recorded { get; }

        /// <summary>A [StreamAtomic] member, sent whole when it ends.</summary>
        public bool IsAtomicRoot { get; init; }

        /// <summary>A string's text.</summary>
        public StringBuilder Text { get; } = new StringBuilder();

        /// <summary>A scalar's JSON text.</summary>
        public string? Json { get; set; }

        /// <summary>An object's members or an array's elements, in arrival order.</summary>
        public List<HeldValue> Children { get; } = new List<HeldValue>();
    }
}
