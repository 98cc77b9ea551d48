using System;
using System.Collections.Generic;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// The tokens of members that arrived before a union's discriminator, kept until the variant is
    /// known and then replayed into it. Nothing about them is published meanwhile, so no member is
    /// ever shown under a guessed type.
    /// </summary>
    internal sealed class RecordedValue
    {
        private readonly List<Event> _events = new List<Event>();
        private int _nextId;

        /// <summary>Starts recording the value of property <paramref name="name"/> of the union object (id 0).</summary>
        public PartialNode Member(PartialNode union, string name)
        {
            _events.Add(new Event(EventKind.Property, 0, ++_nextId, name));
            return new RecordingNode(union, this, _nextId, name);
        }

        /// <summary>Replays every recorded token into <paramref name="variant"/>, which stands for the union object.</summary>
        public void ReplayInto(PartialNode variant)
        {
            var targets = new Dictionary<int, PartialNode?> { [0] = variant };
            foreach (var e in _events)
            {
                targets.TryGetValue(e.Target, out var node);
                switch (e.Kind)
                {
                    case EventKind.Property: targets[e.Child] = node?.Property(e.Text.AsSpan()); break;
                    case EventKind.Element: targets[e.Child] = node?.NextElement(); break;
                    case EventKind.StartObject: node?.StartObject(); break;
                    case EventKind.StartArray: node?.StartArray(); break;
                    case EventKind.StringStart: node?.StringStart(); break;
                    case EventKind.StringChunk: node?.StringChunk(e.Text.AsSpan()); break;
                    case EventKind.StringEnd: node?.StringEnd(); break;
                    case EventKind.Number: node?.Number(e.Text.AsSpan()); break;
                    case EventKind.True: node?.Boolean(true); break;
                    case EventKind.False: node?.Boolean(false); break;
                    case EventKind.Null: node?.Null(); break;
                    case EventKind.End: node?.End(); break;
                }
            }

            _events.Clear();
        }

        private void Add(EventKind kind, int target, string text = "") => _events.Add(new Event(kind, target, 0, text));

        private int AddChild(EventKind kind, int target, string text = "")
        {
            _events.Add(new Event(kind, target, ++_nextId, text));
            return _nextId;
        }

        private enum EventKind
        {
            Property,
            Element,
            StartObject,
            StartArray,
            StringStart,
            StringChunk,
            StringEnd,
            Number,
            True,
            False,
            Null,
            End,
        }

        private readonly struct Event
        {
            public Event(EventKind kind, int target, int child, string text)
            {
                Kind = kind;
                Target = target;
                Child = child;
                Text = text;
            }

            public EventKind Kind { get; }

            public int Target { get; }

            public int Child { get; }

            public string Text { get; }
        }

        /// <summary>Accepts any JSON value and records it; it never changes what is published.</summary>
        private sealed class RecordingNode : PartialNode
        {
            private readonly RecordedValue _recording;
            private readonly int _id;

            public RecordingNode(PartialNode parent, RecordedValue recording, int id, string? name)
                : base(parent, name, -1, allowNull: true)
            {
                _recording = recording;
                _id = id;
            }

            protected override string ExpectedDescription => "any value";

            public override void StartObject() => _recording.Add(EventKind.StartObject, _id);

            public override void StartArray() => _recording.Add(EventKind.StartArray, _id);

            public override void StringStart() => _recording.Add(EventKind.StringStart, _id);

            public override void StringChunk(ReadOnlySpan<char> chunk) => _recording.Add(EventKind.StringChunk, _id, chunk.ToString());

            public override void StringEnd() => _recording.Add(EventKind.StringEnd, _id);

            public override void Number(ReadOnlySpan<char> text) => _recording.Add(EventKind.Number, _id, text.ToString());

            public override void Boolean(bool value) => _recording.Add(value ? EventKind.True : EventKind.False, _id);

            public override void Null() => _recording.Add(EventKind.Null, _id);

            public override PartialNode? Property(ReadOnlySpan<char> name)
            {
                string text = name.ToString();
                return new RecordingNode(this, _recording, _recording.AddChild(EventKind.Property, _id, text), text);
            }

            public override PartialNode NextElement() => new RecordingNode(this, _recording, _recording.AddChild(EventKind.Element, _id), null);

            public override void End() => _recording.Add(EventKind.End, _id);
        }
    }
}
