using System;
using System.Text;

namespace StructGen.Streaming
{
    internal sealed partial class JsonStreamTokenizer
    {
        private static int DecodeUtf8(Decoder decoder, ReadOnlySpan<byte> utf8, char[] destination)
        {
#if NET
            return decoder.GetChars(utf8, destination, flush: false);
#else
            byte[] copy = utf8.ToArray();
            return decoder.GetChars(copy, 0, copy.Length, destination, 0, flush: false);
#endif
        }

        private static int FlushUtf8(Decoder decoder, char[] destination)
        {
            return decoder.GetChars(Array.Empty<byte>(), 0, 0, destination, 0, flush: true);
        }

        /// <summary>
        /// A stack of open containers, one bit each (object or array). A struct kept in the tokenizer's field: the
        /// first 64 levels (every real document) need no allocation; deeper ones spill to an array.
        /// </summary>
        private struct ContainerStack
        {
            private ulong _first;
            private ulong[]? _deeper; // levels 64 and up, one word per 64

            public int Count { get; private set; }

            public readonly bool TopIsObject => Count > 0 && (Word(Count - 1) & (1UL << ((Count - 1) & 63))) != 0;

            public void Push(bool isObject)
            {
                ulong mask = 1UL << (Count & 63);
                if (Count < 64)
                {
                    _first = isObject ? _first | mask : _first & ~mask;
                }
                else
                {
                    int index = (Count >> 6) - 1;
                    if (_deeper is null) _deeper = new ulong[4];
                    else if (index == _deeper.Length) Array.Resize(ref _deeper, _deeper.Length * 2);
                    _deeper[index] = isObject ? _deeper[index] | mask : _deeper[index] & ~mask;
                }

                Count++;
            }

            public void Pop() => Count--;

            private readonly ulong Word(int level) => level < 64 ? _first : _deeper![(level >> 6) - 1];
        }
    }
}
