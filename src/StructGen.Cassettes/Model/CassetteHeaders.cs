using System;
using System.Collections;
using System.Collections.Generic;

namespace StructGen.Cassettes
{
    /// <summary>
    /// A name → values map with the shape of Go's <c>http.Header</c> / <c>url.Values</c>
    /// (<c>Name: [value, ...]</c>). Names keep the spelling and order in which they were added,
    /// so a loaded cassette is written back unchanged; lookups use the comparer given at construction.
    /// </summary>
    public sealed class CassetteHeaders : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
    {
        // A list (not a dictionary) keeps insertion order, which makes saving deterministic and
        // faithful to the file; header maps are small, so linear lookup costs nothing.
        private readonly List<KeyValuePair<string, List<string>>> _entries = new List<KeyValuePair<string, List<string>>>();
        private readonly IEqualityComparer<string> _nameComparer;

        /// <summary>Creates an empty map whose names compare case-insensitively, as HTTP header names do.</summary>
        public CassetteHeaders()
            : this(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>Creates an empty map whose names compare with <paramref name="nameComparer"/>.</summary>
        /// <param name="nameComparer">How names are compared, e.g. <see cref="StringComparer.Ordinal"/> for form values.</param>
        public CassetteHeaders(IEqualityComparer<string> nameComparer)
        {
            _nameComparer = nameComparer ?? throw new ArgumentNullException(nameof(nameComparer));
        }

        /// <summary>The number of distinct names.</summary>
        public int Count => _entries.Count;

        /// <summary>Appends <paramref name="value"/> to the values of <paramref name="name"/>, adding the name if needed.</summary>
        /// <param name="name">The header (or form field) name.</param>
        /// <param name="value">The value to append.</param>
        public void Add(string name, string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            GetOrAdd(name).Add(value);
        }

        /// <summary>Replaces all values of <paramref name="name"/>; an empty sequence keeps the name with no values.</summary>
        /// <param name="name">The header (or form field) name.</param>
        /// <param name="values">The new values.</param>
        public void Set(string name, IEnumerable<string> values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            // Copy first: values may be this map's own list for the same name.
            var copy = new List<string>(values);
            List<string> list = GetOrAdd(name);
            list.Clear();
            list.AddRange(copy);
        }

        /// <summary>Removes <paramref name="name"/> and its values.</summary>
        /// <param name="name">The name to remove.</param>
        /// <returns><see langword="true"/> when the name was present.</returns>
        public bool Remove(string name)
        {
            int index = IndexOf(name);
            if (index < 0)
            {
                return false;
            }

            _entries.RemoveAt(index);
            return true;
        }

        /// <summary>Whether <paramref name="name"/> is present.</summary>
        /// <param name="name">The name to look for.</param>
        /// <returns><see langword="true"/> when present.</returns>
        public bool Contains(string name) => IndexOf(name) >= 0;

        /// <summary>Gets the values of <paramref name="name"/>.</summary>
        /// <param name="name">The name to look for.</param>
        /// <param name="values">The values, or an empty list when absent.</param>
        /// <returns><see langword="true"/> when present.</returns>
        public bool TryGetValues(string name, out IReadOnlyList<string> values)
        {
            int index = IndexOf(name);
            if (index < 0)
            {
                values = Array.Empty<string>();
                return false;
            }

            values = _entries[index].Value;
            return true;
        }

        /// <summary>Enumerates names with their values in insertion order.</summary>
        /// <returns>The enumerator.</returns>
        public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
        {
            foreach (KeyValuePair<string, List<string>> entry in _entries)
            {
                yield return new KeyValuePair<string, IReadOnlyList<string>>(entry.Key, entry.Value);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private List<string> GetOrAdd(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            int index = IndexOf(name);
            if (index >= 0)
            {
                return _entries[index].Value;
            }

            var list = new List<string>();
            _entries.Add(new KeyValuePair<string, List<string>>(name, list));
            return list;
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                if (_nameComparer.Equals(_entries[i].Key, name))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
