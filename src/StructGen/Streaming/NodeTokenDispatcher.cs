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
        private Frame[] _open = new Frame[4]; // the open containers, innermost last (an array, not a List: one object fewer per parser)
        private int _depth;
        private PartialNode? _pendingValue;
        private PartialNode? _currentString;
        private bool _rootTaken;

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
        public PartialNode? Current => _currentString ?? _pendingValue ?? (_depth > 0 ? _open[_depth - 1].Node : null);

        public void OnStartObject()
        {
            var node = TakeValueTarget();
            node?.StartObject();
            if (node is not null) Observer?.ObjectStarted(node);
            Open(new Frame(node, isArray: false));
        }

        public void OnEndObject() => Close();

        public void OnStartArray()
        {
            var node = TakeValueTarget();
            node?.StartArray();
            if (node is not null) Observer?.ArrayStarted(node);
            Open(new Frame(node, isArray: true));
        }

        public void OnEndArray() => Close();

        public void OnPropertyName(ReadOnlySpan<char> name)
        {
            var owner = _open[_depth - 1].Node;
            _pendingValue = owner?.Property(name);
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

            var top = _open[_depth - 1];
            if (top.IsArray) return top.Node?.NextElement();
            var node = _pendingValue;
            _pendingValue = null;
            return node;
        }

        private void Close()
        {
            var frame = _open[--_depth];
            _open[_depth] = default; // a closed subtree's node is not kept alive by the stack
            frame.Node?.End();
            if (frame.Node is not null) Observer?.ContainerEnded(frame.Node);
        }

        private void Open(Frame frame)
        {
            if (_depth == _open.Length) Array.Resize(ref _open, _depth * 2);
            _open[_depth++] = frame;
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
