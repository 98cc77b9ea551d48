using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using StructGen.Chat.Transport;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// Reads Anthropic Messages events (or one whole <c>message</c> body) into neutral updates. Tool
    /// calls are the client <c>tool_use</c> blocks only, numbered 0, 1, 2… in order of their start;
    /// server tool blocks, citations and unknown event, block and delta types are ignored.
    /// </summary>
    internal sealed class MessagesEventDecoder : IEventDecoder
    {
        private readonly ChatStreamState _state;
        private readonly AnthropicClientOptions _options;
        private readonly MessagesEvent _event = new MessagesEvent();
        private MessagesDeltaHead? _head; // taken at the first event after a wait: a whole-body read never needs one
        private readonly MessagesUsage _usage = new MessagesUsage();
        private readonly Dictionary<int, Block> _blocks = new Dictionary<int, Block>();
        private int _toolCalls;
        private bool _identified;
        private bool _finished;
        private string? _stopReason;

        public MessagesEventDecoder(ChatStreamState state, AnthropicClientOptions options)
        {
            _state = state;
            _options = options;
        }

        private enum BlockKind
        {
            Text,
            ToolUse,
            Thinking,
            Other,
        }

        public void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
        {
            var e = _event;
            try
            {
                MessagesEventReader.Read(data, e, _head ??= MessagesDeltaHead.Take());
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                if (eventType.SequenceEqual("error"u8)) throw ProviderFailure(ProviderError.FromUtf8(data));
                throw InvalidEvent(data, ex);
            }

            switch (e.Type ?? Encoding.UTF8.GetString(eventType.ToArray()))
            {
                case "message_start":
                    Identify(e.MessageId, e.Model, updates);
                    ReportUsage(e.Usage, updates);
                    break;
                case "content_block_start":
                    StartBlock(e, updates);
                    break;
                case "content_block_delta":
                    ApplyDelta(e, updates);
                    break;
                case "content_block_stop":
                    if (_blocks.TryGetValue(e.Index, out var block))
                    {
                        _blocks.Remove(e.Index);
                        StopBlock(block, updates);
                    }

                    break;
                case "message_delta":
                    _stopReason = e.StopReason ?? _stopReason;
                    ReportUsage(e.Usage, updates);
                    break;
                case "message_stop":
                    Finish(updates);
                    break;
                case "ping":
                    break;
                case "error":
                    throw ProviderFailure(ProviderError.FromUtf8(data));
                default:
                    TransportLog.IgnoredEvent(_options.Logger, e.Type ?? Encoding.UTF8.GetString(eventType.ToArray()), data.Length);
                    break;
            }
        }

        /// <summary>The stream waits on the network: the remembered head is forgotten and given to the thread's spare.</summary>
        public void Rest()
        {
            if (_head is not { } head) return;
            _head = null;
            MessagesDeltaHead.GiveBack(head);
        }

        /// <summary>Whether the decoder holds a remembered head (tests: none while it rests).</summary>
        internal bool HoldsHead => _head is not null;

        public void DecodeBody(ReadOnlySpan<byte> json, List<ChatStreamUpdate> updates)
        {
            JsonDocument document;
            try
            {
                var reader = new Utf8JsonReader(json);
                document = JsonDocument.ParseValue(ref reader);
            }
            catch (JsonException ex)
            {
                throw InvalidEvent(json, ex);
            }

            using (document)
            {
                try
                {
                    MessageBody.Decode(document.RootElement, this, updates);
                }
                catch (JsonException ex)
                {
                    throw InvalidEvent(json, ex);
                }
            }
        }

        public void Flush(List<ChatStreamUpdate> updates, bool explicitEnd)
        {
            // message_delta carries the stop reason; a stream cut just before the empty message_stop is complete.
            if (_stopReason is not null) Finish(updates);
        }

        internal void Identify(string? id, string? model, List<ChatStreamUpdate> updates)
        {
            if (_identified) return;
            _identified = true;
            updates.Add(ChatStreamUpdate.ResponseStarted(NullIfEmpty(id), NullIfEmpty(model)));
        }

        internal void SetStopReason(string? stopReason) => _stopReason = stopReason;

        internal int NextToolCall() => _toolCalls++;

        internal void ReportUsage(MessagesUsage usage, List<ChatStreamUpdate> updates)
        {
            if (!usage.Any) return;
            _usage.Merge(usage);
            updates.Add(ChatStreamUpdate.UsageReported(_usage.ToChatUsage()));
        }

        internal void Finish(List<ChatStreamUpdate> updates)
        {
            if (_finished) return;
            _finished = true;
            updates.Add(ChatStreamUpdate.Finished(MapStopReason(_stopReason)));
        }

        internal static FinishReason MapStopReason(string? value) => value switch
        {
            "end_turn" or "stop_sequence" => new FinishReason(FinishKind.Stop, value),
            "max_tokens" or "model_context_window_exceeded" => new FinishReason(FinishKind.Length, value),
            "tool_use" => new FinishReason(FinishKind.ToolCalls, value),
            "refusal" => new FinishReason(FinishKind.Refusal, value),
            _ => new FinishReason(FinishKind.Other, value ?? string.Empty),
        };

        /// <summary>A whole thinking block as the next request must carry it back.</summary>
        internal static ChatStreamUpdate Thinking(string text, string? signature) =>
            ChatStreamUpdate.ReasoningCompleted(new ReasoningContent(WireProtocols.AnthropicMessages, text, signature, payloadJson: null, mustSendBack: true));

        /// <summary>A redacted thinking block: no text, its encrypted data sent back verbatim.</summary>
        internal static ChatStreamUpdate RedactedThinking(string data)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("data", data);
                writer.WriteString("type", "redacted_thinking");
                writer.WriteEndObject();
            }

            var payload = Encoding.UTF8.GetString(buffer.ToArray());
            return ChatStreamUpdate.ReasoningCompleted(new ReasoningContent(WireProtocols.AnthropicMessages, string.Empty, null, payload, mustSendBack: true));
        }

        private void StartBlock(MessagesEvent e, List<ChatStreamUpdate> updates)
        {
            var block = new Block();
            switch (e.BlockType)
            {
                case "text":
                    block.Kind = BlockKind.Text;
                    if (!string.IsNullOrEmpty(e.BlockText)) updates.Add(ChatStreamUpdate.ContentDelta(e.BlockText!));
                    break;
                case "tool_use":
                    block.Kind = BlockKind.ToolUse;
                    block.ToolCall = _toolCalls++;
                    updates.Add(ChatStreamUpdate.ToolCallStarted(block.ToolCall, e.BlockId, e.BlockName ?? string.Empty));

                    // The input normally starts as {} and streams as input_json_delta; a block that starts with it whole keeps it.
                    if (e.BlockInput is { } input && !IsEmptyObject(input)) updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(block.ToolCall, input));
                    break;
                case "thinking":
                    block.Kind = BlockKind.Thinking;
                    if (!string.IsNullOrEmpty(e.BlockThinking))
                    {
                        block.Text.Append(e.BlockThinking);
                        updates.Add(ChatStreamUpdate.ReasoningDelta(e.BlockThinking!));
                    }

                    block.Signature.Append(e.BlockSignature);
                    break;
                case "redacted_thinking":
                    updates.Add(RedactedThinking(e.BlockData ?? string.Empty));
                    block.Kind = BlockKind.Other;
                    break;
                default:
                    block.Kind = BlockKind.Other; // server_tool_use, *_tool_result, mcp_*…: run by Anthropic, not calls for the client
                    break;
            }

            _blocks[e.Index] = block;
        }

        private void ApplyDelta(MessagesEvent e, List<ChatStreamUpdate> updates)
        {
            if (!_blocks.TryGetValue(e.Index, out var block) || string.IsNullOrEmpty(e.DeltaText)) return;
            var text = e.DeltaText!;
            switch (e.DeltaType)
            {
                case "text_delta" when block.Kind == BlockKind.Text:
                    updates.Add(ChatStreamUpdate.ContentDelta(text));
                    break;
                case "input_json_delta" when block.Kind == BlockKind.ToolUse:
                    updates.Add(ChatStreamUpdate.ToolCallArgumentsDelta(block.ToolCall, text));
                    break;
                case "thinking_delta" when block.Kind == BlockKind.Thinking:
                    block.Text.Append(text);
                    updates.Add(ChatStreamUpdate.ReasoningDelta(text));
                    break;
                case "signature_delta" when block.Kind == BlockKind.Thinking:
                    block.Signature.Append(text);
                    break;
            }
        }

        private static void StopBlock(Block block, List<ChatStreamUpdate> updates)
        {
            if (block.Kind == BlockKind.ToolUse) updates.Add(ChatStreamUpdate.ToolCallCompleted(block.ToolCall));
            else if (block.Kind == BlockKind.Thinking) updates.Add(Thinking(block.Text.ToString(), block.Signature.Length == 0 ? null : block.Signature.ToString()));
        }

        private static bool IsEmptyObject(string json)
        {
            var trimmed = json.Trim();
            if (trimmed == "null") return true;
            if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[trimmed.Length - 1] != '}') return false;
            return trimmed.Substring(1, trimmed.Length - 2).Trim().Length == 0;
        }

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

        internal ChatStreamException ProviderFailure(ProviderError error) => StreamFailures.ProviderReported(_state, error, _options.ApiKey, "Anthropic");

        private ChatStreamException InvalidEvent(ReadOnlySpan<byte> data, Exception ex) => StreamFailures.InvalidEvent(_state, "a valid Anthropic Messages event", data, ex, _options.ApiKey);

        private sealed class Block
        {
            public BlockKind Kind;
            public int ToolCall = -1;
            public readonly StringBuilder Text = new StringBuilder();
            public readonly StringBuilder Signature = new StringBuilder();
        }
    }
}
