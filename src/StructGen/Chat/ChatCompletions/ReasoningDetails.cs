using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// Accumulates OpenRouter's <c>reasoning_details</c> deltas into the array a follow-up request sends
    /// back. Entries with the same <c>index</c> and <c>type</c> (and no other <c>id</c>) are one entry streamed in pieces: their
    /// <c>text</c>, <c>summary</c> and <c>data</c> strings are joined, every other member keeps its last
    /// non-empty value (Anthropic sends <c>signature: ""</c> first and the signature at the end).
    /// </summary>
    internal sealed class ReasoningDetails
    {
        private static readonly string[] Joined = { "text", "summary", "data" };
        private readonly List<Entry> _entries = new List<Entry>();

        public bool IsEmpty => _entries.Count == 0;

        /// <summary>Adds one delta's <c>reasoning_details</c> (a JSON array, or a single object).</summary>
        public void Add(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray()) AddItem(item);
            }
            else
            {
                AddItem(root);
            }
        }

        /// <summary>The merged array's JSON.</summary>
        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var entry in _entries) entry.Write(writer);
                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Whether an entry's <c>format</c> starts with <paramref name="prefix"/>.</summary>
        public bool HasFormat(string prefix)
        {
            foreach (var entry in _entries)
            {
                if (entry.Format is { } format && format.StartsWith(prefix, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private void AddItem(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                if (item.ValueKind != JsonValueKind.Null) _entries.Add(Entry.Opaque(item.GetRawText()));
                return;
            }

            string? index = item.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetRawText() : null;
            string? type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            string? id = item.TryGetProperty("id", out var d) && d.ValueKind == JsonValueKind.String && d.GetString()!.Length > 0 ? d.GetString() : null;
            Entry? target = null;
            for (int k = _entries.Count - 1; k >= 0; k--)
            {
                if (_entries[k].Matches(index, type, id))
                {
                    target = _entries[k];
                    break;
                }
            }

            if (target is null)
            {
                target = new Entry(index, type);
                _entries.Add(target);
            }

            target.Merge(item);
        }

        private sealed class Entry
        {
            // Member name → its JSON text (strings of the joined members are kept unescaped in builders).
            private readonly List<KeyValuePair<string, string>> _members = new List<KeyValuePair<string, string>>();
            private readonly Dictionary<string, StringBuilder> _joined = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
            private readonly string? _index;
            private readonly string? _type;
            private string? _opaque;

            public Entry(string? index, string? type)
            {
                _index = index;
                _type = type;
            }

            public string? Format { get; private set; }

            public string? Id { get; private set; }

            public static Entry Opaque(string json) => new Entry(null, null) { _opaque = json };

            // The same entry continued: same index and type, and no other id (Gemini sends one encrypted
            // signature per parallel tool call, all at index 0, told apart by the call id).
            public bool Matches(string? index, string? type, string? id) =>
                _opaque is null && index is not null && index == _index && type == _type && (id is null || Id is null || id == Id);

            public void Merge(JsonElement item)
            {
                foreach (var member in item.EnumerateObject())
                {
                    var value = member.Value;
                    if (value.ValueKind == JsonValueKind.String && Array.IndexOf(Joined, member.Name) >= 0)
                    {
                        if (!_joined.TryGetValue(member.Name, out var builder))
                        {
                            _joined[member.Name] = builder = new StringBuilder();
                            Set(member.Name, string.Empty);
                        }

                        builder.Append(value.GetString());
                        continue;
                    }

                    if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0 && Has(member.Name)) continue;
                    if (member.Name == "format" && value.ValueKind == JsonValueKind.String) Format = value.GetString();
                    if (member.Name == "id" && value.ValueKind == JsonValueKind.String) Id = value.GetString();
                    Set(member.Name, value.GetRawText());
                }
            }

            public void Write(Utf8JsonWriter writer)
            {
                if (_opaque is not null)
                {
                    writer.WriteRawValue(_opaque, skipInputValidation: true);
                    return;
                }

                writer.WriteStartObject();
                foreach (var member in _members)
                {
                    writer.WritePropertyName(member.Key);
                    if (_joined.TryGetValue(member.Key, out var builder)) writer.WriteStringValue(builder.ToString());
                    else writer.WriteRawValue(member.Value, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            private bool Has(string name)
            {
                foreach (var member in _members)
                {
                    if (member.Key == name) return true;
                }

                return false;
            }

            private void Set(string name, string json)
            {
                for (int i = 0; i < _members.Count; i++)
                {
                    if (_members[i].Key == name)
                    {
                        _members[i] = new KeyValuePair<string, string>(name, json);
                        return;
                    }
                }

                _members.Add(new KeyValuePair<string, string>(name, json));
            }
        }
    }
}
