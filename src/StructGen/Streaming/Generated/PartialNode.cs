using System;
using System.ComponentModel;
using System.Text;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// One value in the tree a streaming document is assembled into. Generated deserializers derive
    /// from the typed subclasses; user code reads the immutable partial snapshots instead.
    /// </summary>
    /// <remarks>
    /// A node receives the tokens of exactly one JSON value. Each change marks the node and its
    /// ancestors dirty (stopping at the first ancestor already dirty), so publishing a snapshot only
    /// rebuilds the path that changed and shares every untouched subtree with the previous one.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class PartialNode
    {
        private readonly string? _propertyName;
        private int _index;

        // The node's yes/no state in one field, and its FieldState in a byte: a paused stream holds a node per member
        // that has arrived, and eight bool fields (nine with a subclass's) padded each node by 16 bytes.
        private NodeFlags _flags;
        private FieldState _state;

        /// <summary>Creates a node for a property value (<paramref name="propertyName"/>) or an array element (<paramref name="index"/>).</summary>
        protected PartialNode(PartialNode? parent, string? propertyName, int index, bool allowNull)
        {
            Parent = parent;
            _propertyName = propertyName;
            _index = index;
            if (allowNull) _flags = NodeFlags.AllowNull;

            // An object remembers its member nodes so a list element can be reset and reused; an
            // array does not (its completed elements are released).
            if (parent is not null && parent.ListsChildren)
            {
                NextSibling = parent.FirstChild;
                parent.FirstChild = this;
            }
        }

        /// <summary>Whether nodes created with this one as their parent link themselves into <see cref="FirstChild"/>.</summary>
        internal virtual bool ListsChildren => false;

        /// <summary>The most recently created member node (objects only).</summary>
        internal PartialNode? FirstChild { get; private set; }

        /// <summary>The member node created before this one in the same object.</summary>
        internal PartialNode? NextSibling { get; }

        /// <summary>Set on the root when an <see cref="IPartialValueObserver"/> watches the nodes (it tells them apart by identity, so none is reused).</summary>
        internal bool IsObserved { get => Has(NodeFlags.Observed); set => Set(NodeFlags.Observed, value); }

        /// <summary>
        /// Whether this value's node (with every node under it) can be reset and used for the next
        /// element of its list. Only kinds whose whole state <see cref="ResetForReuse"/> clears say yes.
        /// </summary>
        internal virtual bool CanReuse => false;

        /// <summary>
        /// Returns the node to the state it had when created, keeping nothing a published snapshot
        /// holds (buffers that snapshots share are replaced, not cleared). Only when <see cref="CanReuse"/>.
        /// </summary>
        internal virtual void ResetForReuse()
        {
            State = FieldState.Missing;
            IsNull = false;
            IsDirty = false;
        }

        /// <summary>Gives a reused element node its new position.</summary>
        internal void MoveTo(int index) => _index = index;

        /// <summary>
        /// Set on the variant node of a polymorphic value: it shares its union's JSON position, so it
        /// adds nothing to paths.
        /// </summary>
        internal bool IsPathTransparent { get => Has(NodeFlags.PathTransparent); set => Set(NodeFlags.PathTransparent, value); }

        /// <summary>
        /// Set for a <c>[StreamAtomic]</c> member: its progress is not a visible change of its parent,
        /// so nothing is published for it until it completes.
        /// </summary>
        public bool IsAtomic { get => Has(NodeFlags.Atomic); internal set => Set(NodeFlags.Atomic, value); }

        /// <summary>
        /// Whether a <c>[StreamRequires]</c> contract still withholds this value: its progress is not a
        /// visible change of its parent, its parent shows it as missing, and a list does not show it as its tail.
        /// </summary>
        internal bool IsWithheld => IsGated && IsWithheldByGate();

        /// <summary>
        /// Set on an object with a <c>[StreamRequires]</c> contract: only such a node can be withheld, so on
        /// every other node <see cref="IsWithheld"/> is a field read (it is asked on every delta's path).
        /// </summary>
        private protected bool IsGated { get => Has(NodeFlags.Gated); set => Set(NodeFlags.Gated, value); }

        /// <summary>Whether the contract still withholds the value; asked only when <see cref="IsGated"/>.</summary>
        private protected virtual bool IsWithheldByGate() => false;

        /// <summary>The DataAnnotations bounds its final value must meet, if any.</summary>
        internal ValueConstraints? Constraints { get; set; }

        /// <summary>The object or array holding this value; <see langword="null"/> for the root.</summary>
        public PartialNode? Parent { get; }

        /// <summary>Whether a JSON <c>null</c> is a valid value here.</summary>
        public bool AllowNull => Has(NodeFlags.AllowNull);

        /// <summary>How far the value has arrived.</summary>
        public FieldState State { get => _state; private set => _state = value; }

        /// <summary>Whether the value arrived as JSON <c>null</c>.</summary>
        public bool IsNull { get => Has(NodeFlags.Null); private set => Set(NodeFlags.Null, value); }

        /// <summary>Whether the value changed since its last snapshot.</summary>
        protected bool IsDirty { get => Has(NodeFlags.Dirty); private set => Set(NodeFlags.Dirty, value); }

        /// <summary>Whether <paramref name="flag"/> is set (the subclasses' yes/no state lives here too).</summary>
        private protected bool Has(NodeFlags flag) => (_flags & flag) != 0;

        /// <summary>Sets or clears <paramref name="flag"/>.</summary>
        private protected void Set(NodeFlags flag, bool value) => _flags = value ? _flags | flag : _flags & ~flag;

        /// <summary>The JSON path of this value, e.g. <c>$.author.name</c> or <c>$.genres[1]</c>.</summary>
        public string Path
        {
            get
            {
                var sb = new StringBuilder();
                AppendPath(sb);
                return sb.ToString();
            }
        }

        /// <summary>Marks the value started; a second value for the same member is an error.</summary>
        protected void Begin()
        {
            if (State != FieldState.Missing)
            {
                throw Error(StructuredOutputErrorKind.DuplicateMember, "each member once", "a second value for the same member");
            }

            State = FieldState.Streaming;
            Touch();
        }

        /// <summary>Marks the value final.</summary>
        protected void Finish()
        {
            State = FieldState.Complete;
            Touch();
            Parent?.OnChildCompleted(this);
        }

        /// <summary>Records a visible change: this node and its ancestors need a new snapshot.</summary>
        protected void Touch()
        {
            for (PartialNode? node = this; node is not null && !node.IsDirty; node = node.Parent)
            {
                // An unfinished atomic member stays clean, so its completion is what marks its ancestors.
                if (node.IsAtomic && node.State != FieldState.Complete) return;

                // Likewise a withheld object: the completion of its gate member touches it again.
                if (node.IsWithheld) return;
                node.IsDirty = true;
            }
        }

        /// <summary>Whether something visible changed since the last snapshot.</summary>
        internal bool HasChanges => IsDirty;

        /// <summary>Called once a snapshot reflects the current value.</summary>
        protected void MarkClean() => IsDirty = false;

        /// <summary>Called when a child value becomes complete (list nodes track element completion here).</summary>
        protected virtual void OnChildCompleted(PartialNode child)
        {
        }

        /// <summary>The start of an object value arrived.</summary>
        public virtual void StartObject() => throw WrongType("an object");

        /// <summary>The start of an array value arrived.</summary>
        public virtual void StartArray() => throw WrongType("an array");

        /// <summary>The opening quote of a string value arrived.</summary>
        public virtual void StringStart() => throw WrongType("a string");

        /// <summary>More characters of the current string value arrived.</summary>
        public virtual void StringChunk(ReadOnlySpan<char> chunk) => throw new InvalidOperationException("No string is open.");

        /// <summary>
        /// The opening quote of a string value arrived and its characters will stay in the parser's
        /// <paramref name="text"/> from <paramref name="contentStart"/> on: a node may read them from there.
        /// </summary>
        internal virtual void StringStartAt(ParserText text, int contentStart) => StringStart();

        /// <summary>More characters of the current string value arrived; their source in the parser's text ends at <paramref name="sourceEnd"/>.</summary>
        internal virtual void StringChunkAt(ReadOnlySpan<char> chunk, int sourceEnd) => StringChunk(chunk);

        /// <summary>The closing quote of the current string value arrived.</summary>
        public virtual void StringEnd() => throw new InvalidOperationException("No string is open.");

        /// <summary>A complete number arrived.</summary>
        public virtual void Number(ReadOnlySpan<char> text) => throw WrongType("the number " + text.ToString());

        /// <summary>A complete boolean arrived.</summary>
        public virtual void Boolean(bool value) => throw WrongType(value ? "true" : "false");

        /// <summary>A JSON <c>null</c> arrived.</summary>
        public virtual void Null()
        {
            if (!AllowNull) throw WrongType("null");
            Begin();
            IsNull = true;
            Finish();
        }

        /// <summary>Returns the node that receives the value of property <paramref name="name"/>, or <see langword="null"/> to skip it.</summary>
        public virtual PartialNode? Property(ReadOnlySpan<char> name) => throw new InvalidOperationException("Not an object.");

        /// <summary>Returns the node that receives the next array element.</summary>
        public virtual PartialNode NextElement() => throw new InvalidOperationException("Not an array.");

        /// <summary>The object or array this node holds has closed.</summary>
        public virtual void End() => Finish();

        /// <summary>What this node expects, for error messages (e.g. <c>a string</c>).</summary>
        protected abstract string ExpectedDescription { get; }

        /// <summary>Creates a wrong-type error at this node's path.</summary>
        protected StructuredOutputException WrongType(string actual) =>
            Error(StructuredOutputErrorKind.WrongType, ExpectedDescription + (AllowNull ? " or null" : string.Empty), actual);

        /// <summary>Creates an error at this node's path.</summary>
        protected StructuredOutputException Error(StructuredOutputErrorKind kind, string expected, string actual) =>
            new StructuredOutputException(kind, Path, expected, actual);

        /// <summary>Creates a missing-member error for a child property of this node.</summary>
        protected StructuredOutputException MissingMember(string jsonName, string expected) =>
            new StructuredOutputException(StructuredOutputErrorKind.MissingMember, Path + "." + jsonName, expected, "nothing (the member is absent)");

        /// <summary>Creates an error for a value that is present but not yet complete when a final value was requested.</summary>
        protected StructuredOutputException Incomplete() =>
            new StructuredOutputException(StructuredOutputErrorKind.Truncated, Path, "a complete " + ExpectedDescription, "an unfinished value");

        private void AppendPath(StringBuilder sb)
        {
            if (Parent is null)
            {
                sb.Append('$');
                return;
            }

            Parent.AppendPath(sb);
            if (IsPathTransparent) return;
            if (_propertyName is not null)
            {
                if (IsPlainName(_propertyName)) sb.Append('.').Append(_propertyName);
                else sb.Append("['").Append(_propertyName.Replace("'", "\\'")).Append("']");
            }
            else
            {
                sb.Append('[').Append(_index).Append(']');
            }
        }

        private static bool IsPlainName(string name)
        {
            if (name.Length == 0) return false;
            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-')) return false;
            }

            return true;
        }
    }
}
