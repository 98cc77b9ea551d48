using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// What a recorded response says, worked out independently of the client: the SSE text split by
    /// hand (WHATWG rules, no shared code), each chunk read with <see cref="JsonDocument"/>. The
    /// corpus test compares the client's stream against it.
    /// </summary>
    internal sealed class ReferenceTranscript
    {
        private readonly List<ReferenceToolCall> _calls = new List<ReferenceToolCall>();
        private readonly Dictionary<int, int> _wireToCall = new Dictionary<int, int>();

        public StringBuilder Content { get; } = new StringBuilder();

        public StringBuilder Reasoning { get; } = new StringBuilder();

        public IReadOnlyList<ReferenceToolCall> ToolCalls => _calls;

        public string? FinishReason { get; private set; }

        public int? PromptTokens { get; private set; }

        public int? CompletionTokens { get; private set; }

        public int? TotalTokens { get; private set; }

        /// <summary>The provider's error message when the stream carried an error object.</summary>
        public string? ErrorMessage { get; private set; }

        public int ChunkCount { get; private set; }

        /// <summary>Whether a message event's data was not JSON (the client must fail with <c>InvalidChunk</c>).</summary>
        public bool HasInvalidChunk { get; private set; }

        /// <summary>The content deltas in order (for feeding a streaming parser the way the wire did).</summary>
        public List<string> ContentDeltas { get; } = new List<string>();

        public static ReferenceTranscript FromBody(string body, bool isEventStream)
        {
            var transcript = new ReferenceTranscript();
            if (!isEventStream)
            {
                transcript.ApplyChunk(body);
                return transcript;
            }

            foreach (var (type, data) in Events(body))
            {
                if (data.Trim() == "[DONE]") break;
                if (data.Trim().Length == 0) continue;
                if (!IsJson(data))
                {
                    // A named event that is not JSON (a proxy's ping) is skipped; a message that is not JSON is a broken stream.
                    if (type is "message" or "error")
                    {
                        transcript.HasInvalidChunk = type == "message";
                        if (type == "error") transcript.ErrorMessage = data;
                        break;
                    }

                    continue;
                }

                if (!transcript.ApplyChunk(data)) break;
            }

            return transcript;
        }

        private static bool IsJson(string text)
        {
            try
            {
                using (JsonDocument.Parse(text))
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The type and data of each dispatched event; a last event without its blank line is dropped.</summary>
        private static IEnumerable<(string Type, string Data)> Events(string body)
        {
            if (body.Length > 0 && body[0] == '\uFEFF') body = body.Substring(1);
            var data = new StringBuilder();
            string type = "message";
            bool hasData = false;
            int start = 0;
            while (start < body.Length)
            {
                int end = body.IndexOfAny(new[] { '\r', '\n' }, start);
                if (end < 0) yield break; // An unterminated last line is never dispatched.
                string line = body.Substring(start, end - start);
                start = end + (body[end] == '\r' && end + 1 < body.Length && body[end + 1] == '\n' ? 2 : 1);
                if (line.Length == 0)
                {
                    if (hasData) yield return (type, data.ToString());
                    data.Clear();
                    hasData = false;
                    type = "message";
                    continue;
                }

                if (line[0] == ':') continue;
                int colon = line.IndexOf(':');
                string field = colon < 0 ? line : line.Substring(0, colon);
                string value = colon < 0 ? string.Empty : line.Substring(colon + 1);
                if (value.StartsWith(" ", StringComparison.Ordinal)) value = value.Substring(1);
                if (field == "event") type = value.Length == 0 ? "message" : value;
                if (field != "data") continue;
                if (hasData) data.Append('\n');
                data.Append(value);
                hasData = true;
            }
        }

        // False when the chunk ends the transcript (an error).
        private bool ApplyChunk(string json)
        {
            ChunkCount++;
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return true;
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                ErrorMessage = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
                return false;
            }

            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (choice.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number && index.GetInt32() != 0) continue;
                    if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object) ApplyDelta(delta);
                    else if (choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object) ApplyDelta(message);
                    if (choice.TryGetProperty("usage", out var choiceUsage)) ApplyUsage(choiceUsage);
                    if (FinishReason is null && choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String && finish.GetString()!.Length > 0)
                    {
                        FinishReason = finish.GetString();
                    }
                }
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object) ApplyUsage(usage);
            else if (root.TryGetProperty("x_groq", out var groq) && groq.ValueKind == JsonValueKind.Object && groq.TryGetProperty("usage", out var groqUsage)) ApplyUsage(groqUsage);
            return true;
        }

        private void ApplyDelta(JsonElement delta)
        {
            string? reasoning = LooseText(delta, "reasoning_content") ?? LooseText(delta, "reasoning");
            if (delta.TryGetProperty("content", out var content))
            {
                if (content.ValueKind == JsonValueKind.String) AddContent(content.GetString()!);
                else if (content.ValueKind == JsonValueKind.Array)
                {
                    foreach (var part in content.EnumerateArray())
                    {
                        if (part.ValueKind != JsonValueKind.Object) continue;
                        bool thinking = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is "thinking" or "reasoning";
                        if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                        {
                            if (thinking) reasoning += text.GetString();
                            else AddContent(text.GetString()!);
                        }

                        if (part.TryGetProperty("thinking", out var nested) && nested.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in nested.EnumerateArray())
                            {
                                if (item.TryGetProperty("text", out var nestedText)) reasoning += nestedText.GetString();
                            }
                        }
                    }
                }
            }

            if (!string.IsNullOrEmpty(reasoning)) Reasoning.Append(reasoning);

            if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                int position = 0;
                foreach (var call in calls.EnumerateArray())
                {
                    int wire = call.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number ? index.GetInt32() : position;
                    position++;
                    string? id = Text(call, "id");
                    string? name = null, arguments = null;
                    if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                    {
                        name = Text(function, "name");
                        if (function.TryGetProperty("arguments", out var args))
                        {
                            arguments = args.ValueKind == JsonValueKind.String ? args.GetString() : args.ValueKind == JsonValueKind.Null ? null : args.GetRawText();
                        }
                    }

                    // A new id at a wire index already in use is a new call (servers that repeat index 0).
                    if (!_wireToCall.TryGetValue(wire, out int slot) ||
                        (!string.IsNullOrEmpty(id) && _calls[slot].Id is not null && _calls[slot].Id != id))
                    {
                        slot = _calls.Count;
                        _calls.Add(new ReferenceToolCall());
                        _wireToCall[wire] = slot;
                    }

                    var target = _calls[slot];
                    if (!string.IsNullOrEmpty(id)) target.Id ??= id;
                    if (!string.IsNullOrEmpty(name)) target.Name ??= name;
                    if (!string.IsNullOrEmpty(arguments)) target.Arguments.Append(arguments);
                }
            }
        }

        private void AddContent(string text)
        {
            if (text.Length == 0) return;
            Content.Append(text);
            ContentDeltas.Add(text);
        }

        private void ApplyUsage(JsonElement usage)
        {
            if (usage.ValueKind != JsonValueKind.Object) return;
            int? prompt = Number(usage, "prompt_tokens");
            int? completion = Number(usage, "completion_tokens");
            PromptTokens = prompt ?? 0;
            CompletionTokens = completion ?? 0;
            TotalTokens = Number(usage, "total_tokens") ?? PromptTokens + CompletionTokens;
        }

        private static int? Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

        // A string, or the "text"/"content" string of an object (some providers wrap reasoning).
        private static string? LooseText(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString() is { Length: > 0 } text ? text : null;
            if (value.ValueKind != JsonValueKind.Object) return null;
            return Text(value, "text") ?? Text(value, "content");
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    internal sealed class ReferenceToolCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new StringBuilder();
    }
}
