using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.Cassettes
{
    /// <summary>
    /// An <see cref="HttpMessageHandler"/> that answers requests from a cassette instead of the network.
    /// </summary>
    /// <remarks>
    /// Interactions are served strictly in recorded order: each request must match the next unplayed
    /// interaction on method, URL and body (JSON compared by meaning), otherwise a
    /// <see cref="CassetteMismatchException"/> explains the difference. The request bytes a client sends
    /// are part of what a replay test checks. Responses stream their body in pieces (see
    /// <see cref="CassetteReplayOptions.Chunking"/>) and work with <see cref="HttpCompletionOption.ResponseHeadersRead"/>.
    /// </remarks>
    public sealed class ReplayHandler : HttpMessageHandler
    {
        private const int MaxDifferencesInMessage = 40;

        private readonly object _gate = new object();
        private readonly CassetteReplayOptions _options;
        private int _nextInteraction;
        private int _requestCount;

        /// <summary>Creates a handler that replays <paramref name="cassette"/>.</summary>
        /// <param name="cassette">The recorded interactions.</param>
        /// <param name="options">Matching and streaming settings; defaults when omitted.</param>
        public ReplayHandler(Cassette cassette, CassetteReplayOptions? options = null)
        {
            Cassette = cassette ?? throw new ArgumentNullException(nameof(cassette));
            _options = options ?? new CassetteReplayOptions();
            _options.Validate();
        }

        /// <summary>Creates a handler that replays the cassette file at <paramref name="cassettePath"/>.</summary>
        /// <param name="cassettePath">The go-vcr YAML file.</param>
        /// <param name="options">Matching and streaming settings; defaults when omitted.</param>
        /// <exception cref="CassetteFormatException">The file is not a valid cassette.</exception>
        public ReplayHandler(string cassettePath, CassetteReplayOptions? options = null)
            : this(CassetteLoader.Load(cassettePath), options)
        {
        }

        /// <summary>The cassette being replayed.</summary>
        public Cassette Cassette { get; }

        /// <summary>How many interactions have not been played yet.</summary>
        public int RemainingInteractions
        {
            get
            {
                lock (_gate)
                {
                    return Cassette.Interactions.Count - _nextInteraction;
                }
            }
        }

        /// <summary>
        /// Throws unless every interaction of the cassette was played; call it at the end of a test
        /// so a client that stops early (or skips a tool round-trip) fails.
        /// </summary>
        /// <exception cref="CassetteReplayException">Some interactions were not played.</exception>
        public void AssertAllUsed()
        {
            int next;
            lock (_gate)
            {
                next = _nextInteraction;
            }

            int total = Cassette.Interactions.Count;
            if (next >= total)
            {
                return;
            }

            var message = new StringBuilder()
                .Append(FormattableString.Invariant($"Cassette {CassetteName} was not played to the end: {total - next} of {total} interaction(s) were never requested:"));
            for (int i = next; i < total; i++)
            {
                CassetteRequest request = Cassette.Interactions[i].Request;
                message.Append('\n').Append(FormattableString.Invariant($"  interaction {i}: {request.Method} {request.Url}"));
            }

            throw new CassetteReplayException(message.ToString(), Cassette.SourcePath);
        }

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            cancellationToken.ThrowIfCancellationRequested();
            byte[] body = request.Content is null
                ? Array.Empty<byte>()
#if NET
                : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            return Play(request, body);
        }

#if NET
        /// <inheritdoc />
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            cancellationToken.ThrowIfCancellationRequested();
            byte[] body = Array.Empty<byte>();
            if (request.Content is not null)
            {
                using Stream source = request.Content.ReadAsStream(cancellationToken);
                using var copy = new MemoryStream();
                source.CopyTo(copy);
                body = copy.ToArray();
            }

            return Play(request, body);
        }
#endif

        private string CassetteName => Cassette.SourcePath ?? "<in-memory cassette>";

        private HttpResponseMessage Play(HttpRequestMessage request, byte[] bodyBytes)
        {
            string body = Encoding.UTF8.GetString(bodyBytes);
            string method = request.Method.Method;
            CassetteInteraction interaction;

            // Only CPU work happens under the lock (no awaits), so concurrent requests cannot deadlock;
            // they are simply matched one after the other against the next interaction.
            lock (_gate)
            {
                int requestNumber = ++_requestCount;
                int index = _nextInteraction;
                if (index >= Cassette.Interactions.Count)
                {
                    throw new CassetteExhaustedException(
                        $"Cassette {CassetteName} has no more interactions: all {Cassette.Interactions.Count} were already played, "
                        + $"but request {requestNumber} arrived: {method} {request.RequestUri}. "
                        + "The client sent more requests than were recorded; re-record the cassette or check for retries.",
                        Cassette.SourcePath,
                        Cassette.Interactions.Count);
                }

                interaction = Cassette.Interactions[index];
                List<string> differences = RequestMatcher.Differences(interaction.Request, method, request.RequestUri, bodyBytes, body, _options);
                if (differences.Count > 0)
                {
                    throw new CassetteMismatchException(
                        DescribeMismatch(requestNumber, index, interaction, method, request.RequestUri, differences),
                        Cassette.SourcePath,
                        index,
                        differences);
                }

                _nextInteraction++;
            }

            return ReplayResponseFactory.Create(interaction.Response, request, _options);
        }

        private string DescribeMismatch(int requestNumber, int index, CassetteInteraction interaction, string method, Uri? url, List<string> differences)
        {
            var message = new StringBuilder()
                .Append(FormattableString.Invariant($"Request {requestNumber} ({method} {url}) does not match interaction {index} (id {interaction.Id}) "))
                .Append(FormattableString.Invariant($"of cassette {CassetteName}; interactions are replayed in recorded order."))
                .Append(FormattableString.Invariant($"\n{differences.Count} difference(s) (\"expected\" is the recording, \"was\" is this request):"));
            for (int i = 0; i < differences.Count && i < MaxDifferencesInMessage; i++)
            {
                message.Append("\n  ").Append(differences[i]);
            }

            if (differences.Count > MaxDifferencesInMessage)
            {
                message.Append(FormattableString.Invariant($"\n  ... and {differences.Count - MaxDifferencesInMessage} more (see CassetteMismatchException.Differences)"));
            }

            return message.ToString();
        }
    }
}
