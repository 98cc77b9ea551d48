using System.Globalization;
using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Reduces a JSON number token to a canonical text so numbers compare by exact value
    /// (<c>4000</c>, <c>4000.0</c>, <c>4e3</c> and <c>4.000E+3</c> are equal) without the rounding of double.
    /// </summary>
    internal static class JsonNumberText
    {
        public static string Canonical(string token)
        {
            int i = 0;
            bool negative = token.Length > 0 && token[0] == '-';
            if (negative)
            {
                i++;
            }

            var digits = new StringBuilder();
            int fractionDigits = 0;
            bool inFraction = false;
            for (; i < token.Length; i++)
            {
                char c = token[i];
                if (c == '.')
                {
                    inFraction = true;
                }
                else if (c >= '0' && c <= '9')
                {
                    digits.Append(c);
                    if (inFraction)
                    {
                        fractionDigits++;
                    }
                }
                else
                {
                    break; // 'e' or 'E'
                }
            }

            long exponent = 0;
            if (i < token.Length && !long.TryParse(token.Substring(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return token; // An exponent beyond long range: fall back to the raw text.
            }

            string mantissa = digits.ToString().TrimStart('0');
            if (mantissa.Length == 0)
            {
                return "0"; // Every zero, including -0 and 0.0e5, is the same value.
            }

            int trailingZeros = mantissa.Length - mantissa.TrimEnd('0').Length;
            mantissa = mantissa.Substring(0, mantissa.Length - trailingZeros);
            long scale = exponent - fractionDigits + trailingZeros;
            return (negative ? "-" : string.Empty) + mantissa + "e" + scale.ToString(CultureInfo.InvariantCulture);
        }
    }
}
