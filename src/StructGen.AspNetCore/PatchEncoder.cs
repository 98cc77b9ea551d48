using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.AspNetCore
{
    /// <summary>
    /// Turns the parser's accepted changes into patch operations (docs/aspnetcore.md): each value
    /// that opens gets a small id with its path once, later changes name only the id, so the bytes
    /// sent stay proportional to the document. Consecutive appends to one string merge.
    /// </summary>
    internal sealed class PatchEncoder : IPartialValueObserver
    {
        // Relaxed escaping: the payload is read by JSON.parse, never put into HTML, and escaping every
        // non-ASCII character as \uXXXX would make non-English text six times larger on the wire.
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly Dictionary<PartialNode, int> _ids = new Dictionary<PartialNode, int>();
        private readonly ArrayBufferWriter<byte> _buffer = new ArrayBufferWriter<byte>();
        private readonly Utf8JsonWriter _writer;
        private readonly StringBuilder _append = new StringBuilder();
        private readonly StringBuilder _parsedText = new StringBuilder();
        private int _appendId = -1;
        private int _opCount;

        public PatchEncoder() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

        /// <summary>Whether operations are waiting to be sent.</summary>
        public bool HasPending => _opCount > 0 || _appendId >= 0;

        /// <summary>Returns the waiting operations as one JSON array and starts a new one.</summary>
        public string Take()
        {
            FlushAppend();
            _writer.WriteEndArray();
            _writer.Flush();
            var json = Encoding.UTF8.GetString(_buffer.WrittenSpan);
            _buffer.Clear();
            _writer.Reset(_buffer);
            _opCount = 0;
            return json;
        }

        public void ObjectStarted(PartialNode node) => Start("o", node);

        public void ArrayStarted(PartialNode node) => Start("l", node);

        public void StringStarted(PartialNode node)
        {
            if (node is StringNode)
            {
                Start("s", node);
                return;
            }

            // Enums, dates and other parsed strings show no text until complete and valid.
            _parsedText.Clear();
            BeginOp("p");
            _writer.WriteStringValue(node.Path);
            _writer.WriteEndArray();
        }

        public void StringChunk(PartialNode node, ReadOnlySpan<char> chunk)
        {
            if (node is not StringNode)
            {
                Append(_parsedText, chunk);
                return;
            }

            int id = _ids[node];
            if (_appendId != id)
            {
                FlushAppend();
                _appendId = id;
            }

            Append(_append, chunk);
        }

        public void StringEnded(PartialNode node)
        {
            if (node is StringNode)
            {
                Complete(node);
                return;
            }

            BeginOp("v");
            _writer.WriteStringValue(node.Path);
            _writer.WriteStringValue(_parsedText.ToString());
            _writer.WriteEndArray();
        }

        public void ScalarCompleted(PartialNode node, ReadOnlySpan<char> json)
        {
            BeginOp("v");
            _writer.WriteStringValue(node.Path);
            // The tokenizer and the node already validated it: a JSON number or literal, written as is.
            _writer.WriteRawValue(json, skipInputValidation: true);
            _writer.WriteEndArray();
        }

        public void ContainerEnded(PartialNode node) => Complete(node);

        private void Start(string op, PartialNode node)
        {
            int id = _ids.Count;
            _ids.Add(node, id);
            BeginOp(op);
            _writer.WriteNumberValue(id);
            _writer.WriteStringValue(node.Path);
            _writer.WriteEndArray();
        }

        private void Complete(PartialNode node)
        {
            BeginOp("c");
            _writer.WriteNumberValue(_ids[node]);
            _writer.WriteEndArray();
        }

        private void BeginOp(string op)
        {
            FlushAppend();
            if (_opCount++ == 0) _writer.WriteStartArray();
            _writer.WriteStartArray();
            _writer.WriteStringValue(op);
        }

        private void FlushAppend()
        {
            if (_appendId < 0) return;
            int id = _appendId;
            _appendId = -1;
            BeginOp("a");
            _writer.WriteNumberValue(id);
            _writer.WriteStringValue(_append.ToString());
            _writer.WriteEndArray();
            _append.Clear();
        }

        private static void Append(StringBuilder sb, ReadOnlySpan<char> chunk) => sb.Append(chunk);
    }
}
