using System;
using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A recorded HTTP request, with the fields of go-vcr's <c>cassette.Request</c>.
    /// Fields go-vcr marks <c>omitempty</c> are optional on load and left out on save when empty.
    /// </summary>
    public sealed class CassetteRequest
    {
        /// <summary>The protocol text, e.g. <c>HTTP/1.1</c> (<c>proto:</c>).</summary>
        public string Proto { get; set; } = "HTTP/1.1";

        /// <summary>The protocol major version (<c>proto_major:</c>).</summary>
        public int ProtoMajor { get; set; } = 1;

        /// <summary>The protocol minor version (<c>proto_minor:</c>).</summary>
        public int ProtoMinor { get; set; } = 1;

        /// <summary>The body length in bytes, or -1 when unknown (<c>content_length:</c>).</summary>
        public long ContentLength { get; set; }

        /// <summary>Transfer encodings, outermost first (<c>transfer_encoding:</c>, optional).</summary>
        public IList<string> TransferEncoding { get; } = new List<string>();

        /// <summary>Trailer headers (<c>trailer:</c>, optional).</summary>
        public CassetteHeaders Trailer { get; } = new CassetteHeaders();

        /// <summary>The explicit Host override; go-vcr records an empty string for ordinary client requests (<c>host:</c>).</summary>
        public string Host { get; set; } = string.Empty;

        /// <summary>The remote address, only set for server-side recordings (<c>remote_addr:</c>, optional).</summary>
        public string RemoteAddr { get; set; } = string.Empty;

        /// <summary>The raw request target, only set for server-side recordings (<c>request_uri:</c>, optional).</summary>
        public string RequestUri { get; set; } = string.Empty;

        /// <summary>The request body as text (<c>body:</c>, optional); empty when <see cref="BinaryBody"/> holds it.</summary>
        public string Body { get; set; } = string.Empty;

        /// <summary>
        /// The body bytes when they are not UTF-8 text, which go-vcr writes as <c>body: !!binary</c> base64;
        /// <see langword="null"/> for a text body (see <see cref="Body"/>). When set, it is the body.
        /// </summary>
        public byte[]? BinaryBody { get; set; }

        /// <summary>Parsed form values (<c>form:</c>, optional). Keys are case-sensitive, as in Go's <c>url.Values</c>.</summary>
        public CassetteHeaders Form { get; } = new CassetteHeaders(StringComparer.Ordinal);

        /// <summary>The request headers (<c>headers:</c>, optional).</summary>
        public CassetteHeaders Headers { get; } = new CassetteHeaders();

        /// <summary>The absolute request URL (<c>url:</c>).</summary>
        public string Url { get; set; } = string.Empty;

        /// <summary>The HTTP method, e.g. <c>POST</c> (<c>method:</c>).</summary>
        public string Method { get; set; } = "GET";
    }
}
