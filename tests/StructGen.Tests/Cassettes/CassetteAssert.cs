using System.Collections.Generic;
using System.Linq;
using StructGen.Cassettes;
using Xunit;

namespace StructGen.Tests.Cassettes
{
    /// <summary>Field-by-field equality for cassettes, with a message naming the field that differs.</summary>
    internal static class CassetteAssert
    {
        public static void Equal(Cassette expected, Cassette actual)
        {
            Assert.Equal(expected.Version, actual.Version);
            Assert.Equal(expected.Interactions.Count, actual.Interactions.Count);
            for (int i = 0; i < expected.Interactions.Count; i++)
            {
                Equal(expected.Interactions[i], actual.Interactions[i]);
            }
        }

        public static void Equal(CassetteInteraction expected, CassetteInteraction actual)
        {
            Assert.Equal(expected.Id, actual.Id);
            CassetteRequest er = expected.Request, ar = actual.Request;
            Assert.Equal(er.Proto, ar.Proto);
            Assert.Equal(er.ProtoMajor, ar.ProtoMajor);
            Assert.Equal(er.ProtoMinor, ar.ProtoMinor);
            Assert.Equal(er.ContentLength, ar.ContentLength);
            Assert.Equal(er.TransferEncoding, ar.TransferEncoding);
            Assert.Equal(Flatten(er.Trailer), Flatten(ar.Trailer));
            Assert.Equal(er.Host, ar.Host);
            Assert.Equal(er.RemoteAddr, ar.RemoteAddr);
            Assert.Equal(er.RequestUri, ar.RequestUri);
            Assert.Equal(er.Body, ar.Body);
            Assert.Equal(Flatten(er.Form), Flatten(ar.Form));
            Assert.Equal(Flatten(er.Headers), Flatten(ar.Headers));
            Assert.Equal(er.Url, ar.Url);
            Assert.Equal(er.Method, ar.Method);

            CassetteResponse es = expected.Response, @as = actual.Response;
            Assert.Equal(es.Proto, @as.Proto);
            Assert.Equal(es.ProtoMajor, @as.ProtoMajor);
            Assert.Equal(es.ProtoMinor, @as.ProtoMinor);
            Assert.Equal(es.TransferEncoding, @as.TransferEncoding);
            Assert.Equal(Flatten(es.Trailer), Flatten(@as.Trailer));
            Assert.Equal(es.ContentLength, @as.ContentLength);
            Assert.Equal(es.Uncompressed, @as.Uncompressed);
            Assert.Equal(es.Body, @as.Body);
            Assert.Equal(Flatten(es.Headers), Flatten(@as.Headers));
            Assert.Equal(es.Status, @as.Status);
            Assert.Equal(es.Code, @as.Code);
            Assert.Equal(es.Duration, @as.Duration);
        }

        private static List<string> Flatten(CassetteHeaders headers) =>
            headers.Select(h => h.Key + ": [" + string.Join(" | ", h.Value) + "]").ToList();
    }
}
