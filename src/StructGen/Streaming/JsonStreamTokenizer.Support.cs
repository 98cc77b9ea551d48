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

        /// <summary>A stack of open containers, one bit each (object or array).</summary>
        private sealed class ContainerStack
        {
            private ulong[] _bits = new ulong[4];

            public int Count { get; private set; }

            public bool TopIsObject => Count > 0 && (_bits[(Count - 1) >> 6] & (1UL << ((Count - 1) & 63))) != 0;

            public void Push(bool isObject)
            {
                int word = Count >> 6;
                if (word == _bits.Length) Array.Resize(ref _bits, _bits.Length * 2);
                ulong mask = 1UL << (Count & 63);
                if (isObject) _bits[word] |= mask;
                else _bits[word] &= ~mask;
                Count++;
            }

            public void Pop() => Count--;
        }
    }
}
