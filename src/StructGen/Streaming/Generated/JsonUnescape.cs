using System;

namespace StructGen.Streaming.Generated
{
    /// <summary>Decodes the escapes of JSON string content the tokenizer has already validated.</summary>
    internal static class JsonUnescape
    {
        /// <summary>Writes <paramref name="source"/> with its escapes decoded to <paramref name="destination"/>; returns the characters written.</summary>
        /// <exception cref="InvalidOperationException">The source holds an invalid or cut escape (validated text never does).</exception>
        public static int Decode(ReadOnlySpan<char> source, Span<char> destination)
        {
            int written = 0;
            while (!source.IsEmpty)
            {
                int plain = source.IndexOf('\\');
                if (plain < 0) plain = source.Length;
                source.Slice(0, plain).CopyTo(destination.Slice(written));
                written += plain;
                source = source.Slice(plain);
                if (source.IsEmpty) break;

                if (source.Length < 2) throw Invalid();
                switch (source[1])
                {
                    case '"': destination[written++] = '"'; break;
                    case '\\': destination[written++] = '\\'; break;
                    case '/': destination[written++] = '/'; break;
                    case 'b': destination[written++] = '\b'; break;
                    case 'f': destination[written++] = '\f'; break;
                    case 'n': destination[written++] = '\n'; break;
                    case 'r': destination[written++] = '\r'; break;
                    case 't': destination[written++] = '\t'; break;
                    case 'u':
                        if (source.Length < 6) throw Invalid();
                        destination[written++] = (char)((Hex(source[2]) << 12) | (Hex(source[3]) << 8) | (Hex(source[4]) << 4) | Hex(source[5]));
                        source = source.Slice(6);
                        continue;
                    default:
                        throw Invalid();
                }

                source = source.Slice(2);
            }

            return written;
        }

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            throw Invalid();
        }

        private static InvalidOperationException Invalid() =>
            new InvalidOperationException("A streamed string's text holds an escape the tokenizer should have rejected.");
    }
}
