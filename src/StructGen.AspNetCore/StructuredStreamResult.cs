using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StructGen.Chat;

namespace StructGen.AspNetCore
{
    /// <summary>
    /// An <see cref="IResult"/> that streams a structured output to the browser as Server-Sent
    /// Events: patches against the previous partial, then a <c>done</c> event with the validated
    /// value or an <c>error</c> event with the JSON path and message. The patch format is in
    /// docs/web.md; client/structgen.js applies it.
    /// </summary>
    /// <remarks>
    /// A reconnect (a request carrying <c>Last-Event-ID</c>) cannot resume: the model's stream is not
    /// kept. The server answers it with one <c>reset</c> event and does not call the model again.
    /// A client disconnect cancels the model request (the stream is read with
    /// <see cref="HttpContext.RequestAborted"/>).
    /// </remarks>
    /// <typeparam name="T">The structured-output type.</typeparam>
    /// <typeparam name="TPartial">Its generated partial type.</typeparam>
    public sealed class StructuredStreamResult<T, TPartial> : IResult
        where TPartial : class
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly Func<CancellationToken, StructuredStream<T, TPartial>> _open;
        private readonly JsonTypeInfo<T>? _valueTypeInfo;

        /// <summary>Creates the result.</summary>
        /// <param name="open">Starts the structured stream; called only for a first request, never for a reconnect.</param>
        /// <param name="valueTypeInfo">Serializes the validated value into the <c>done</c> event; without it the event carries no value and the patched object is the value.</param>
        public StructuredStreamResult(Func<CancellationToken, StructuredStream<T, TPartial>> open, JsonTypeInfo<T>? valueTypeInfo = null)
        {
            _open = open ?? throw new ArgumentNullException(nameof(open));
            _valueTypeInfo = valueTypeInfo;
        }

        /// <inheritdoc />
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            if (httpContext is null) throw new ArgumentNullException(nameof(httpContext));
            var response = httpContext.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache,no-store";
            response.Headers.Pragma = "no-cache";
            // Compression middleware would hold events back until its buffer fills.
            response.Headers.ContentEncoding = "identity";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            var cancellation = httpContext.RequestAborted;
            try
            {
                await SseFormatter.WriteAsync(Events(httpContext, cancellation), response.Body, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // The browser went away; the model request was cancelled with it.
            }
        }

        private async IAsyncEnumerable<SseItem<string>> Events(HttpContext httpContext, [EnumeratorCancellation] CancellationToken cancellation)
        {
            if (httpContext.Request.Headers.TryGetValue("Last-Event-ID", out var lastEventId) && lastEventId.Count > 0)
            {
                yield return new SseItem<string>(Reset(lastEventId.ToString()), StructuredStreamEvents.Reset);
                yield break;
            }

            var stream = _open(cancellation) ?? throw new InvalidOperationException("The stream factory returned null; return the generated ...StreamAsync(...) call.");
            var encoder = new PatchEncoder();
            stream.Parser.ValueObserver = encoder;
            // Sent once: a reconnecting browser repeats it as Last-Event-ID, which is how a reconnect is told from a first request.
            string? streamId = Guid.NewGuid().ToString("N");
            string? failure = null;
            var partials = stream.GetAsyncEnumerator(cancellation);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await partials.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failure = Error(ex, httpContext);
                        more = false;
                    }

                    // One event per published partial (so a page redraws when the partial does), plus
                    // one if the end of the text completed a last number.
                    if (more || encoder.HasPending)
                    {
                        yield return new SseItem<string>(encoder.Take()) { EventId = streamId };
                        streamId = null;
                    }

                    if (!more) break;
                }
            }
            finally
            {
                await partials.DisposeAsync().ConfigureAwait(false);
            }

            yield return failure is not null
                ? new SseItem<string>(failure, StructuredStreamEvents.Error)
                : new SseItem<string>(Done(stream.Result.Value), StructuredStreamEvents.Done);
        }

        private string Done(T value)
        {
            return Write(writer =>
            {
                if (_valueTypeInfo is null) return;
                writer.WritePropertyName("value");
                JsonSerializer.Serialize(writer, value, _valueTypeInfo);
            });
        }

        private static string Error(Exception ex, HttpContext httpContext)
        {
            switch (ex)
            {
                case StructuredOutputException structured:
                    return ErrorJson(structured.Kind.ToString(), structured.Path, structured.Message);
                case ChatStreamException stream:
                    return ErrorJson(stream.Failure.ToString(), null, stream.Message);
                default:
                    // Anything else may carry server details (keys, hosts): log it, tell the browser only that it failed.
                    httpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("StructGen.AspNetCore").LogError(ex, "The structured stream failed.");
                    return ErrorJson("ServerError", null, "The server failed while streaming the structured output.");
            }
        }

        private static string ErrorJson(string kind, string? path, string message) => Write(writer =>
        {
            writer.WriteString("kind", kind);
            if (path is null) writer.WriteNull("path");
            else writer.WriteString("path", path);
            writer.WriteString("message", message);
        });

        private static string Reset(string lastEventId) => Write(writer =>
        {
            writer.WriteString("reason", "resume-unsupported");
            writer.WriteString("lastEventId", lastEventId);
            writer.WriteString("message", "The stream cannot be resumed after a reconnect: the server does not keep the model's output. Start a new request.");
        });

        private static string Write(Action<Utf8JsonWriter> body)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
