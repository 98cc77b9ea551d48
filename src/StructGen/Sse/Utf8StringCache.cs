using System;
using System.Text;

namespace StructGen.Sse
{
    /// <summary>
    /// Turns short UTF-8 values into strings, remembering the last few so a stream that cycles through a handful
    /// of event types (e.g. <c>message_start</c>, <c>content_block_delta</c>, ...) allocates each string once.
    /// </summary>
    internal sealed class Utf8StringCache
    {
        private const int Capacity = 8;

        // Keys are exact-length copies: they are made only on a miss, which steady-state streams do not have.
        private readonly byte[]?[] _keys = new byte[Capacity][];
        private readonly string?[] _values = new string[Capacity];
        private int _next; // round-robin replacement; good enough for a handful of distinct values

        /// <summary>Returns the string for <paramref name="utf8"/>, allocating only if it is not cached.</summary>
        public string GetString(ReadOnlySpan<byte> utf8)
        {
            for (int i = 0; i < Capacity; i++)
            {
                byte[]? key = _keys[i];
                if (key is null)
                {
                    break; // Slots fill in order, so the rest are empty too.
                }

                if (utf8.SequenceEqual(key))
                {
                    return _values[i]!;
                }
            }

            byte[] copy = utf8.ToArray();
            string value = Encoding.UTF8.GetString(copy, 0, copy.Length);
            _keys[_next] = copy;
            _values[_next] = value;
            _next = (_next + 1) % Capacity;
            return value;
        }
    }
}
