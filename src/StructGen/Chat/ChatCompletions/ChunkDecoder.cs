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
    /// <summary>Reads chat-completion chunks (streamed or one whole body) into neutral updates.</summary>
    internal sealed class ChunkDecoder : IEventDecoder
    {
        private readonly ChatStreamState _state;
        private readonly ChatCompletionsClientOptions _options;
        private ChunkProcessor _processor; // a struct mutated in place: not readonly
        private readonly ChunkReader _chunkReader = new ChunkReader();
        private bool _identified;

        public ChunkDecoder(ChatStreamState state, ChatCompletionsClientOptions options)
        {
            _state = state;
            _options = options;
            _processor = new ChunkProcessor(options.ThinkTagsAsReasoning);
        }

        public void Rest() => _chunkReader.Rest();

        public void DecodeBody(ReadOnlySpan<byte> json, List<ChatStreamUpdate> updates) => Decode(json, "message"u8, updates);

        public void Flush(List<ChatStreamUpdate> updates, bool explicitEnd)
        {
            _processor.Flush(updates);

            // [DONE] or a whole body with no (or an empty) finish_reason: a complete answer whose reason is
            // unknown (Snowflake Cortex never sends one), not a stream the server cut short.
            if (explicitEnd) _processor.FinishIfUnfinished(updates);
        }

        public void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
        {
            try
            {
                DecodeChunk(data, eventType, updates);
            }
            finally
            {
                // The chunk's DTOs are not needed once it is applied: a stream waiting for its next chunk holds none.
                _chunkReader.Release();
            }
        }

        private void DecodeChunk(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates)
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
                    TransportLog.IgnoredEvent(_options.Logger, Encoding.UTF8.GetString(eventType.ToArray()), data.Length);
                    return;
                }

                throw StreamFailures.InvalidEvent(_state, "a valid chat-completion chunk", data, ex, _options.ApiKey);
            }

            if (chunk is null) return;
            if (isError || chunk.IsError)
            {
                throw ProviderFailure(ProviderError.FromUtf8(data));
            }

            if (!_identified && (chunk.Id is { Length: > 0 } || chunk.Model is { Length: > 0 }))
            {
                _identified = true;
                updates.Add(ChatStreamUpdate.ResponseStarted(NullIfEmpty(chunk.Id), NullIfEmpty(chunk.Model)));
            }

            _processor.Apply(chunk, updates);
        }

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

        private ChunkDto? Deserialize(ReadOnlySpan<byte> data)
        {
            // Id and model are kept from the first chunk that has them; later ones are not materialized.
            bool needIdentity = !_identified;
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

        private ChatStreamException ProviderFailure(ProviderError error) => StreamFailures.ProviderReported(_state, error, _options.ApiKey);
    }
}
