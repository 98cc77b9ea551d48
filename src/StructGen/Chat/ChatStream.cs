using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Sse;

namespace StructGen.Chat
{
    /// <summary>
    /// A streamed chat completion: enumerate it to send the request and receive updates as the
    /// model writes. <see cref="State"/> accumulates everything received. Enumerate once.
    /// </summary>
    /// <remarks>
    /// Breaking out of <c>await foreach</c> or cancelling disposes the response and releases the
    /// connection. A failure after the response started raises <see cref="ChatStreamException"/>
    /// with what had arrived.
    /// </remarks>
    public sealed class ChatStream : IAsyncEnumerable<ChatStreamUpdate>
    {
        private static readonly byte[] DoneMarker = Encoding.ASCII.GetBytes("[DONE]");
        private readonly ChatTransport _transport;
        private readonly byte[] _body;
        private readonly CancellationToken _cancellationToken;
        private int _started;

        internal ChatStream(ChatTransport transport, byte[] body, CancellationToken cancellationToken)
        {
            _transport = transport;
            _body = body;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Everything received so far.</summary>
        public ChatStreamState State { get; } = new ChatStreamState();

        /// <summary>The request body sent (UTF-8 JSON), for logging and tests.</summary>
        public ReadOnlyMemory<byte> RequestBody => _body;

        /// <inheritdoc />
        public IAsyncEnumerator<ChatStreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                throw new InvalidOperationException("A chat stream can be enumerated only once; start a new request instead.");
            }

            return RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        private async IAsyncEnumerable<ChatStreamUpdate> RunAsync([EnumeratorCancellation] CancellationToken enumeratorToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, enumeratorToken);
            var cancellationToken = linked.Token;
            using HttpResponseMessage response = await _transport.SendAsync(_body, cancellationToken).ConfigureAwait(false);
            State.RequestId = ChatTransport.RequestIdOf(response);
#if NET
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            using var reader = new SseReader(stream);
            var updates = new List<ChatStreamUpdate>();
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                var data = reader.Data;
                State.EventCount++;
                if (data.Span.SequenceEqual(DoneMarker)) break;
                if (data.IsEmpty) continue;

                updates.Clear();
                ApplyEvent(data.Span, updates);
                foreach (var update in updates) yield return update;
            }

            if (State.FinishReason is null)
            {
                throw new ChatStreamException(
                    ChatStreamFailure.Truncated,
                    "The stream ended before the model finished (no finish_reason arrived); the connection may have dropped. " +
                    "What arrived is kept in State.",
                    State);
            }
        }

        private void ApplyEvent(ReadOnlySpan<byte> data, List<ChatStreamUpdate> updates)
        {
            ChunkDto? chunk;
            try
            {
                chunk = JsonSerializer.Deserialize(data, ChunkJsonContext.Default.ChunkDto);
            }
            catch (JsonException ex)
            {
                throw new ChatStreamException(
                    ChatStreamFailure.InvalidChunk,
                    "A stream event is not a valid chat-completion chunk: " + ex.Message + " Event data starts with: " + Excerpt(data),
                    State,
                    ex);
            }

            if (chunk is null) return;
            if (chunk.Error is { } error)
            {
                throw new ChatStreamException(
                    ChatStreamFailure.ProviderError,
                    "The provider reported an error inside the stream: " + (error.Message ?? "(no message)") + (error.Type is null ? string.Empty : " [" + error.Type + "]"),
                    State)
                {
                    ErrorType = error.Type,
                    ErrorCode = error.Code.ValueKind == JsonValueKind.String ? error.Code.GetString() : error.Code.ValueKind == JsonValueKind.Number ? error.Code.GetRawText() : null,
                };
            }

            ChunkProcessor.Apply(chunk, State, updates);
        }

        private static string Excerpt(ReadOnlySpan<byte> data)
        {
            var text = Encoding.UTF8.GetString(data.Slice(0, Math.Min(data.Length, 200)).ToArray());
            return data.Length > 200 ? text + "…" : text;
        }
    }
}
