using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Transport;
using StructGen.Sse;

namespace StructGen.Chat
{
    // Decoding of one SSE event into updates, and the texts failures carry: split from the read loop.
    public sealed partial class ChatStream
    {
        private void ApplyEvent(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
        {
            bool isMessage = eventType.SequenceEqual("message"u8);
            bool isError = eventType.SequenceEqual("error"u8);
            ChunkDto? chunk;
            try
            {
                chunk = Deserialize(data);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                if (isError)
                {
                    throw ProviderFailure(ProviderError.FromUtf8(data));
                }

                if (!isMessage)
                {
                    // A named event that is not a chunk (a proxy's "ping" with text data): not ours, skip it.
                    TransportLog.IgnoredEvent(_transport.Logger, Encoding.UTF8.GetString(eventType.ToArray()), data.Length);
                    return;
                }

                // System.Text.Json quotes the offending text in its messages: keep only a masked copy of the error.
                var key = _transport.Options.ApiKey;
                var masked = ex is JsonException json
                    ? new JsonException(Secrets.Mask(json.Message, key), json.Path, json.LineNumber, json.BytePositionInLine)
                    : new JsonException(Secrets.Mask(ex.Message, key));
                throw new ChatStreamException(
                    ChatStreamFailure.InvalidChunk,
                    "Event " + State.EventCount.ToString(CultureInfo.InvariantCulture) + " is not a valid chat-completion chunk: " + masked.Message +
                    " Its data starts with: " + Excerpt(data) + " " + Kept() + NotRetried() + RequestIdText(),
                    State,
                    masked)
                {
                    Attempts = Attempts,
                };
            }

            if (chunk is null) return;
            if (isError || chunk.IsError)
            {
                throw ProviderFailure(ProviderError.FromUtf8(data));
            }

            _processor.Apply(chunk, State, updates);
        }

        private readonly ChunkReader _chunkReader = new ChunkReader();

        private ChunkDto? Deserialize(ReadOnlySpan<byte> data)
        {
            // Id and model are kept from the first chunk that has them; later ones are not materialized.
            bool needIdentity = State.Id is null || State.Model is null;
            try
            {
                return _chunkReader.Read(data, needIdentity);
            }
            catch (Exception ex) when ((ex is JsonException or InvalidOperationException or ArgumentException) && !Utf8Text.IsValid(data))
            {
                // The SSE rules decode the stream as UTF-8 with replacement: invalid bytes become U+FFFD.
                return _chunkReader.Read(Utf8Text.Sanitize(data), needIdentity);
            }
        }

        private ChatStreamException ProviderFailure(ProviderError error)
        {
            error = error.Redact(_transport.Options.ApiKey).Truncate(8 * 1024);
            var description = error.Describe();
            if (!description.EndsWith(".", StringComparison.Ordinal)) description += ".";
            return new ChatStreamException(
                ChatStreamFailure.ProviderError,
                "The provider reported an error inside the stream after " + (State.EventCount - 1).ToString(CultureInfo.InvariantCulture) + " events: " + description + " " + Kept() + NotRetried() + RequestIdText(),
                State)
            {
                ErrorType = error.Type,
                ErrorCode = error.Code,
                ErrorMessage = error.Message,
                Attempts = Attempts,
            };
        }

        private string Kept()
        {
            var text = State.Content.Length.ToString(CultureInfo.InvariantCulture) + " characters of content";
            if (State.ToolCallCount > 0) text += ", " + State.ToolCallCount.ToString(CultureInfo.InvariantCulture) + " tool call(s)";
            if (State.Usage is not null) text += ", usage";
            return text + " had arrived and are kept in State.";
        }

        private static string NotRetried() => " Not retried: the response had started.";

        private string RequestIdText() => State.RequestId is null ? string.Empty : " Request id: " + State.RequestId + ".";

        private static bool IsEventStream(string? mediaType) => string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

        private static bool IsDone(ReadOnlySpan<byte> data) => Trim(data).SequenceEqual("[DONE]"u8);

        private static bool IsBlank(ReadOnlySpan<byte> data) => Trim(data).IsEmpty;

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
        {
            int start = 0, end = data.Length;
            while (start < end && IsSpace(data[start])) start++;
            while (end > start && IsSpace(data[end - 1])) end--;
            return data.Slice(start, end - start);
        }

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

        private string Excerpt(ReadOnlySpan<byte> data)
        {
            // Mask before cutting, so a key across the cut cannot leave a recognisable half.
            var text = Secrets.Mask(Encoding.UTF8.GetString(data.ToArray()), _transport.Options.ApiKey)!;
            return text.Length > 200 ? text.Substring(0, 200) + "…" : text;
        }
    }
}
