using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Record mode: forwards each request to the inner handler (the real endpoint) and records the
    /// request and response as a go-vcr v2 interaction, while the caller receives the response with
    /// its body still streaming. Credential headers are never recorded.
    /// </summary>
    /// <remarks>
    /// Interactions are kept in the order requests were sent. Call <see cref="Save(string)"/> (or
    /// <see cref="SaveAsync(string, CancellationToken)"/>) once the responses have been read or disposed.
    /// Requests that fail with an exception are not recorded.
    /// </remarks>
    public sealed class RecordingHandler : DelegatingHandler
    {
        private readonly object _gate = new object();
        private readonly List<PendingInteraction> _interactions = new List<PendingInteraction>();
        private readonly RecordingOptions _options;
        private readonly HashSet<string> _redacted;

        /// <summary>Creates a recording handler whose <see cref="DelegatingHandler.InnerHandler"/> is set later (e.g. by an HTTP client factory).</summary>
        /// <param name="options">Recording settings; defaults when omitted.</param>
        public RecordingHandler(RecordingOptions? options = null)
        {
            _options = options ?? new RecordingOptions();
            _redacted = HeaderRules.RedactedSet(_options);
        }

        /// <summary>Creates a recording handler in front of <paramref name="innerHandler"/>.</summary>
        /// <param name="innerHandler">The handler that reaches the real endpoint, e.g. <see cref="HttpClientHandler"/>.</param>
        /// <param name="options">Recording settings; defaults when omitted.</param>
        public RecordingHandler(HttpMessageHandler innerHandler, RecordingOptions? options = null)
            : base(innerHandler)
        {
            _options = options ?? new RecordingOptions();
            _redacted = HeaderRules.RedactedSet(_options);
        }

        /// <summary>Header names that are never written to a cassette, whatever the options say (compared case-insensitively).</summary>
        public static IReadOnlyList<string> AlwaysRedactedHeaders => HeaderRules.AlwaysRedacted;

        /// <summary>How many interactions have been recorded so far (including ones whose body is still streaming).</summary>
        public int InteractionCount
        {
            get
            {
                lock (_gate)
                {
                    return _interactions.Count;
                }
            }
        }

        /// <summary>
        /// Builds the cassette from what was recorded, waiting for bodies that are being read to
        /// their end in the background after an early dispose.
        /// </summary>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>The cassette, interactions numbered from 0 in request order.</returns>
        /// <exception cref="InvalidOperationException">A response is still held unread by the caller, or its body was cut short.</exception>
        public async Task<Cassette> ToCassetteAsync(CancellationToken cancellationToken = default)
        {
            PendingInteraction[] pending;
            lock (_gate)
            {
                pending = _interactions.ToArray();
            }

            var problems = new List<string>();
            for (int i = 0; i < pending.Length; i++)
            {
                ResponseCapture? capture = pending[i].Capture;
                if (capture is null)
                {
                    problems.Add(Describe(i, pending[i], "no response yet (the request is still in flight)"));
                }
                else if (capture.State == ResponseCapture.CaptureState.WithCaller)
                {
                    problems.Add(Describe(i, pending[i], "the response body is still open; read it to the end or dispose the response first"));
                }
                else if (capture.State == ResponseCapture.CaptureState.Draining)
                {
                    await WaitAsync(capture.Finished, cancellationToken).ConfigureAwait(false);
                }
            }

            var cassette = new Cassette();
            for (int i = 0; i < pending.Length && problems.Count == 0; i++)
            {
                ResponseCapture capture = pending[i].Capture!;
                if (capture.State == ResponseCapture.CaptureState.Truncated)
                {
                    problems.Add(Describe(i, pending[i], "the response body is incomplete: " + capture.TruncationReason));
                    continue;
                }

                CassetteResponse response = pending[i].Response!;
                byte[] bytes = capture.ToArray();
                if (BodyText.IsUtf8(bytes))
                {
                    response.Body = Encoding.UTF8.GetString(bytes);
                }
                else
                {
                    response.BinaryBody = bytes;
                }

                cassette.Interactions.Add(new CassetteInteraction { Id = i, Request = pending[i].Request, Response = response });
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException(
                    "The recording cannot be saved yet:\n  " + string.Join("\n  ", problems));
            }

            return cassette;
        }

        /// <summary>Builds the cassette; see <see cref="ToCassetteAsync(CancellationToken)"/>.</summary>
        /// <returns>The cassette.</returns>
        public Cassette ToCassette() => ToCassetteAsync().ConfigureAwait(false).GetAwaiter().GetResult();

        /// <summary>Writes the recorded interactions to <paramref name="path"/> as go-vcr v2 YAML.</summary>
        /// <param name="path">The cassette file to create or replace.</param>
        /// <param name="cancellationToken">Stops waiting for bodies still being drained.</param>
        /// <returns>A task that completes when the file is written.</returns>
        public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
        {
            Cassette cassette = await ToCassetteAsync(cancellationToken).ConfigureAwait(false);
            CassetteWriter.Save(cassette, path);
        }

        /// <summary>Writes the recorded interactions to <paramref name="path"/> as go-vcr v2 YAML.</summary>
        /// <param name="path">The cassette file to create or replace.</param>
        public void Save(string path) => CassetteWriter.Save(ToCassette(), path);

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            // Buffering the request body lets us record it and still hand the same bytes to the inner handler.
            byte[] body = request.Content is null
                ? Array.Empty<byte>()
#if NET
                : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            var pending = new PendingInteraction(CaptureRequest(request, body));
            lock (_gate)
            {
                _interactions.Add(pending);
            }

            HttpResponseMessage response;
            var clock = Stopwatch.StartNew();
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _interactions.Remove(pending);
                }

                throw;
            }

            // Like go-vcr, the duration is the time to the response headers.
            pending.Response = CaptureResponseHead(response, clock.Elapsed);

            HttpContent? original = response.Content;
            Stream inner = original is null
                ? Stream.Null
#if NET
                : await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                : await original.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            var capture = new ResponseCapture();
            var stream = new CapturingStream(inner, capture, _options.DrainTimeout, original);
            response.Content = new CapturingContent(stream, original);
            pending.Capture = capture;
            return response;
        }

        private CassetteRequest CaptureRequest(HttpRequestMessage request, byte[] body)
        {
            var recorded = new CassetteRequest
            {
                Proto = ProtoText(request.Version),
                ProtoMajor = request.Version.Major,
                ProtoMinor = request.Version.Minor,
                ContentLength = body.Length,
                Host = request.Headers.Host ?? string.Empty,
                Body = BodyText.IsUtf8(body) ? Encoding.UTF8.GetString(body) : string.Empty,
                BinaryBody = BodyText.IsUtf8(body) ? null : body,
                Url = request.RequestUri is null ? string.Empty : QueryRedaction.Redact(
                    request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsoluteUri : request.RequestUri.OriginalString,
                    QueryRedaction.Set(_options.AdditionalRedactedQueryParameters)),
                Method = request.Method.Method,
            };

            // Go keeps Host and Content-Length out of the header map (they have their own fields).
            var headers = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            HeaderRules.CopyInto(HeaderRules.Raw(request.Headers), headers, _redacted, "Host", "Content-Length");
            HeaderRules.CopyInto(HeaderRules.Raw(request.Content?.Headers), headers, _redacted, "Content-Length");
            foreach (KeyValuePair<string, IReadOnlyList<string>> header in HeaderRules.ToCassetteHeaders(headers))
            {
                recorded.Headers.Set(header.Key, header.Value);
            }

            return recorded;
        }

        private CassetteResponse CaptureResponseHead(HttpResponseMessage response, TimeSpan elapsed)
        {
            int code = (int)response.StatusCode;
            string codeText = code.ToString(CultureInfo.InvariantCulture);
            var recorded = new CassetteResponse
            {
                Proto = ProtoText(response.Version),
                ProtoMajor = response.Version.Major,
                ProtoMinor = response.Version.Minor,
                ContentLength = response.Content?.Headers.ContentLength ?? -1,
                Status = string.IsNullOrEmpty(response.ReasonPhrase) ? codeText : codeText + " " + response.ReasonPhrase,
                Code = code,
                Duration = GoDuration.Format(elapsed),
            };

            // Go moves "Transfer-Encoding: chunked" from the header map into its own field.
            if (response.Headers.TransferEncodingChunked == true)
            {
                recorded.TransferEncoding.Add("chunked");
            }

            var headers = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            HeaderRules.CopyInto(HeaderRules.Raw(response.Headers), headers, _redacted, "Transfer-Encoding");
            HeaderRules.CopyInto(HeaderRules.Raw(response.Content?.Headers), headers, _redacted);
            foreach (KeyValuePair<string, IReadOnlyList<string>> header in HeaderRules.ToCassetteHeaders(headers))
            {
                recorded.Headers.Set(header.Key, header.Value);
            }

            return recorded;
        }

        private static string ProtoText(Version version) =>
            "HTTP/" + version.Major.ToString(CultureInfo.InvariantCulture) + "." + Math.Max(0, version.Minor).ToString(CultureInfo.InvariantCulture);

        private static string Describe(int index, PendingInteraction pending, string problem) =>
            FormattableString.Invariant($"interaction {index} ({pending.Request.Method} {pending.Request.Url}): {problem}");

        private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                await task.ConfigureAwait(false);
                return;
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }
}
