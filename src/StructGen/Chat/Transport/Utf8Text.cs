using System;
using System.Text;

namespace StructGen.Chat.Transport
{
    /// <summary>UTF-8 validation and WHATWG-style repair (invalid sequences become U+FFFD).</summary>
    internal static class Utf8Text
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static bool IsValid(ReadOnlySpan<byte> data)
        {
#if NET8_0_OR_GREATER
            return System.Text.Unicode.Utf8.IsValid(data);
#else
            try
            {
                Strict.GetCharCount(data.ToArray());
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
#endif
        }

        /// <summary>Re-encodes <paramref name="data"/> with every invalid sequence replaced by U+FFFD.</summary>
        public static byte[] Sanitize(ReadOnlySpan<byte> data) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data.ToArray()));
    }
}
