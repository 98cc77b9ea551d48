using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using StructGen.Streaming.Generated;

namespace StructGen.AspNetCore
{
    /// <summary>
    /// Mirrors the runtime's union buffering for the patch stream: members a model writes before a
    /// union's discriminator are held back by the partial (never shown under a guessed variant) and
    /// replayed into the variant once the discriminator completes. The runtime replays them without
    /// telling the observer, so the encoder keeps its own copy of what it was told about them and
    /// sends it, complete, right after the discriminator (docs/web.md, "Unions").
    /// </summary>
    internal sealed class HeldBackMembers
    {
        private static readonly ConcurrentDictionary<Type, bool> UnionTypes = new ConcurrentDictionary<Type, bool>();

        // Every held container or string, by the runtime's recording node (reported as the node's identity).
        private readonly Dictionary<PartialNode, HeldValue> _open = new Dictionary<PartialNode, HeldValue>();
        private readonly Dictionary<PartialNode, List<HeldValue>> _byUnion = new Dictionary<PartialNode, List<HeldValue>>();

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
        /// Holds <paramref name="node"/> back if it is a member written before its union's
        /// discriminator, or inside one; returns whether it did (and then nothing is sent for it now).
        /// </summary>
        public bool TryHold(PartialNode node, HeldKind kind, string? json = null)
        {
            var parent = node.Parent;
            if (parent is null) return false;
            HeldValue value;
            if (_open.Count > 0 && _open.TryGetValue(parent, out var container))
            {
                value = container.Kind == HeldKind.Array
                    ? new HeldValue(kind, null, "[" + container.Children.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]")
                    : Member(kind, node, parent);
                container.Children.Add(value);
            }
            else if (node is not StringNode && IsUnion(parent))
            {
                value = Member(kind, node, parent);
                if (!_byUnion.TryGetValue(parent, out var members)) _byUnion.Add(parent, members = new List<HeldValue>());
                members.Add(value);
            }
            else
            {
                return false;
            }

            value.Json = json;
            if (kind != HeldKind.Scalar) _open[node] = value;
            return true;
        }

        /// <summary>Adds characters to the held string <paramref name="node"/>.</summary>
        public void Append(PartialNode node, ReadOnlySpan<char> chunk) => _open[node].Text.Append(chunk);

        /// <summary>Whether <paramref name="node"/> is held back (its end is then not sent either).</summary>
        public bool Ends(PartialNode node) => _open.Remove(node);

        /// <summary>
        /// The members held for <paramref name="union"/> whose discriminator just completed, in arrival
        /// order, and forgets them. Empty when none arrived before the discriminator.
        /// </summary>
        public IReadOnlyList<HeldValue> Release(PartialNode union)
        {
            if (!_byUnion.TryGetValue(union, out var members)) return Array.Empty<HeldValue>();
            _byUnion.Remove(union);
            return members;
        }

        // A recording node's path is its parent's plus its own segment (".name" or "['odd name']").
        private static HeldValue Member(HeldKind kind, PartialNode node, PartialNode parent)
        {
            var segment = node.Path.Substring(parent.Path.Length);
            var name = segment.StartsWith("['", StringComparison.Ordinal)
                ? segment.Substring(2, segment.Length - 4).Replace("\\'", "'")
                : segment.Substring(1);
            return new HeldValue(kind, name, segment);
        }
    }

    /// <summary>What a held-back value is.</summary>
    internal enum HeldKind
    {
        Object,
        Array,
        String,
        Scalar,
    }

    /// <summary>One held-back value: its name (null for an array element), path segment and content.</summary>
    internal sealed class HeldValue
    {
        public HeldValue(HeldKind kind, string? name, string segment)
        {
            Kind = kind;
            Name = name;
            Segment = segment;
        }

        public HeldKind Kind { get; }

        /// <summary>The member name as written by the model; null for an array element.</summary>
        public string? Name { get; }

        /// <summary>The path segment under the parent (".name", "['odd name']" or "[3]").</summary>
        public string Segment { get; }

        /// <summary>A string's text.</summary>
        public StringBuilder Text { get; } = new StringBuilder();

        /// <summary>A scalar's JSON text.</summary>
        public string? Json { get; set; }

        /// <summary>An object's members or an array's elements, in arrival order.</summary>
        public List<HeldValue> Children { get; } = new List<HeldValue>();
    }
}
