using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>Whether a captured body can be stored as text, as Go's yaml encoder decides (<c>utf8.ValidString</c>).</summary>
    internal static class BodyText
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Whether <paramref name="bytes"/> is valid UTF-8; a body that is not is recorded as <c>!!binary</c>.</summary>
        public static bool IsUtf8(byte[] bytes)
        {
            try
            {
                Strict.GetCharCount(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }
}
