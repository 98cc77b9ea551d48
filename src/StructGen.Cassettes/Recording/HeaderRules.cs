using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>Which headers a recording keeps, and how they are spelled (as Go's net/http would record them).</summary>
    internal static class HeaderRules
    {
        // Credentials and session state. Dropped outright (not masked) so that no part of a key,
        // not even its length or prefix, reaches a cassette.
        public static readonly IReadOnlyList<string> AlwaysRedacted = new[]
        {
            "Authorization",
            "Proxy-Authorization",
            "api-key",
            "x-api-key",
            "OpenAI-Organization",
            "OpenAI-Project",
            "Cookie",
            "Set-Cookie",
        };

        public static HashSet<string> RedactedSet(RecordingOptions options)
        {
            var set = new HashSet<string>(AlwaysRedacted, StringComparer.OrdinalIgnoreCase);
            foreach (string name in options.AdditionalRedactedHeaders)
            {
                set.Add(name);
            }

            return set;
        }

        /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> minus redacted and excluded names.</summary>
        public static void CopyInto(IEnumerable<KeyValuePair<string, IEnumerable<string>>> source, SortedDictionary<string, List<string>> target, HashSet<string> redacted, params string[] excluded)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in source)
            {
                if (redacted.Contains(header.Key) || excluded.Any(name => string.Equals(name, header.Key, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                string name = CanonicalName(header.Key);
                if (!target.TryGetValue(name, out List<string>? values))
                {
                    values = new List<string>();
                    target.Add(name, values);
                }

                // .NET splits product lists (User-Agent, Server) into tokens; on the wire, and in Go's
                // recording, they are one value.
                if (IsSpaceSeparated(name))
                {
                    values.Add(string.Join(" ", header.Value));
                }
                else
                {
                    values.AddRange(header.Value);
                }
            }
        }

        /// <summary>The raw (unparsed) header values where the platform offers them.</summary>
        public static IEnumerable<KeyValuePair<string, IEnumerable<string>>> Raw(HttpHeaders? headers)
        {
            if (headers is null)
            {
                yield break;
            }

#if NET
            foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
            {
                yield return new KeyValuePair<string, IEnumerable<string>>(header.Key, header.Value.ToArray());
            }
#else
            foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
            {
                yield return header;
            }
#endif
        }

        /// <summary>Go's textproto.CanonicalMIMEHeaderKey: <c>x-api-key</c> becomes <c>X-Api-Key</c>.</summary>
        public static string CanonicalName(string name)
        {
            foreach (char c in name)
            {
                // Go leaves names with characters outside the token set untouched.
                if (c > 127 || c <= ' ' || "\"(),/:;<=>?@[\\]{}".IndexOf(c) >= 0)
                {
                    return name;
                }
            }

            var sb = new StringBuilder(name.Length);
            bool upper = true;
            foreach (char c in name)
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upper = c == '-';
            }

            return sb.ToString();
        }

        public static CassetteHeaders ToCassetteHeaders(SortedDictionary<string, List<string>> headers)
        {
            var result = new CassetteHeaders();
            foreach (KeyValuePair<string, List<string>> header in headers)
            {
                result.Set(header.Key, header.Value);
            }

            return result;
        }

        private static bool IsSpaceSeparated(string name) =>
            string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Server", StringComparison.OrdinalIgnoreCase);
    }
}
