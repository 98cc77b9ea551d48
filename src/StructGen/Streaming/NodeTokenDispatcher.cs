using System;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming
{
    /// <summary>
    /// Routes tokens from the tokenizer to the node that owns the current value, keeping a stack of
    /// open containers. Values nobody asked for (unknown properties from non-strict providers) are
    /// routed to <see langword="null"/> and thereby skipped, however deeply nested.
    /// </summary>
    internal sealed class NodeTokenDispatcher : IJsonTokenSink
    {
        private readonly PartialNode _root;

        // The open containers, innermost last. The first two are fields (a paused stream keeps its stack: a typical
        // value nests two deep, and an array held 88 B); deeper ones go to an array made at the third level.
        private PartialNode? _open0;
        private PartialNode? _open1;
        private Frame[]? _deeper;
        private int _depth;
        private PartialNode? _pendingValue;
        private PartialNode? _currentString;
        private bool _rootTaken;
        private bool _open0IsArray;
        private bool _open1IsArray;

        public NodeTokenDispatcher(PartialNode root) => _root = root;

        /// <summary>
        /// The text the tokens come from, when the caller keeps it (the parser does): string values are
        /// then read from it rather than copied. Its <see cref="ParserText.DocumentStart"/> maps the
        /// tokenizer's offsets to it.
        /// </summary>
        public ParserText? Source { get; set; }

        /// <summary>Told each accepted change (see <see cref="IPartialValueObserver"/>); null when nobody listens.</summary>
        public IPartialValueObserver? Observer { get; set; }

        /// <summary>The deepest node currently open, for locating errors.</summary>
        public PartialNode? Current => _currentString ?? _pendingValue ?? (_depth > 0 ? TopNode : null);

        public void OnStartObject()
        {
            var node = TakeValueTarget();
            node?.StartObject();
            if (node is not null) Observer?.ObjectStarted(node);
            Open(node, isArray: false);
        }

        public void OnEndObject() => Close();

        public void OnStartArray()
        {
            var node = TakeValueTarget();
            node?.StartArray();
            if (node is not null) Observer?.ArrayStarted(node);
            Open(node, isArray: true);
        }

        public void OnEndArray() => Close();

        public void OnPropertyName(ReadOnlySpan<char> name)
        {
            _pendingValue = TopNode?.Property(name);
        }

        public void OnStringStart(long contentStart)
        {
            var node = _currentString = TakeValueTarget();
            if (node is null) return;
            if (Source is { DocumentStart: >= 0 } text) node.StringStartAt(text, text.DocumentStart + checked((int)contentStart));
            else node.StringStart();
            Observer?.StringStarted(node);
        }

        public void OnStringChunk(ReadOnlySpan<char> chunk, long sourceEnd)
        {
            var node = _currentString;
            if (node is null) return;
            if (Source is { DocumentStart: >= 0 } text) node.StringChunkAt(chunk, text.DocumentStart + checked((int)sourceEnd));
            else node.StringChunk(chunk);
            Observer?.StringChunk(node, chunk);
        }

        public void OnStringEnd()
        {
            var node = _currentString;
            _currentString = null;
            node?.StringEnd();
            if (node is not null) Observer?.StringEnded(node);
        }

        public void OnNumber(ReadOnlySpan<char> text)
        {
            var node = TakeValueTarget();
            if (node is null) return;
            node.Number(text);
            Observer?.ScalarCompleted(node, text);
        }

        public void OnLiteral(JsonLiteral literal)
        {
            var node = TakeValueTarget();
            if (node is null) return;
            switch (literal)
            {
                case JsonLiteral.Null: node.Null(); break;
                case JsonLiteral.True: node.Boolean(true); break;
                default: node.Boolean(false); break;
            }

            Observer?.ScalarCompleted(node, literal == JsonLiteral.Null ? "null".AsSpan() : literal == JsonLiteral.True ? "true".AsSpan() : "false".AsSpan());
        }

        private PartialNode? TakeValueTarget()
        {
            if (_depth == 0)
            {
                if (_rootTaken) return null;
                _rootTaken = true;
                return _root;
            }

            bool isArray;
            PartialNode? top;
            switch (_depth)
            {
                case 1:
                    top = _open0;
                    isArray = _open0IsArray;
                    break;
                case 2:
                    top = _open1;
                    isArray = _open1IsArray;
                    break;
                default:
                    var frame = _deeper![_depth - 3];
                    top = frame.Node;
                    isArray = frame.IsArray;
                    break;
            }

            if (isArray) return top?.NextElement();
            var node = _pendingValue;
            _pendingValue = null;
            return node;
        }

        // The innermost open container's node (there is one: _depth > 0).
        private PartialNode? TopNode => _depth switch
        {
            1 => _open0,
            2 => _open1,
            _ => _deeper![_depth - 3].Node,
        };

        private void Close()
        {
            PartialNode? node;

            // A closed subtree's node is not kept alive by the stack.
            switch (_depth--)
            {
                case 1:
                    node = _open0;
                    _open0 = null;
                    break;
                case 2:
                    node = _open1;
                    _open1 = null;
                    break;
                default:
                    node = _deeper![_depth - 2].Node;
                    _deeper[_depth - 2] = default;
                    break;
            }

            node?.End();
            if (node is not null) Observer?.ContainerEnded(node);
        }

        private void Open(PartialNode? node, bool isArray)
        {
            switch (_depth)
            {
                case 0:
                    _open0 = node;
                    _open0IsArray = isArray;
                    break;
                case 1:
                    _open1 = node;
                    _open1IsArray = isArray;
                    break;
                default:
                    int index = _depth - 2;
                    if (_deeper is null) _deeper = new Frame[4];
                    else if (index == _deeper.Length) Array.Resize(ref _deeper, index * 2);
                    _deeper[index] = new Frame(node, isArray);
                    break;
            }

            _depth++;
        }

        private readonly struct Frame
        {
            public Frame(PartialNode? node, bool isArray)
            {
                Node = node;
                IsArray = isArray;
            }

            public PartialNode? Node { get; }

            public bool IsArray { get; }
        }
    }
}
