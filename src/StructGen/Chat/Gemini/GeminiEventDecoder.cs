using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// Decodes <c>GenerateContentResponse</c> objects (one per SSE event, or the whole non-streamed body) into
    /// neutral updates. Follows candidate 0; usage is cumulative per event (the last report wins; see the Usage part).
    /// </summary>
    internal sealed partial class GeminiEventDecoder : IEventDecoder
    {
        private readonly ChatStreamState _state;
        private readonly GeminiClientOptions _options;
        private readonly Func<string> _nextToolCallId;
        private readonly StringBuilder _thoughts = new StringBuilder();
        private string? _textSignature;
        private List<string?>? _held; // signatures of the calls whose completion waits for the turn's signature (HoldOrComplete)
        private int _heldFrom;
        private int _calls;
        private bool _identified;
        private bool _finished;

        public GeminiEventDecoder(ChatStreamState state, GeminiClientOptions options, Func<string> nextToolCallId)
        {
            _state = state;
            _options = options;
            _nextToolCallId = nextToolCallId;
        }

        public void DecodeBody(ReadOnlySpan<byte> json, List<ChatStreamUpdate> updates) => Decode(json, "message"u8, updates);

        public void Flush(List<ChatStreamUpdate> updates, bool explicitEnd)
        {
            ReleaseHeldCalls(null, updates);
            PublishPendingUsage(updates);
        }

        public void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
        {
            // Most events are one candidate's text: read those without building a JsonDocument (see the Reader part).
            int before = updates.Count;
            if (!eventType.SequenceEqual("error"u8) && TryDecodeTextEvent(data, updates)) return;
            updates.RemoveRange(before, updates.Count - before);

            JsonDocument document;
            try
            {
                document = Parse(data);
            }
            catch (JsonException ex)
            {
                if (eventType.SequenceEqual("error"u8)) throw ProviderFailure(ProviderError.FromUtf8(data));
                throw StreamFailures.InvalidEvent(_state, "a valid Gemini response", data, ex, _options.ApiKey);
            }

            using (document)
            {
                try
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in root.EnumerateArray()) Apply(item, updates);
                    }
                    else
                    {
                        Apply(root, updates);
                    }
                }
                catch (JsonException ex)
                {
                    // Only StringOf throws it: valid JSON whose string is not text.
                    throw StreamFailures.InvalidEvent(_state, "a valid Gemini response", data, ex, _options.ApiKey);
                }
            }
        }

        private void Apply(JsonElement response, List<ChatStreamUpdate> updates)
        {
            if (response.ValueKind != JsonValueKind.Object) throw InvalidShape("is not a JSON object");
            if (response.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw ProviderFailure(ProviderError.FromElement(response) ?? ProviderError.FromUtf8(Encoding.UTF8.GetBytes(response.GetRawText())));
            }

            if (!_identified)
            {
                var id = String(response, "responseId");
                var model = String(response, "modelVersion");
                if (id is not null || model is not null)
                {
                    _identified = true;
                    updates.Add(ChatStreamUpdate.ResponseStarted(id, model));
                }
            }

            var candidate = FirstCandidate(response);
            string? finish = null;
            if (candidate is { } c)
            {
                if (c.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object &&
                    content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
                {
                    foreach (var part in parts.EnumerateArray()) ApplyPart(part, updates);
                }

                finish = String(c, "finishReason");
            }

            if (response.TryGetProperty("usageMetadata", out var usage) && usage.ValueKind == JsonValueKind.Object) ReportUsage(Usage(usage), updates);

            if (_finished) return;
            if (finish is not null)
            {
                Finish(GeminiFinishReasons.Map(finish, _calls > 0), updates);
            }
            else if (candidate is null && response.TryGetProperty("promptFeedback", out var feedback) && String(feedback, "blockReason") is { } blocked)
            {
                Finish(GeminiFinishReasons.PromptBlocked(blocked), updates);
            }
        }

        private void ApplyPart(JsonElement part, List<ChatStreamUpdate> updates)
        {
            if (part.ValueKind != JsonValueKind.Object) return;
            var signature = String(part, "thoughtSignature");
            if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
            {
                int index = _calls++;
                var name = String(call, "name") ?? throw InvalidShape("has a functionCall without a name");
                var id = String(call, "id") ?? _nextToolCallId();
                updates.Add(ChatStreamUpdate.ToolCallStarted(index, id, name));
                var args = call.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object ? a.GetRawText() : "{}";
                updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(index, args));
                HoldOrComplete(index, signature, updates);
                return;
            }

            if (signature is not null)
            {
                // A turn's first call that came unsigned takes the signature a later part brings (Gemini 3 can send it
                // alone on an empty text part of the next chunk); it must go back on that call, not on a text part.
                if (_held is { } held && held[0] is null) ReleaseHeldCalls(signature, updates);
                else _textSignature = signature;
            }

            if (String(part, "text") is not { Length: > 0 } text) return;
            if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
            {
                _thoughts.Append(text);
                updates.Add(ChatStreamUpdate.ReasoningDelta(text));
            }
            else
            {
                updates.Add(ChatStreamUpdate.ContentDelta(text));
            }
        }

        // Gemini signs a function-calling turn on its first call. When that call comes without a signature, its
        // completion (and that of the calls after it, to keep their order) waits for a part that brings one, or for
        // the finish: the signature must be the call's when it completes, since the call goes back as it completed.
        private void HoldOrComplete(int index, string? signature, List<ChatStreamUpdate> updates)
        {
            if (_held is null && (signature is not null || index > 0))
            {
                updates.Add(ChatStreamUpdate.ToolCallCompleted(index, signature));
                return;
            }

            if (_held is null) _heldFrom = index;
            (_held ??= new List<string?>()).Add(signature);
        }

        /// <summary>Completes the held calls in order, the first with <paramref name="firstSignature"/> when it has none.</summary>
        private void ReleaseHeldCalls(string? firstSignature, List<ChatStreamUpdate> updates)
        {
            if (_held is not { } held) return;
            _held = null;
            for (int i = 0; i < held.Count; i++)
            {
                updates.Add(ChatStreamUpdate.ToolCallCompleted(_heldFrom + i, i == 0 ? held[0] ?? firstSignature : held[i]));
            }
        }

        private void Finish(FinishReason reason, List<ChatStreamUpdate> updates)
        {
            ReleaseHeldCalls(null, updates);
            PublishPendingUsage(updates);
            _finished = true;
            if (_thoughts.Length > 0 || _textSignature is not null)
            {
                updates.Add(ChatStreamUpdate.ReasoningCompleted(new ReasoningContent(WireProtocols.Gemini, _thoughts.ToString(), _textSignature)));
            }

            updates.Add(ChatStreamUpdate.Finished(reason));
        }

        private static JsonElement? FirstCandidate(JsonElement response)
        {
            if (!response.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array) return null;
            JsonElement? first = null;
            foreach (var candidate in candidates.EnumerateArray())
            {
                if (candidate.ValueKind != JsonValueKind.Object) continue;
                // An index that is not an int32 (0.0, 1e40) is not candidate 0; GetInt32 would throw on it.
                bool indexed = candidate.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number;
                if (!indexed || (index.TryGetInt32(out int n) && n == 0)) return candidate;
                first ??= candidate;
            }

            return first;
        }

        private static UsageCounts Usage(JsonElement usage) => new UsageCounts(
            Int(usage, "promptTokenCount") ?? 0,
            Int(usage, "candidatesTokenCount") ?? 0,
            Int(usage, "totalTokenCount") ?? 0,
            Int(usage, "thoughtsTokenCount"),
            Int(usage, "cachedContentTokenCount"));

        private static int? Int(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

        private static string? String(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? StringOf(value, name) : null;

        // A lone surrogate escape (\ud800 without its pair) is valid JSON but no string: GetString throws InvalidOperationException.
        private static string StringOf(JsonElement value, string name)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                throw new JsonException("The string of '" + name + "' is not valid UTF-16 (an escaped surrogate without its pair): " + ex.Message, ex);
            }
        }

        private static JsonDocument Parse(ReadOnlySpan<byte> data)
        {
            var bytes = Utf8Text.IsValid(data) ? data.ToArray() : Utf8Text.Sanitize(data);
            return JsonDocument.Parse(bytes);
        }

        private ChatStreamException InvalidShape(string what) => new ChatStreamException(
            ChatStreamFailure.InvalidChunk,
            "Event " + _state.EventCount.ToString(CultureInfo.InvariantCulture) + " " + what + ". " + StreamFailures.Kept(_state) + StreamFailures.NotRetried + StreamFailures.RequestIdText(_state),
            _state);


        private ChatStreamException ProviderFailure(ProviderError error) => StreamFailures.ProviderReported(_state, error, _options.ApiKey);
    }
}
