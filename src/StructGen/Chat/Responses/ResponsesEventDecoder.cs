using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// Reads a Responses API answer (stream events, or one whole response object) into neutral updates:
    /// text, refusal and reasoning deltas, function calls numbered 0, 1, 2… over function calls only
    /// (not <c>output_index</c>), reasoning items with what must go back, usage and the finish reason.
    /// Errors the provider reports (<c>error</c> events, <c>response.failed</c>) become
    /// <see cref="ChatStreamException"/>s with <see cref="ChatStreamFailure.ProviderError"/>.
    /// </summary>
    internal sealed class ResponsesEventDecoder : IEventDecoder
    {
        private readonly ChatStreamState _state;
        private readonly ResponsesClientOptions _options;
        private readonly ResponsesEvent _event = new ResponsesEvent();
        private readonly List<Call> _calls = new List<Call>();
        private readonly Dictionary<int, int> _callByOutputIndex = new Dictionary<int, int>();
        private readonly Dictionary<string, int> _callByItemId = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly HashSet<string> _streamedItems = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _doneItems = new HashSet<string>(StringComparer.Ordinal);

        // The message and reasoning items the stream showed, in the order it first showed them: the terminal response's
        // items are matched to them (and to _calls) by order when their ids differ (vLLM builds that response anew).
        private readonly List<string> _messageItems = new List<string>();
        private readonly List<string> _reasoningItems = new List<string>();
        private string? _reasoningPart;
        private string? _lastStreamed;
        private bool _identified;
        private bool _sawRefusal;
        private bool _sawText;
        private bool _finished;

        public ResponsesEventDecoder(ChatStreamState state, ResponsesClientOptions options)
        {
            _state = state;
            _options = options;
        }

        public void Flush(List<ChatStreamUpdate> updates, bool explicitEnd)
        {
        }

        /// <summary>The stream waits on the network: the event's remembered head goes to the thread's spare.</summary>
        public void Rest() => _event.Rest();

        /// <summary>Whether the decoder holds a remembered head (tests: none while it rests).</summary>
        internal bool HoldsHead => _event.HoldsHead;

        public void DecodeBody(ReadOnlySpan<byte> json, List<ChatStreamUpdate> updates)
        {
            using var document = Parse(json, isError: false);
            if (document is null) return;
            var root = document.RootElement;
            if (ResponsesItems.String(root, "type") == "error") throw ProviderFailure(ProviderError.FromElement(root) ?? ProviderError.FromUtf8(json));
            Terminal(root, updates);
        }

        public void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
        {
            bool isError = eventType.SequenceEqual("error"u8);
            try
            {
                _event.Read(data);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                if (isError) throw ProviderFailure(ProviderError.FromUtf8(data));
                if (!eventType.SequenceEqual("message"u8) && !IsResponsesEventName(eventType))
                {
                    // A named event that is not JSON (a proxy's keep-alive): not ours, skip it.
                    TransportLog.IgnoredEvent(_options.Logger, Encoding.UTF8.GetString(eventType.ToArray()), data.Length);
                    return;
                }

                throw Invalid(data, ex);
            }

            switch (_event.Kind)
            {
                case ResponsesEventKind.TextDelta:
                    if (string.IsNullOrEmpty(_event.Delta)) return;
                    MarkStreamed(_event.ItemId, _event.OutputIndex);
                    _sawText = true;
                    updates.Add(ChatStreamUpdate.ContentDelta(_event.Delta!));
                    return;
                case ResponsesEventKind.ArgumentsDelta:
                    if (!string.IsNullOrEmpty(_event.Delta)) ArgumentsDelta(_event.OutputIndex, _event.ItemId, _event.Delta!, updates);
                    return;
                case ResponsesEventKind.SummaryDelta:
                case ResponsesEventKind.ReasoningTextDelta:
                    ReasoningDelta(updates);
                    return;
                case ResponsesEventKind.RefusalDelta:
                    if (string.IsNullOrEmpty(_event.Delta)) return;
                    var refusalItem = Key(_event.ItemId, _event.OutputIndex);
                    if (_streamedItems.Add(refusalItem)) _messageItems.Add(refusalItem);
                    _sawRefusal = true;
                    updates.Add(ChatStreamUpdate.RefusalDelta(_event.Delta!));
                    return;
                case ResponsesEventKind.Error:
                    throw ProviderFailure(ProviderError.FromUtf8(data));
                case ResponsesEventKind.Other:
                    // An `event: error` whose data has no Responses type ({"error":{…}} from a proxy) is still an error.
                    if (isError) throw ProviderFailure(ProviderError.FromUtf8(data));
                    return;
            }

            var (start, length) = _event.Payload;
            if (length == 0) return;
            using var document = Parse(data.Slice(start, length), isError: false);
            if (document is null) return;
            var payload = document.RootElement;
            switch (_event.Kind)
            {
                case ResponsesEventKind.Started:
                    Identify(payload, updates);
                    break;
                case ResponsesEventKind.ItemAdded:
                    if (ResponsesItems.String(payload, "type") == "function_call") StartCall(payload, _event.OutputIndex, updates);
                    break;
                case ResponsesEventKind.ItemDone:
                    ItemDone(payload, _event.OutputIndex, updates);
                    break;
                case ResponsesEventKind.Terminal:
                    Terminal(payload, updates);
                    break;
            }
        }

        // Deltas of one item repeat the same id instance (ResponsesEvent keeps it): hash it once, not on every delta.
        private void MarkStreamed(string? itemId, int outputIndex)
        {
            if (itemId is not null && ReferenceEquals(itemId, _lastStreamed)) return;
            var key = Key(itemId, outputIndex);
            if (_streamedItems.Add(key)) _messageItems.Add(key);
            _lastStreamed = itemId;
        }

        private void ReasoningDelta(List<ChatStreamUpdate> updates)
        {
            if (string.IsNullOrEmpty(_event.Delta)) return;
            var key = Key(_event.ItemId, _event.OutputIndex);
            if (_streamedItems.Add(key)) _reasoningItems.Add(key);
            var part = key + "/" + _event.SummaryIndex.ToString(CultureInfo.InvariantCulture) + "/" + _event.Kind;
            if (_reasoningPart is not null && !string.Equals(part, _reasoningPart, StringComparison.Ordinal)) updates.Add(ChatStreamUpdate.ReasoningDelta("\n\n"));
            _reasoningPart = part;
            updates.Add(ChatStreamUpdate.ReasoningDelta(_event.Delta!));
        }

        private void Identify(JsonElement response, List<ChatStreamUpdate> updates)
        {
            if (_identified) return;
            var id = ResponsesItems.String(response, "id");
            var model = ResponsesItems.String(response, "model");
            if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(model)) return;
            _identified = true;
            updates.Add(ChatStreamUpdate.ResponseStarted(string.IsNullOrEmpty(id) ? null : id, string.IsNullOrEmpty(model) ? null : model));
        }

        private int StartCall(JsonElement item, int outputIndex, List<ChatStreamUpdate> updates)
        {
            int index = _calls.Count;
            var call = new Call { Name = ResponsesItems.String(item, "name") ?? string.Empty };
            _calls.Add(call);
            if (outputIndex >= 0) _callByOutputIndex[outputIndex] = index;
            if (ResponsesItems.String(item, "id") is { Length: > 0 } itemId) _callByItemId[itemId] = index;
            var callId = ResponsesItems.String(item, "call_id");
            updates.Add(ChatStreamUpdate.ToolCallStarted(index, string.IsNullOrEmpty(callId) ? ResponsesItems.String(item, "id") : callId, ResponsesItems.String(item, "name") ?? string.Empty));
            if (ResponsesItems.String(item, "arguments") is { Length: > 0 } arguments) ArgumentsDelta(index, arguments, updates);
            return index;
        }

        private int? FindCall(int outputIndex, string? itemId)
        {
            if (outputIndex >= 0 && _callByOutputIndex.TryGetValue(outputIndex, out int index)) return index;
            if (itemId is not null && _callByItemId.TryGetValue(itemId, out index)) return index;
            return null;
        }

        // A finished function_call item none of whose keys the stream used (vLLM's harmony streaming sends the call's
        // output_item.done under the next output_index, with no id and a new call_id) is the call still streaming
        // with its name and the arguments it finished with, if there is one.
        private int? FindOpenCall(JsonElement item)
        {
            var name = ResponsesItems.String(item, "name");
            var arguments = ResponsesItems.String(item, "arguments") ?? string.Empty;
            for (int i = 0; i < _calls.Count; i++)
            {
                var call = _calls[i];
                if (!call.Completed && call.Name == name && arguments.StartsWith(call.Arguments.ToString(), StringComparison.Ordinal)) return i;
            }

            return null;
        }

        private void ArgumentsDelta(int outputIndex, string? itemId, string delta, List<ChatStreamUpdate> updates)
        {
            if (FindCall(outputIndex, itemId) is int index)
            {
                ArgumentsDelta(index, delta, updates);
                return;
            }

            // Arguments before the call's item: the call starts here, its name comes with output_item.done.
            throw new ChatStreamException(
                ChatStreamFailure.InvalidChunk,
                "Event " + _state.EventCount.ToString(CultureInfo.InvariantCulture) + " streams arguments of a function call that was never announced (output_index " +
                outputIndex.ToString(CultureInfo.InvariantCulture) + "). " + StreamFailures.Kept(_state) + StreamFailures.NotRetried + StreamFailures.RequestIdText(_state),
                _state);
        }

        private void ArgumentsDelta(int index, string delta, List<ChatStreamUpdate> updates)
        {
            _calls[index].Arguments.Append(delta);
            updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(index, delta));
        }

        private void ItemDone(JsonElement item, int outputIndex, List<ChatStreamUpdate> updates, string? shownKey = null, int shownCall = -1)
        {
            var key = shownKey ?? Key(ResponsesItems.String(item, "id"), outputIndex);
            if (!_doneItems.Add(key)) return;
            switch (ResponsesItems.String(item, "type"))
            {
                case "function_call":
                {
                    int index = FindCall(outputIndex, ResponsesItems.String(item, "id")) ?? (shownCall >= 0 ? shownCall : (int?)null) ?? FindOpenCall(item) ?? StartCall(item, outputIndex, updates);
                    var call = _calls[index];
                    if (call.Completed) return;
                    // The item's arguments are authoritative: publish what the deltas did not carry.
                    var final = ResponsesItems.String(item, "arguments") ?? string.Empty;
                    var streamed = call.Arguments.ToString();
                    if (final.Length > streamed.Length && final.StartsWith(streamed, StringComparison.Ordinal)) ArgumentsDelta(index, final.Substring(streamed.Length), updates);
                    call.Completed = true;
                    updates.Add(ChatStreamUpdate.ToolCallCompleted(index));
                    break;
                }

                case "reasoning":
                {
                    if (!_reasoningItems.Contains(key)) _reasoningItems.Add(key);
                    var text = ResponsesItems.ReasoningText(item);
                    if (text.Length > 0 && !_streamedItems.Contains(key)) updates.Add(ChatStreamUpdate.ReasoningDelta(text));
                    updates.Add(ChatStreamUpdate.ReasoningCompleted(new ReasoningContent(
                        WireProtocols.Responses, text, payloadJson: item.GetRawText(), mustSendBack: ResponsesItems.HasEncryptedContent(item))));
                    break;
                }

                case "message":
                {
                    // Text already streamed as deltas is not repeated; a whole body (or a server that sends only
                    // the finished item) is published here.
                    if (!_messageItems.Contains(key)) _messageItems.Add(key);
                    if (_streamedItems.Contains(key) || !item.TryGetProperty("content", out var parts) || parts.ValueKind != JsonValueKind.Array) return;
                    foreach (var part in parts.EnumerateArray())
                    {
                        switch (ResponsesItems.String(part, "type"))
                        {
                            case "output_text" when ResponsesItems.String(part, "text") is { Length: > 0 } text:
                                _sawText = true;
                                updates.Add(ChatStreamUpdate.ContentDelta(text));
                                break;
                            case "refusal" when ResponsesItems.String(part, "refusal") is { Length: > 0 } refusal:
                                _sawRefusal = true;
                                updates.Add(ChatStreamUpdate.RefusalDelta(refusal));
                                break;
                        }
                    }

                    break;
                }
            }
        }

        private void Terminal(JsonElement response, List<ChatStreamUpdate> updates)
        {
            if (_finished) return;
            Identify(response, updates);
            var status = ResponsesItems.String(response, "status");
            if (status == "failed" || (response.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object))
            {
                throw ProviderFailure(ProviderError.FromElement(response) ?? ProviderError.FromUtf8("{\"message\":\"The response failed and gave no reason.\"}"u8));
            }

            // Items the stream did not finish one by one (or all of them, for a whole body). An item whose id the stream
            // never used is, by its order among the items of its type, one the stream showed under another id (vLLM
            // builds this response anew, with fresh ids), unless the stream showed fewer: then it is new.
            if (response.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
            {
                int position = 0, messages = 0, reasonings = 0, calls = 0;
                foreach (var item in output.EnumerateArray())
                {
                    var key = Key(ResponsesItems.String(item, "id"), position);
                    switch (ResponsesItems.String(item, "type"))
                    {
                        case "message":
                            ItemDone(item, position, updates, ShownAs(key, _messageItems, messages++));
                            break;
                        case "reasoning":
                            ItemDone(item, position, updates, ShownAs(key, _reasoningItems, reasonings++));
                            break;
                        case "function_call":
                            ItemDone(item, position, updates, shownCall: IsKnown(key) || calls >= _calls.Count ? -1 : calls);
                            calls++;
                            break;
                        default:
                            ItemDone(item, position, updates);
                            break;
                    }

                    position++;
                }
            }

            if (ResponsesItems.Usage(response) is { } usage) updates.Add(ChatStreamUpdate.UsageReported(usage));
            _finished = true;
            updates.Add(ChatStreamUpdate.Finished(FinishOf(response, status)));
        }

        private bool IsKnown(string key) => _doneItems.Contains(key) || _streamedItems.Contains(key) || _callByItemId.ContainsKey(key);

        /// <summary>The key of the item the stream showed as the <paramref name="ordinal"/>-th of its type, when <paramref name="key"/> is not one the stream used.</summary>
        private string ShownAs(string key, List<string> shown, int ordinal) => IsKnown(key) || ordinal >= shown.Count ? key : shown[ordinal];

        private FinishReason FinishOf(JsonElement response, string? status)
        {
            switch (status)
            {
                case "incomplete":
                    var reason = response.TryGetProperty("incomplete_details", out var details) ? ResponsesItems.String(details, "reason") : null;
                    return new FinishReason(
                        reason switch
                        {
                            "max_output_tokens" => FinishKind.Length,
                            "content_filter" => FinishKind.ContentFilter,
                            _ => FinishKind.Other,
                        },
                        reason ?? "incomplete");
                case "completed":
                case null:
                    var kind = _calls.Count > 0 ? FinishKind.ToolCalls : _sawRefusal && !_sawText ? FinishKind.Refusal : FinishKind.Stop;
                    return new FinishReason(kind, status ?? "completed");
                default:
                    return new FinishReason(FinishKind.Other, status);
            }
        }

        private static string Key(string? itemId, int outputIndex) => itemId ?? "#" + outputIndex.ToString(CultureInfo.InvariantCulture);

        private static bool IsResponsesEventName(ReadOnlySpan<byte> name) => name.StartsWith("response."u8);

        private JsonDocument? Parse(ReadOnlySpan<byte> json, bool isError)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                return JsonDocument.ParseValue(ref reader);
            }
            catch (JsonException ex)
            {
                if (isError) throw ProviderFailure(ProviderError.FromUtf8(json));
                throw Invalid(json, ex);
            }
        }

        private ChatStreamException Invalid(ReadOnlySpan<byte> data, Exception ex) => StreamFailures.InvalidEvent(_state, "a valid Responses API event", data, ex, _options.ApiKey);

        private ChatStreamException ProviderFailure(ProviderError error) => StreamFailures.ProviderReported(_state, error, _options.ApiKey);

        private sealed class Call
        {
            public string Name { get; set; } = string.Empty;

            public StringBuilder Arguments { get; } = new StringBuilder();

            public bool Completed { get; set; }
        }
    }
}
