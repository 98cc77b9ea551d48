using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>Turns a recorded response into an <see cref="HttpResponseMessage"/> whose body streams in pieces.</summary>
    internal static class ReplayResponseFactory
    {
        public static HttpResponseMessage Create(CassetteResponse recorded, HttpRequestMessage request, CassetteReplayOptions options)
        {
            byte[] body = recorded.BinaryBody ?? Encoding.UTF8.GetBytes(recorded.Body);
            var content = new ReplayContent(body, options.Chunking, options.ReadDelay, lengthKnown: recorded.ContentLength >= 0, binaryFrames: IsAwsEventStream(recorded));
            var response = new HttpResponseMessage((HttpStatusCode)recorded.Code)
            {
                RequestMessage = request,
                Version = recorded.ProtoMajor > 0 ? new Version(recorded.ProtoMajor, Math.Max(0, recorded.ProtoMinor)) : HttpVersion.Version11,
                Content = content,
            };

            string? reason = ReasonPhrase(recorded);
            if (reason is not null)
            {
                response.ReasonPhrase = reason;
            }

            foreach (KeyValuePair<string, IReadOnlyList<string>> header in recorded.Headers)
            {
                // Framing headers describe the original wire transfer, not this replay; the content
                // reports its own length (or none, for a streamed recording).
                if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // Content-Type and the other content headers are refused by response.Headers and belong on the content.
                if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

#if NET
            foreach (KeyValuePair<string, IReadOnlyList<string>> trailer in recorded.Trailer)
            {
                response.TrailingHeaders.TryAddWithoutValidation(trailer.Key, trailer.Value);
            }
#endif

            return response;
        }

        private static bool IsAwsEventStream(CassetteResponse recorded)
        {
            return recorded.Headers.TryGetValues("Content-Type", out IReadOnlyList<string> types)
                && types.Count > 0
                && types[0].TrimStart().StartsWith(EventStreamFrameBoundary.MediaType, StringComparison.OrdinalIgnoreCase);
        }

        // Go records "200 OK"; the reason phrase is what follows the code.
        private static string? ReasonPhrase(CassetteResponse recorded)
        {
            string code = recorded.Code.ToString(CultureInfo.InvariantCulture);
            string status = recorded.Status.Trim();
            if (status.Length == 0 || status == code)
            {
                return null;
            }

            return status.StartsWith(code + " ", StringComparison.Ordinal) ? status.Substring(code.Length + 1) : status;
        }
    }
}
