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
    /// Turns the parser's accepted changes into patch operations (docs/web.md): each value
    /// that opens gets a small id with its path once, later changes name only the id, so the bytes
    /// sent stay proportional to the document. Consecutive appends to one string merge. A union's
    /// discriminator is sent like a parsed string (only once complete, as the partial shows it);
    /// members written before it, and [StreamAtomic] members, are held back until the partial shows
    /// them (<see cref="HeldValues"/>).
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
        private readonly HeldValues _held = new HeldValues();
        private OpenString _openString;
        private int _appendId = -1;
        private int _opCount;
        private int _nextId;

        public PatchEncoder() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

        /// <summary>Whether operations are waiting to be sent.</summary>
        public bool HasPending => _opCount > 0 || _appendId >= 0;

        /// <summary>Returns the waiting operations as one JSON array and starts a new one.</summary>
        public string Take()
        {
            FlushAppend();
            // A published partial whose change the browser cannot see (a discriminator growing) still gets its event.
            if (_opCount == 0) return "[]";
            _writer.WriteEndArray();
            _writer.Flush();
            var json = Encoding.UTF8.GetString(_buffer.WrittenSpan);
            _buffer.Clear();
            _writer.Reset(_buffer);
            _opCount = 0;
            return json;
        }

        public void ObjectStarted(PartialNode node)
        {
            if (!Held(node, HeldKind.Object)) Start("o", node);
        }

        public void ArrayStarted(PartialNode node)
        {
            if (!Held(node, HeldKind.Array)) Start("l", node);
        }

        public void StringStarted(PartialNode node)
        {
            if (Held(node, HeldKind.String))
            {
                _openString = OpenString.Held;
            }
            else if (node is StringNode && !HeldValues.IsDiscriminator(node))
            {
                _openString = OpenString.Text;
                Start("s", node);
            }
            else
            {
                // Enums, dates, other parsed strings and discriminators show no text until complete and valid.
                _openString = OpenString.Parsed;
                _parsedText.Clear();
                Streaming(node.Path);
            }
        }

        public void StringChunk(PartialNode node, ReadOnlySpan<char> chunk)
        {
            switch (_openString)
            {
                case OpenString.Parsed:
                    _parsedText.Append(chunk);
                    return;
                case OpenString.Held:
                    _held.Append(node, chunk);
                    return;
            }

            int id = _ids[node];
            if (_appendId != id)
            {
                FlushAppend();
                _appendId = id;
            }

            _append.Append(chunk);
        }

        public void StringEnded(PartialNode node)
        {
            switch (_openString)
            {
                case OpenString.Text:
                    Complete(node);
                    return;
                case OpenString.Held:
                    EndHeld(node);
                    return;
            }

            SetString(node.Path, _parsedText.ToString());

            // The runtime has just replayed the members held before it into the variant: the partial shows them now.
            if (HeldValues.IsDiscriminator(node)) SendEarlyMembers(node.Parent!);
        }

        public void ScalarCompleted(PartialNode node, ReadOnlySpan<char> json)
        {
            if (_held.TryHold(node, HeldKind.Scalar, json) == Hold.No) SetScalar(node.Path, json);
        }

        public void ContainerEnded(PartialNode node)
        {
            if (!EndHeld(node)) Complete(node);
        }

        private bool Held(PartialNode node, HeldKind kind)
        {
            var hold = _held.TryHold(node, kind);
            // An atomic member shows its state (Streaming) but no value until it completes.
            if (hold == Hold.AtomicStart) Streaming(node.Path);
            return hold != Hold.No;
        }

        private bool EndHeld(PartialNode node)
        {
            if (!_held.TryEnd(node, out var atomic)) return false;
            if (atomic is not null) SendHeld(atomic, node, node.Path);
            return true;
        }

        private void SendEarlyMembers(PartialNode union)
        {
            foreach (var member in _held.Release(union))
            {
                // The variant drops members it does not have, as it does when they come after the discriminator.
                var target = union.Property(member.Name.AsSpan());
                if (target is not null) SendHeld(member, target, union.Path + member.Segment);
            }
        }

        // Sends a held value whole. target: the runtime's node that holds it, where known: the node
        // itself unless it was recorded before a discriminator, else found by asking the parent's node
        // for the member (null inside a recorded array or a recorded union, whose members cannot be asked for).
        private void SendHeld(HeldValue value, PartialNode? target, string path)
        {
            switch (value.Kind)
            {
                case HeldKind.Scalar:
                    SetScalar(path, value.Json.AsSpan());
                    return;
                case HeldKind.String:
                    SetString(path, value.Text.ToString());
                    return;
            }

            int id = _nextId++;
            BeginOp(value.Kind == HeldKind.Object ? "o" : "l");
            _writer.WriteNumberValue(id);
            _writer.WriteStringValue(path);
            _writer.WriteEndArray();
            // A recorded union's discriminator was recorded too: asking the union for it would not find it.
            bool canAsk = value.Kind == HeldKind.Object && target is not null && !(value.Recorded && HeldValues.IsUnion(target));
            foreach (var child in value.Children)
            {
                PartialNode? childTarget = child.Node;
                if (child.Recorded)
                {
                    childTarget = canAsk ? target!.Property(child.Name.AsSpan()) : null;
                    if (canAsk && childTarget is null) continue;
                }

                SendHeld(child, childTarget, path + child.Segment);
            }

            BeginOp("c");
            _writer.WriteNumberValue(id);
            _writer.WriteEndArray();
        }

        private void Streaming(string path)
        {
            BeginOp("p");
            _writer.WriteStringValue(path);
            _writer.WriteEndArray();
        }

        private void SetString(string path, string text)
        {
            BeginOp("v");
            _writer.WriteStringValue(path);
            _writer.WriteStringValue(text);
            _writer.WriteEndArray();
        }

        private void SetScalar(string path, ReadOnlySpan<char> json)
        {
            BeginOp("v");
            _writer.WriteStringValue(path);
            // The tokenizer and the node already validated it: a JSON number or literal, written as is.
            _writer.WriteRawValue(json, skipInputValidation: true);
            _writer.WriteEndArray();
        }

        private void Start(string op, PartialNode node)
        {
            int id = _nextId++;
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

        private enum OpenString
        {
            Text,
            Parsed,
            Held,
        }
    }
}
