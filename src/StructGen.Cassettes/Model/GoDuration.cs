using System;
using System.Globalization;
using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Converts between <see cref="TimeSpan"/> and the text of Go's <c>time.Duration</c>
    /// (<c>1.224742875s</c>, <c>450.043792ms</c>, <c>1m30s</c>), which is how go-vcr writes <c>duration:</c>.
    /// </summary>
    public static class GoDuration
    {
        private const long NanosPerTick = 100;
        private const long Microsecond = 1_000;
        private const long Millisecond = 1_000_000;
        private const long Second = 1_000_000_000;

        /// <summary>Formats <paramref name="duration"/> exactly as Go's <c>Duration.String()</c> does.</summary>
        /// <param name="duration">The duration; its 100 ns ticks become nanoseconds.</param>
        /// <returns>The Go text, e.g. <c>1.5s</c> or <c>0s</c>.</returns>
        public static string Format(TimeSpan duration)
        {
            // TimeSpan.MinValue cannot be negated; clamp to the nearest value Go could print the same way.
            long ticks = duration.Ticks == long.MinValue ? long.MinValue + 1 : duration.Ticks;
            bool negative = ticks < 0;
            ulong nanos = (ulong)Math.Abs(ticks) * NanosPerTick;
            string text = FormatUnsigned(nanos);
            return negative ? "-" + text : text;
        }

        /// <summary>Parses Go duration text such as <c>1h2m3.5s</c>, <c>450.04ms</c> or <c>-1.5us</c>.</summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="duration">The parsed duration, rounded to whole 100 ns ticks.</param>
        /// <returns><see langword="true"/> when <paramref name="text"/> is a valid Go duration.</returns>
        public static bool TryParse(string? text, out TimeSpan duration)
        {
            duration = TimeSpan.Zero;
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            string s = text!;
            int i = 0;
            bool negative = false;
            if (s[0] == '-' || s[0] == '+')
            {
                negative = s[0] == '-';
                i++;
            }

            if (s.Substring(i) == "0")
            {
                return true; // Go accepts a bare "0" as the only unit-less duration.
            }

            if (i == s.Length)
            {
                return false;
            }

            decimal totalNanos = 0;
            while (i < s.Length)
            {
                int numberStart = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }

                string number = s.Substring(numberStart, i - numberStart);
                int unitStart = i;
                while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.')
                {
                    i++;
                }

                string unit = s.Substring(unitStart, i - unitStart);
                if (number.Length == 0 || number == "." || number.IndexOf('.') != number.LastIndexOf('.'))
                {
                    return false;
                }

                if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                    || !TryUnitNanos(unit, out long unitNanos))
                {
                    return false;
                }

                try
                {
                    totalNanos += value * unitNanos;
                }
                catch (OverflowException)
                {
                    return false;
                }
            }

            decimal ticks = Math.Round(totalNanos / NanosPerTick, MidpointRounding.AwayFromZero);
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            duration = TimeSpan.FromTicks(negative ? -(long)ticks : (long)ticks);
            return true;
        }

        private static bool TryUnitNanos(string unit, out long nanos)
        {
            switch (unit)
            {
                case "ns": nanos = 1; return true;
                case "us":
                case "\u00B5s": // micro sign, what Go prints
                case "\u03BCs": // Greek mu, also accepted by Go
                    nanos = Microsecond; return true;
                case "ms": nanos = Millisecond; return true;
                case "s": nanos = Second; return true;
                case "m": nanos = 60 * Second; return true;
                case "h": nanos = 3600 * Second; return true;
                default: nanos = 0; return false;
            }
        }

        // Port of Go's time.Duration.String for a non-negative value.
        private static string FormatUnsigned(ulong nanos)
        {
            if (nanos == 0)
            {
                return "0s";
            }

            var sb = new StringBuilder();
            if (nanos < Second)
            {
                // Sub-second values use the largest unit below a second that keeps an integer part.
                if (nanos < Microsecond)
                {
                    return nanos.ToString(CultureInfo.InvariantCulture) + "ns";
                }

                bool micro = nanos < Millisecond;
                AppendDecimal(sb, nanos, micro ? 3 : 6);
                sb.Append(micro ? "\u00B5s" : "ms");
                return sb.ToString();
            }

            ulong wholeSeconds = nanos / Second;
            ulong hours = wholeSeconds / 3600;
            ulong minutes = (wholeSeconds / 60) % 60;
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (hours > 0 || minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            AppendDecimal(sb, (wholeSeconds % 60 * Second) + (nanos % Second), 9);
            sb.Append('s');
            return sb.ToString();
        }

        // Writes value / 10^fractionDigits, dropping trailing zeros and a bare decimal point (as Go's fmtFrac).
        private static void AppendDecimal(StringBuilder sb, ulong value, int fractionDigits)
        {
            ulong scale = 1;
            for (int i = 0; i < fractionDigits; i++)
            {
                scale *= 10;
            }

            sb.Append((value / scale).ToString(CultureInfo.InvariantCulture));
            string fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits, '0').TrimEnd('0');
            if (fraction.Length > 0)
            {
                sb.Append('.').Append(fraction);
            }
        }
    }
}
