using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructGen.Streaming;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>
    /// A C# twin of client/structgen.js's PartialDocument, for server tests: applies patch events to
    /// a JSON tree and keeps each member's state. Paths are the server's (plain names only here).
    /// </summary>
    public sealed class PatchApplier
    {
        private readonly Dictionary<int, string> _paths = new Dictionary<int, string>();
        private readonly Dictionary<string, FieldState> _states = new Dictionary<string, FieldState>(StringComparer.Ordinal);

        public JsonNode? Value { get; private set; }

        public void Apply(string eventData)
        {
            foreach (var op in JsonNode.Parse(eventData)!.AsArray())
            {
                var code = op![0]!.GetValue<string>();
                switch (code)
                {
                    case "o": Start(op, new JsonObject()); break;
                    case "l": Start(op, new JsonArray()); break;
                    case "s": Start(op, JsonValue.Create(string.Empty)); break;
                    case "a":
                        {
                            var path = _paths[op[1]!.GetValue<int>()];
                            Set(path, JsonValue.Create(Get(path)!.GetValue<string>() + op[2]!.GetValue<string>()));
                            break;
                        }

                    case "p": _states[op[1]!.GetValue<string>()] = FieldState.Streaming; break;
                    case "v":
                        {
                            var path = op[1]!.GetValue<string>();
                            Set(path, op[2]?.DeepClone());
                            _states[path] = FieldState.Complete;
                            break;
                        }

                    case "c": _states[_paths[op[1]!.GetValue<int>()]] = FieldState.Complete; break;
                    default: throw new InvalidOperationException("unknown op " + code);
                }
            }
        }

        /// <summary>Every started member: path → (value as JSON for scalars and strings, or null for containers; state).</summary>
        public SortedDictionary<string, (string? Json, FieldState State)> Leaves()
        {
            var leaves = new SortedDictionary<string, (string?, FieldState)>(StringComparer.Ordinal);
            Walk(Value, "$", leaves);
            return leaves;
        }

        private void Walk(JsonNode? node, string path, SortedDictionary<string, (string?, FieldState)> leaves)
        {
            var state = _states.TryGetValue(path, out var s) ? s : FieldState.Missing;
            switch (node)
            {
                case JsonObject obj:
                    leaves[path] = (null, state);
                    foreach (var (name, child) in obj) Walk(child, path + "." + name, leaves);
                    break;
                case JsonArray array:
                    leaves[path] = (null, state);
                    for (int i = 0; i < array.Count; i++) Walk(array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", leaves);
                    break;
                default:
                    leaves[path] = (node is null ? "null" : node.ToJsonString(), state);
                    break;
            }
        }

        private void Start(JsonNode op, JsonNode? empty)
        {
            var path = op[2]!.GetValue<string>();
            _paths[op[1]!.GetValue<int>()] = path;
            Set(path, empty);
            _states[path] = FieldState.Streaming;
        }

        private JsonNode? Get(string path)
        {
            var (parent, key, index) = Locate(path);
            if (parent is null) return Value;
            return key is not null ? parent.AsObject()[key] : parent.AsArray()[index];
        }

        private void Set(string path, JsonNode? value)
        {
            var (parent, key, index) = Locate(path);
            if (parent is null)
            {
                Value = value;
                return;
            }

            if (key is not null)
            {
                parent.AsObject()[key] = value;
                return;
            }

            var array = parent.AsArray();
            if (index == array.Count) array.Add(value);
            else array[index] = value;
        }

        // Plain-name paths only ($.a.b[2]); the browser client handles the quoted form.
        private (JsonNode? Parent, string? Key, int Index) Locate(string path)
        {
            var segments = new List<object>();
            int i = 1;
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    int j = i + 1;
                    while (j < path.Length && path[j] != '.' && path[j] != '[') j++;
                    segments.Add(path.Substring(i + 1, j - i - 1));
                    i = j;
                }
                else
                {
                    int j = path.IndexOf(']', i);
                    segments.Add(int.Parse(path.AsSpan(i + 1, j - i - 1), CultureInfo.InvariantCulture));
                    i = j + 1;
                }
            }

            if (segments.Count == 0) return (null, null, -1);
            var node = Value;
            for (int k = 0; k < segments.Count - 1; k++) node = segments[k] is string name ? node![name] : node![(int)segments[k]];
            var last = segments[^1];
            return last is string lastName ? (node, lastName, -1) : (node, null, (int)last);
        }
    }
}
