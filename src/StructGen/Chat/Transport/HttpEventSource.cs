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

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// Sends one request and reads its answer as wire events, for any HTTP protocol: retries,
    /// timeouts, the idle watchdog, body sniffing (an event stream, or one whole JSON document), SSE
    /// framing and the transport's failures. What an event means is the decoder's job.
    /// </summary>
    internal sealed partial class HttpEventSource : RequestScope
    {
        private const int DefaultMaxEventBytes = 64 * 1024 * 1024;
        private readonly ChatTransport _transport;
        // The request body until it is sent; then, for an answer that was not streamed (one JSON document, decoded whole
        // instead of as events), that document. One field for the two: an open stream keeps neither.
        private byte[]? _body;
        private readonly IEventDecoder _decoder;
        private readonly ChatStreamState State;
        private bool _reported;
        private volatile HttpResponseMessage? _response;
        private volatile bool _readPending;
        private bool _endedByFailure;


        internal HttpEventSource(ChatTransport transport, byte[] body, ChatStreamState state, IEventDecoder decoder)
        {
            _transport = transport;
            _body = body;
            State = state;
            _decoder = decoder;
        }

        /// <summary>
        /// Sends the request and opens the body (into <see cref="_reader"/>, or a whole JSON answer into <see cref="_body"/>; the result means nothing). A task of its
        /// own, awaited by the consumer like a read: it runs once per stream, and its locals are not kept after.
        /// </summary>
        private async Task<int> StartAsync(RequestScope scope)
        {
            HttpResponseMessage response;
            try
            {
                var body = _body ?? throw new InvalidOperationException("A request is read only once.");
                _body = null;
                (response, int attempts) = await _transport.SendAsync(body, scope, State).ConfigureAwait(false);
                Attempts = attempts;
                State.Attempts = attempts;
            }
            catch (Exception ex)
            {
                Report(ex, scope, attempts: ex is ChatApiException api ? api.Attempts : ex is ChatStreamException cs ? cs.Attempts : 0);
                throw;
            }

            // Disposed when the stream ends.
            _response = response;
            State.RequestId = _transport.RequestIdOf(response);
            try
            {
                var stream = await OpenBodyAsync(response, MediaType(response), scope).ConfigureAwait(false);

                // An event stream is read by the reader, which keeps the body stream; a whole JSON answer was read into _body
                // (the stream left is an empty stand-in).
                if (_body is null) _reader = CreateReader(stream, _transport.Options);
                else stream.Dispose();
                return 0;
            }
            catch (Exception ex) when (IsTransportFailure(ex))
            {
                throw Report(ReadFailure(ex, scope), scope, Attempts);
            }
        }

        private string? MediaType(HttpResponseMessage response) => _transport.FromResponse(MediaTypeOf(response.Content));

        private Exception Report(Exception ex, RequestScope scope, int attempts)
        {
            if (_reported) return ex;
            _reported = true;
            var logger = _transport.Logger;
            if (ex is OperationCanceledException)
            {
                TransportLog.Cancelled(logger, scope.ElapsedMilliseconds, State.RequestId);
            }
            else
            {
                var failure = ex switch
                {
                    ChatApiException api => "HTTP " + ((int)api.StatusCode).ToString(CultureInfo.InvariantCulture),
                    ChatStreamException stream => stream.Failure.ToString(),
                    _ => ex.GetType().Name,
                };
                TransportLog.Failed(logger, failure, scope.ElapsedMilliseconds, Math.Max(attempts, 1), (ex as ChatApiException)?.RequestId ?? State.RequestId, ex);
            }

            return ex;
        }

        /// <summary>
        /// Opens the body as an event stream. A 200 with <c>application/json</c> (servers that ignore
        /// <c>stream: true</c>, or proxies that buffer) is read whole and replayed as one event.
        /// </summary>
        private async Task<Stream> OpenBodyAsync(HttpResponseMessage response, string? mediaType, RequestScope scope)
        {
            if (response.Content is null) return new MemoryStream(Array.Empty<byte>(), writable: false);
            var token = WaitToken(scope);
            ArmIdle(scope);
            Stream stream;
            try
            {
#if NET
                // The platform's content hands over its connection stream without I/O: taken synchronously, the content
                // caches the stream itself rather than a Task of it (72 B an open stream keeps).
                stream = ReadsEndOnDispose
                    ? response.Content.ReadAsStream(token)
                    : await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
#else
                stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            }
            finally
            {
                IdleWatch.Shared.Disarm(this);
            }

            // Amazon Bedrock streams Messages events inside AWS event-stream frames: read them as the SSE they carry.
            if (AwsEventStreamReadStream.Is(mediaType)) return new AwsEventStreamReadStream(stream, _transport.Options.MaxLineBytes);
            if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)) return stream;

            try
            {
                // Peek at the first non-blank byte: a JSON document is read whole; anything else (an event stream
                // mislabelled as JSON by a proxy) is streamed as usual, the peeked bytes first.
                var body = new MemoryStream();
                var buffer = new byte[16 * 1024];
                int limit = _transport.Options.MaxLineBytes;
                int first = -1;
                while (true)
                {
                    int read = await ReadWithIdleAsync(stream, buffer, scope).ConfigureAwait(false);
                    if (read == 0) break;
                    if (first < 0)
                    {
                        for (int i = 0; i < read && first < 0; i++)
                        {
                            if (!IsSpace(buffer[i])) first = (int)body.Length + i;
                        }

                        if (first >= 0 && buffer[first - (int)body.Length] != (byte)'{')
                        {
                            body.Write(buffer, 0, read);
                            return new PrefixedReadStream(body.ToArray(), (int)body.Length, stream);
                        }
                    }

                    if (body.Length + read > limit)
                    {
                        throw new SseFormatException(
                            "The JSON response body is longer than " + _transport.Options.GetType().Name + ".MaxLineBytes (" + limit.ToString(CultureInfo.InvariantCulture) + " bytes); raise it if the response is legitimate.",
                            body.Length,
                            1);
                    }

                    body.Write(buffer, 0, read);
                }

                stream.Dispose();
                _body = body.ToArray();
                return new MemoryStream(Array.Empty<byte>(), writable: false);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private async Task<int> ReadWithIdleAsync(Stream stream, byte[] buffer, RequestScope scope)
        {
            var token = WaitToken(scope);
            _readPending = true;
            ArmIdle(scope);
            try
            {
                return await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
            }
            finally
            {
                _readPending = false;
                IdleWatch.Shared.Disarm(this);
            }
        }

        private static bool IsEventStream(string? mediaType) =>
            string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase) || AwsEventStreamReadStream.Is(mediaType);

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

        /// <summary>
        /// Whether a failed read only cut off the end of a stream whose model had finished (only [DONE] or a
        /// trailing usage chunk may be missing): the stream then ends normally.
        /// </summary>
        private bool EndAfterFinish(Exception ex, RequestScope scope)
        {
            if (scope.CallerCancelled || State.FinishReason is null || ex is SseFormatException) return false;
            TransportLog.EndedAfterFinish(_transport.Logger, scope.TimedOut ? "the overall timeout" : IdleExpired(scope) ? "the idle timeout" : ex.GetType().Name);
            _endedByFailure = true;
            return true;
        }

        /// <summary>
        /// Makes the handler drop the connection rather than drain the rest of an unread response: a read is
        /// started and cancelled while pending, which aborts the connection in <c>SocketsHttpHandler</c> (and
        /// resets the stream in HTTP/2). Reads that complete at once (buffered data) are discarded, a few times.
        /// </summary>
        private static void AbortBody(Stream stream)
        {
            try
            {
                var buffer = new byte[4096];
                for (int i = 0; i < 8; i++)
                {
                    var cts = new CancellationTokenSource();
                    var read = stream.ReadAsync(buffer, 0, buffer.Length, cts.Token);
                    if (!read.IsCompleted)
                    {
                        cts.Cancel();
                        _ = read.ContinueWith(
                            static (t, s) =>
                            {
                                _ = t.Exception;
                                ((IDisposable)s!).Dispose();
                            },
                            cts,
                            CancellationToken.None,
                            TaskContinuationOptions.ExecuteSynchronously,
                            TaskScheduler.Default);
                        return;
                    }

                    cts.Dispose();
                    if (read.Status != TaskStatus.RanToCompletion || read.Result == 0) return;
                }
            }
            catch (Exception ex) when (IsTransportFailure(ex) || ex is NotSupportedException or InvalidOperationException)
            {
                // Already closed or broken: nothing left to abort.
            }
        }

        private static SseReader CreateReader(Stream stream, ModelClientOptions options) => new SseReader(stream, new SseReaderOptions
        {
            MaxLineBytes = options.MaxLineBytes,
            MaxEventBytes = Math.Max(DefaultMaxEventBytes, options.MaxLineBytes),
            LeaveOpen = true,
        });

        /// <summary>
        /// The response's media type, as <c>Content.Headers.ContentType.MediaType</c> gives it. Parsed from the raw
        /// value where the platform allows, because the typed property stores its parsed value in the headers,
        /// which an open stream keeps (~64 B each).
        /// </summary>
        internal static string? MediaTypeOf(HttpContent? content)
        {
            if (content is null) return null;
#if NET
            if (content.Headers.NonValidated.TryGetValues("Content-Type", out var raw) && raw.Count == 1)
            {
                foreach (var value in raw)
                {
                    return System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(value, out var parsed) ? parsed.MediaType : null;
                }
            }
#endif
            return content.Headers.ContentType?.MediaType;
        }

        private static bool IsTransportFailure(Exception ex) =>
            ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException or SseFormatException;

        /// <summary>Maps a failure while reading the body to what the caller sees.</summary>
        private Exception ReadFailure(Exception ex, RequestScope scope)
        {
            if (scope.CallerCancelled) return scope.CallerCancellation(ex);
            var options = _transport.Options;
            string after = " after " + State.EventCount.ToString(CultureInfo.InvariantCulture) + " events. ";
            ChatStreamFailure failure;
            string message;
            if (scope.TimedOut)
            {
                failure = ChatStreamFailure.Timeout;
                message = "The request exceeded " + options.GetType().Name + ".Timeout (" + ChatTransport.Format(options.Timeout) + ")" + after;
            }
            else if (IdleExpired(scope))
            {
                failure = ChatStreamFailure.IdleTimeout;
                message = "No data arrived for " + options.GetType().Name + ".IdleTimeout (" + ChatTransport.Format(options.IdleTimeout) + ")" + after;
            }
            else if (ex is SseFormatException)
            {
                failure = ChatStreamFailure.InvalidChunk;
                message = "The event stream broke a reader limit" + after + ex.Message + " ";
            }
            else
            {
                failure = ChatStreamFailure.Truncated;
                message = "The connection dropped mid-stream" + after + "(" + ex.GetType().Name + ": " + Secrets.Mask(ex.Message, options.ApiKey) + ") ";
            }

            return new ChatStreamException(failure, message + StreamFailures.Kept(State) + StreamFailures.NotRetried + StreamFailures.RequestIdText(State), State, ex) { Attempts = Attempts };
        }
    }
}
