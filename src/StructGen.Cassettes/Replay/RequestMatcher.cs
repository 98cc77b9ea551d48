using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Compares a live request with a recorded one on method, URL and body, and says how they differ.
    /// JSON bodies compare by meaning (see <see cref="JsonSemanticDiff"/>); other bodies compare exactly.
    /// </summary>
    internal static class RequestMatcher
    {
        private const string RecordingName = "recording";
        private const string RequestName = "request";

        public static List<string> Differences(CassetteRequest recorded, string method, Uri? url, byte[] bodyBytes, string body, CassetteReplayOptions options)
        {
            var differences = new List<string>();
            if (!string.Equals(recorded.Method, method, StringComparison.Ordinal))
            {
                differences.Add($"method: expected {recorded.Method} but was {method}");
            }

            CompareUrls(recorded.Url, url, options, differences);
            if (recorded.BinaryBody is not null)
            {
                CompareBytes(recorded.BinaryBody, bodyBytes, differences);
            }
            else
            {
                CompareBodies(recorded.Body, body, differences);
            }

            return differences;
        }

        /// <summary>The request URL with the client's base address swapped for the recorded one, if configured.</summary>
        public static string EffectiveUrl(Uri? url, CassetteReplayOptions options)
        {
            if (url is null)
            {
                return string.Empty;
            }

            string text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
            if (options.RequestBaseAddress is null || options.RecordedBaseAddress is null)
            {
                return text;
            }

            string from = options.RequestBaseAddress.AbsoluteUri.TrimEnd('/');
            bool underBase = text.StartsWith(from, StringComparison.Ordinal)
                && (text.Length == from.Length || text[from.Length] == '/' || text[from.Length] == '?' || text[from.Length] == '#');
            return underBase ? options.RecordedBaseAddress.AbsoluteUri.TrimEnd('/') + text.Substring(from.Length) : text;
        }

        private static void CompareUrls(string recordedUrl, Uri? url, CassetteReplayOptions options, List<string> differences)
        {
            string actual = QueryRedaction.MaskLike(EffectiveUrl(url, options), recordedUrl);
            string expected = recordedUrl;
            if (Uri.TryCreate(recordedUrl, UriKind.Absolute, out Uri? recordedUri) && Uri.TryCreate(actual, UriKind.Absolute, out Uri? actualUri))
            {
                // Normalised forms, so that e.g. an explicit default port or host casing is not a difference.
                expected = options.IgnoreHost ? recordedUri.PathAndQuery : recordedUri.AbsoluteUri;
                actual = options.IgnoreHost ? actualUri.PathAndQuery : actualUri.AbsoluteUri;
            }

            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                string what = options.IgnoreHost ? "url path" : "url";
                string rewritten = url is not null && url.IsAbsoluteUri && EffectiveUrl(url, options) != url.AbsoluteUri
                    ? $" (sent {url.AbsoluteUri}, rewritten by the base address mapping)"
                    : string.Empty;
                differences.Add($"{what}: expected {expected} but was {actual}{rewritten}");
            }
        }

        private static void CompareBodies(string recordedBody, string body, List<string> differences)
        {
            if (string.Equals(recordedBody, body, StringComparison.Ordinal))
            {
                return;
            }

            using JsonDocument? recordedJson = TryParseJson(recordedBody);
            using JsonDocument? requestJson = recordedJson is null ? null : TryParseJson(body);
            if (recordedJson is not null && requestJson is not null)
            {
                differences.AddRange(JsonSemanticDiff.Compare(recordedJson.RootElement, requestJson.RootElement, RecordingName, RequestName));
                return;
            }

            // Not JSON on both sides: the bytes themselves are the contract.
            string note = recordedJson is not null ? " (the recording is JSON, the request body is not)" : string.Empty;
            differences.Add("body: " + JsonValueText.DescribeStringDifference(recordedBody, body) + note);
        }

        // A binary (!!binary) recorded body is compared byte for byte.
        private static void CompareBytes(byte[] recorded, byte[] body, List<string> differences)
        {
            int common = Math.Min(recorded.Length, body.Length);
            for (int i = 0; i < common; i++)
            {
                if (recorded[i] != body[i])
                {
                    differences.Add($"body: the binary bodies differ first at byte {i} (expected 0x{recorded[i]:X2} but was 0x{body[i]:X2})");
                    return;
                }
            }

            if (recorded.Length != body.Length)
            {
                differences.Add($"body: expected {recorded.Length} binary bytes but was {body.Length}");
            }
        }

        private static JsonDocument? TryParseJson(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
