using System;
using System.Collections.Generic;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>An array value whose elements stream in one by one.</summary>
    /// <typeparam name="TElement">The C# type of each final element.</typeparam>
    /// <typeparam name="TElementSnapshot">The type each element shows while streaming.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ListNode<TElement, TElementSnapshot> : PartialNode<List<TElement>, PartialList<TElementSnapshot>>
    {
        private readonly Func<PartialNode, int, PartialNode> _createElement;
        private readonly Func<PartialNode, TElement> _elementValue;
        private readonly Func<PartialNode, TElementSnapshot> _snapshotElement;
        private TElementSnapshot[] _completed = Array.Empty<TElementSnapshot>();
        private int _completedCount;

        // A completed element keeps only its snapshot and final value: its node subtree (children,
        // buffers, their last snapshots) is released, so a long list retains about what a full
        // deserialize would. Keeping every node alive made the collector copy them from generation
        // to generation, which is what made the time per KB grow with the document.
        private TElement[] _values = Array.Empty<TElement>();

        // Nodes whose final value failed validation when they closed: kept, so the same error is
        // raised when the list's value is built (at the same moment as before).
        private Dictionary<int, PartialNode>? _invalid;
        private PartialNode? _last;
        private int _elementCount;

        /// <summary>Creates a list node.</summary>
        /// <param name="parent">The containing node.</param>
        /// <param name="propertyName">The property holding the list, or <see langword="null"/> for an element.</param>
        /// <param name="index">The index when the list is itself an element.</param>
        /// <param name="allowNull">Whether the list itself may be <c>null</c>.</param>
        /// <param name="createElement">Creates the node for the element at an index.</param>
        /// <param name="elementValue">The final, validated value of a complete element node.</param>
        /// <param name="snapshotElement">The streaming view of an element (complete, or incomplete when <paramref name="showsIncompleteElements"/>).</param>
        /// <param name="showsIncompleteElements">
        /// Whether an element still being written is shown as the last item (strings, objects, lists);
        /// atomic elements (numbers, enums, dates) appear only once complete.
        /// </param>
        public ListNode(
            PartialNode? parent,
            string? propertyName,
            int index,
            bool allowNull,
            Func<PartialNode, int, PartialNode> createElement,
            Func<PartialNode, TElement> elementValue,
            Func<PartialNode, TElementSnapshot> snapshotElement,
            bool showsIncompleteElements = true)
            : base(parent, propertyName, index, allowNull)
        {
            _createElement = createElement;
            _elementValue = elementValue;
            _snapshotElement = snapshotElement;
            _showsIncompleteElements = showsIncompleteElements;
        }

        private readonly bool _showsIncompleteElements;

        /// <summary>Raised with each element's final, validated value as soon as the element closes.</summary>
        public event Action<TElement, int>? ElementCompleted;

        /// <summary>How many elements have closed.</summary>
        public int CompletedCount => _completedCount;

        /// <summary>The final, validated value of the completed element at <paramref name="index"/>.</summary>
        public TElement CompletedValue(int index)
        {
            if ((uint)index >= (uint)_completedCount) throw new ArgumentOutOfRangeException(nameof(index));
            return _invalid is not null && _invalid.TryGetValue(index, out var node) ? _elementValue(node) : _values[index];
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => "an array";

        /// <inheritdoc />
        public override void StartArray() => Begin();

        /// <inheritdoc />
        public override PartialNode NextElement()
        {
            int index = _elementCount++;
            PartialNode element;
            if (CanReuseLast())
            {
                // The previous element closed valid: its snapshot and value are taken, so its nodes
                // can hold the next element (published snapshots share no mutable state with them).
                element = _last!;
                element.ResetForReuse();
                element.MoveTo(index);
            }
            else
            {
                element = _createElement(this, index);
            }

            _last = element;
            return element;
        }

        private bool CanReuseLast()
        {
            var last = _last;
            if (last is null || last.State != FieldState.Complete || last.IsNull) return false;
            if (_invalid is not null && _invalid.ContainsKey(_elementCount - 2)) return false;
            if (!last.CanReuse) return false;
            PartialNode root = this;
            while (root.Parent is not null) root = root.Parent;
            return !root.IsObserved;
        }

        /// <inheritdoc />
        protected override void OnChildCompleted(PartialNode child)
        {
            var element = child;
            if (_completedCount == _completed.Length)
            {
                int size = Math.Max(4, _completed.Length * 2);
                var grown = new TElementSnapshot[size];
                Array.Copy(_completed, grown, _completedCount);
                _completed = grown;
                var values = new TElement[size];
                Array.Copy(_values, values, _completedCount);
                _values = values;
            }

            int index = _completedCount;
            _completed[index] = _snapshotElement(element);
            try
            {
                _values[index] = _elementValue(element);
            }
            catch (StructuredOutputException)
            {
                (_invalid ??= new Dictionary<int, PartialNode>())[index] = element;
            }

            _completedCount++;
            if (ElementCompleted is { } handler) handler(CompletedValue(index), index);
        }

        /// <inheritdoc />
        protected override PartialList<TElementSnapshot> BuildSnapshot()
        {
            bool hasTail = _showsIncompleteElements
                && _elementCount > _completedCount
                && _last!.State == FieldState.Streaming
                && !_last.IsWithheld;
            var tail = hasTail ? _snapshotElement(_last!) : default!;
            return new PartialList<TElementSnapshot>(_completed, _completedCount, hasTail, tail);
        }

        /// <inheritdoc />
        protected override List<TElement> BuildValue()
        {
            var values = new List<TElement>(_elementCount);
            for (int i = 0; i < _completedCount; i++) values.Add(CompletedValue(i));

            // An element still open when the list closed cannot happen in valid JSON; its node reports the error.
            if (_elementCount > _completedCount) values.Add(_elementValue(_last!));
            return values;
        }
    }
}
