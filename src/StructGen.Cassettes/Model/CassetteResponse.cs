using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A recorded HTTP response, with the fields of go-vcr's <c>cassette.Response</c>.
    /// </summary>
    public sealed class CassetteResponse
    {
        /// <summary>The protocol text, e.g. <c>HTTP/2.0</c> (<c>proto:</c>).</summary>
        public string Proto { get; set; } = "HTTP/1.1";

        /// <summary>The protocol major version (<c>proto_major:</c>).</summary>
        public int ProtoMajor { get; set; } = 1;

        /// <summary>The protocol minor version (<c>proto_minor:</c>).</summary>
        public int ProtoMinor { get; set; } = 1;

        /// <summary>Transfer encodings, outermost first (<c>transfer_encoding:</c>, optional).</summary>
        public IList<string> TransferEncoding { get; } = new List<string>();

        /// <summary>Trailer headers (<c>trailer:</c>, optional).</summary>
        public CassetteHeaders Trailer { get; } = new CassetteHeaders();

        /// <summary>The body length in bytes, or -1 when the response was streamed with no length (<c>content_length:</c>).</summary>
        public long ContentLength { get; set; } = -1;

        /// <summary>Whether Go's transport transparently decompressed the body (<c>uncompressed:</c>, optional).</summary>
        public bool Uncompressed { get; set; }

        /// <summary>The full response body as text, byte for byte (<c>body:</c>); empty when <see cref="BinaryBody"/> holds it.</summary>
        public string Body { get; set; } = string.Empty;

        /// <summary>
        /// The body bytes when they are not UTF-8 text (e.g. an AWS event stream), which go-vcr writes as
        /// <c>body: !!binary</c> base64; <see langword="null"/> for a text body (see <see cref="Body"/>). When set, it is the body.
        /// </summary>
        public byte[]? BinaryBody { get; set; }

        /// <summary>The response headers (<c>headers:</c>).</summary>
        public CassetteHeaders Headers { get; } = new CassetteHeaders();

        /// <summary>The status line text after the protocol, e.g. <c>200 OK</c> (<c>status:</c>).</summary>
        public string Status { get; set; } = "200 OK";

        /// <summary>The numeric status code (<c>code:</c>).</summary>
        public int Code { get; set; } = 200;

        /// <summary>
        /// How long the real request took, as Go's <c>time.Duration</c> text, e.g. <c>1.94s</c> (<c>duration:</c>).
        /// Kept as text so nanosecond precision survives a round trip; see <see cref="GoDuration"/> to convert.
        /// </summary>
        public string Duration { get; set; } = "0s";
    }
}
