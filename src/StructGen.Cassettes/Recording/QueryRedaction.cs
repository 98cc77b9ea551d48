using System;
using System.Collections.Generic;
using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Credentials in URL query strings (<c>?key=…</c>, <c>?api-key=…</c>, SAS <c>sig=…</c>): replaced by
    /// <see cref="Placeholder"/> when recorded, and matched against any value when replayed, so a
    /// cassette never holds a key and still replays with the real one in the URL.
    /// </summary>
    internal static class QueryRedaction
    {
        public const string Placeholder = "REDACTED";

        /// <summary>Query parameter names (case-insensitive) that always carry a secret.</summary>
        public static readonly IReadOnlyCollection<string> AlwaysRedacted = new[]
        {
            "key", "api_key", "api-key", "apikey", "access_token", "token", "sig", "signature", "client_secret", "password",
        };

        public static HashSet<string> Set(IEnumerable<string> additional)
        {
            var set = new HashSet<string>(AlwaysRedacted, StringComparer.OrdinalIgnoreCase);
            foreach (var name in additional) set.Add(name);
            return set;
        }

        /// <summary>The URL with the values of secret parameters replaced by the placeholder.</summary>
        public static string Redact(string url, HashSet<string> names) =>
            Rewrite(url, name => names.Contains(name));

        /// <summary>
        /// The live URL with the parameters the recording redacted also redacted, so the two compare
        /// equal whatever the live secret is.
        /// </summary>
        public static string MaskLike(string actualUrl, string recordedUrl)
        {
            var redacted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in Parameters(recordedUrl))
            {
                if (value == Placeholder) redacted.Add(name);
            }

            return redacted.Count == 0 ? actualUrl : Rewrite(actualUrl, redacted.Contains);
        }

        private static string Rewrite(string url, Func<string, bool> isSecret)
        {
            int question = url.IndexOf('?');
            if (question < 0) return url;
            int hash = url.IndexOf('#', question);
            string query = hash < 0 ? url.Substring(question + 1) : url.Substring(question + 1, hash - question - 1);
            var sb = new StringBuilder(url, 0, question + 1, url.Length);
            string[] pairs = query.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0) sb.Append('&');
                string pair = pairs[i];
                int equals = pair.IndexOf('=');
                string name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
                if (equals >= 0 && isSecret(name)) sb.Append(pair, 0, equals + 1).Append(Placeholder);
                else sb.Append(pair);
            }

            if (hash >= 0) sb.Append(url, hash, url.Length - hash);
            return sb.ToString();
        }

        private static IEnumerable<(string Name, string Value)> Parameters(string url)
        {
            int question = url.IndexOf('?');
            if (question < 0) yield break;
            int hash = url.IndexOf('#', question);
            string query = hash < 0 ? url.Substring(question + 1) : url.Substring(question + 1, hash - question - 1);
            foreach (var pair in query.Split('&'))
            {
                int equals = pair.IndexOf('=');
                if (equals < 0) continue;
                yield return (Uri.UnescapeDataString(pair.Substring(0, equals)), pair.Substring(equals + 1));
            }
        }
    }
}
