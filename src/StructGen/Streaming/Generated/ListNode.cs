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
        private readonly List<PartialNode> _elements = new List<PartialNode>();
        private TElementSnapshot[] _completed = Array.Empty<TElementSnapshot>();
        private int _completedCount;

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
            return _elementValue(_elements[index]);
        }

        /// <inheritdoc />
        protected override string ExpectedDescription => "an array";

        /// <inheritdoc />
        public override void StartArray() => Begin();

        /// <inheritdoc />
        public override PartialNode NextElement()
        {
            var element = _createElement(this, _elements.Count);
            _elements.Add(element);
            return element;
        }

        /// <inheritdoc />
        protected override void OnChildCompleted(PartialNode child)
        {
            var element = child;
            if (_completedCount == _completed.Length)
            {
                var grown = new TElementSnapshot[Math.Max(4, _completed.Length * 2)];
                Array.Copy(_completed, grown, _completedCount);
                _completed = grown;
            }

            _completed[_completedCount++] = _snapshotElement(element);
            if (ElementCompleted is { } handler) handler(_elementValue(element), _completedCount - 1);
        }

        /// <inheritdoc />
        protected override PartialList<TElementSnapshot> BuildSnapshot()
        {
            bool hasTail = _showsIncompleteElements
                && _elements.Count > _completedCount
                && _elements[_elements.Count - 1].State == FieldState.Streaming
                && !_elements[_elements.Count - 1].IsWithheld;
            var tail = hasTail ? _snapshotElement(_elements[_elements.Count - 1]) : default!;
            return new PartialList<TElementSnapshot>(_completed, _completedCount, hasTail, tail);
        }

        /// <inheritdoc />
        protected override List<TElement> BuildValue()
        {
            var values = new List<TElement>(_elements.Count);
            foreach (var element in _elements) values.Add(_elementValue(element));
            return values;
        }
    }
}
