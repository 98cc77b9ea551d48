using System.Text;
using System.Text.Json;

namespace StructGen.Chat.Anthropic
{
    /// <summary>
    /// A fixed set of strings the wire repeats on every event (event and delta types): a string value equal to
    /// one of them is returned as that instance, compared as UTF-8 bytes, instead of being decoded anew.
    /// </summary>
    internal sealed class KnownStrings
    {
        private readonly string[] _values;
        private readonly byte[][] _utf8;

        public KnownStrings(params string[] values)
        {
            _values = values;
            _utf8 = new byte[values.Length][];
            for (int i = 0; i < values.Length; i++) _utf8[i] = Encoding.UTF8.GetBytes(values[i]);
        }

        /// <summary>The current string token's value: a known instance when it is one, else a new string.</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            for (int i = 0; i < _utf8.Length; i++)
            {
                if (reader.ValueTextEquals(_utf8[i])) return _values[i];
            }

            return reader.GetString()!;
        }
    }
}
