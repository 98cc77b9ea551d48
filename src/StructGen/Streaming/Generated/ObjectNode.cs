using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// An object value. Generated deserializers derive from it: they map property names to child
    /// nodes, build the partial snapshot, and build the final value.
    /// </summary>
    /// <typeparam name="TValue">The C# type of the final value.</typeparam>
    /// <typeparam name="TPartial">The generated partial type shown while streaming.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class ObjectNode<TValue, TPartial> : PartialNode<TValue, TPartial>
        where TPartial : class
    {
        /// <inheritdoc />
        protected ObjectNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
            : base(parent, propertyName, index, allowNull)
        {
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => "an object";

        /// <summary>
        /// Whether the node's only state is its member nodes (generated nodes say so), so a list can
        /// reset it and use it for its next element instead of creating a new subtree per element.
        /// </summary>
        protected virtual bool IsReusable => false;

        /// <inheritdoc />
        internal override bool ListsChildren => true;

        /// <inheritdoc />
        internal override bool CanReuse
        {
            get
            {
                if (!IsReusable) return false;
                for (var child = FirstChild; child is not null; child = child.NextSibling)
                {
                    if (!child.CanReuse) return false;
                }

                return true;
            }
        }

        /// <inheritdoc />
        internal override void ResetForReuse()
        {
            base.ResetForReuse();
            for (var child = FirstChild; child is not null; child = child.NextSibling) child.ResetForReuse();
        }

        /// <inheritdoc />
        public override void StartObject() => Begin();

        /// <inheritdoc />
        public override PartialNode? Property(ReadOnlySpan<char> name) => ResolveProperty(name);

        /// <summary>
        /// Returns the node for property <paramref name="name"/> (creating it on first sight), or
        /// <see langword="null"/> for an unknown property, which is skipped.
        /// </summary>
        protected abstract PartialNode? ResolveProperty(ReadOnlySpan<char> name);

        /// <summary>Gives <paramref name="node"/> the bounds its final value must meet (generated code calls this when creating it).</summary>
        protected static TNode Constrain<TNode>(TNode node, ValueConstraints constraints)
            where TNode : PartialNode
        {
            node.Constraints = constraints;
            return node;
        }

        /// <summary>Marks <paramref name="node"/> as a <c>[StreamAtomic]</c> member (generated code calls this when creating it).</summary>
        protected static TNode Atomic<TNode>(TNode node)
            where TNode : PartialNode
        {
            node.IsAtomic = true;
            return node;
        }

        /// <summary>
        /// Makes this object a <c>[StreamRequires]</c> one (generated constructors call this): it is withheld
        /// from its parent until the member marked with <see cref="Gate{TNode}"/> is complete, or until it closes.
        /// </summary>
        protected void WithholdUntilGate() => IsGated = true;

        /// <summary>Marks <paramref name="node"/> as the member a <c>[StreamRequires]</c> object waits for (generated code calls this when creating it).</summary>
        protected TNode Gate<TNode>(TNode node)
            where TNode : PartialNode
        {
            _gate = node;
            return node;
        }

        private PartialNode? _gate;

        /// <inheritdoc />
        private protected override bool IsWithheldByGate() =>
            State != FieldState.Complete && (_gate is null || _gate.State != FieldState.Complete);

        /// <inheritdoc />
        protected override void OnChildCompleted(PartialNode child)
        {
            // The gate member's own touch stopped at this (then withheld) object: now its parent must see it.
            if (IsGated && ReferenceEquals(child, _gate)) Touch();
        }

        /// <summary>The state of an optional child node, as its parent shows it (a withheld object is missing).</summary>
        protected static FieldState StateOf(PartialNode? node) =>
            node is null || node.IsWithheld ? FieldState.Missing : node.State;

        /// <summary>Whether <paramref name="name"/> equals the JSON name <paramref name="jsonName"/>.</summary>
        protected static bool Is(ReadOnlySpan<char> name, string jsonName) => name.SequenceEqual(jsonName.AsSpan());

        /// <summary>The final value of a required member; a missing member is an error naming its path.</summary>
        protected T Required<T>(ValueNode<T>? node, string jsonName, string expected)
        {
            if (node is null || node.State == FieldState.Missing) throw MissingMember(jsonName, expected);
            return node.GetValue();
        }

        /// <summary>The final value of a required nullable value-type member.</summary>
        protected T? RequiredNullable<T>(ValueNode<T>? node, string jsonName, string expected)
            where T : struct
        {
            if (node is null || node.State == FieldState.Missing) throw MissingMember(jsonName, expected);
            return node.IsNull ? null : node.GetValue();
        }

        /// <summary>The final value of an optional member, or <paramref name="fallback"/> when absent.</summary>
        protected static T Optional<T>(ValueNode<T>? node, T fallback) =>
            node is null || node.State == FieldState.Missing ? fallback : node.GetValue();

        /// <summary>The final value of an optional nullable value-type member, or <paramref name="fallback"/> when absent.</summary>
        protected static T? OptionalNullable<T>(ValueNode<T>? node, T? fallback)
            where T : struct =>
            node is null || node.State == FieldState.Missing ? fallback : node.IsNull ? null : node.GetValue();
    }
}
