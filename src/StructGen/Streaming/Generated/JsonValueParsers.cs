using System;
using System.ComponentModel;
using System.Globalization;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// Converters from complete JSON tokens to C# values, used by generated deserializers. They
    /// accept exactly what System.Text.Json accepts for the same type: integers must be written
    /// without fraction or exponent, and values out of the C# type's range are rejected.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class JsonValueParsers
    {
        private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
        private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        /// <summary>Parses an <see cref="int"/>.</summary>
        public static bool Int32(ReadOnlySpan<char> text, out int value) => int.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="long"/>.</summary>
        public static bool Int64(ReadOnlySpan<char> text, out long value) => long.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="short"/>.</summary>
        public static bool Int16(ReadOnlySpan<char> text, out short value) => short.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses an <see cref="sbyte"/>.</summary>
        public static bool SByte(ReadOnlySpan<char> text, out sbyte value) => sbyte.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="byte"/>.</summary>
        public static bool Byte(ReadOnlySpan<char> text, out byte value) => byte.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="ushort"/>.</summary>
        public static bool UInt16(ReadOnlySpan<char> text, out ushort value) => ushort.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="uint"/>.</summary>
        public static bool UInt32(ReadOnlySpan<char> text, out uint value) => uint.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="ulong"/>.</summary>
        public static bool UInt64(ReadOnlySpan<char> text, out ulong value) => ulong.TryParse(Text(text), IntegerStyle, Invariant, out value);

        /// <summary>Parses a finite <see cref="double"/>.</summary>
        public static bool Double(ReadOnlySpan<char> text, out double value) =>
            double.TryParse(Text(text), FloatStyle, Invariant, out value) && !double.IsInfinity(value);

        /// <summary>Parses a finite <see cref="float"/>.</summary>
        public static bool Single(ReadOnlySpan<char> text, out float value) =>
            float.TryParse(Text(text), FloatStyle, Invariant, out value) && !float.IsInfinity(value);

        /// <summary>Parses a <see cref="decimal"/>.</summary>
        public static bool Decimal(ReadOnlySpan<char> text, out decimal value) => decimal.TryParse(Text(text), FloatStyle, Invariant, out value);

        /// <summary>Parses a single <see cref="char"/> from a one-character string.</summary>
        public static bool Char(ReadOnlySpan<char> text, out char value)
        {
            value = text.Length == 1 ? text[0] : default;
            return text.Length == 1;
        }

        /// <summary>Parses a <see cref="Guid"/>.</summary>
        public static bool Guid(ReadOnlySpan<char> text, out Guid value) => System.Guid.TryParse(Text(text), out value);

        /// <summary>Parses an ISO 8601 <see cref="DateTime"/>; fractional seconds beyond 7 digits are truncated, as System.Text.Json does.</summary>
        public static bool DateTime(ReadOnlySpan<char> text, out DateTime value)
        {
            Span<char> buffer = stackalloc char[MaxStackDate];
            return System.DateTime.TryParse(Text(TruncateFraction(text, buffer)), Invariant, DateTimeStyles.RoundtripKind, out value);
        }

        /// <summary>Parses an ISO 8601 <see cref="DateTimeOffset"/>; fractional seconds beyond 7 digits are truncated, as System.Text.Json does.</summary>
        public static bool DateTimeOffset(ReadOnlySpan<char> text, out DateTimeOffset value)
        {
            Span<char> buffer = stackalloc char[MaxStackDate];
            return System.DateTimeOffset.TryParse(Text(TruncateFraction(text, buffer)), Invariant, DateTimeStyles.RoundtripKind, out value);
        }

        private const int MaxStackDate = 64;

        /// <summary>
        /// The text with the fractional seconds cut to 7 digits (one tick), so <c>.07038856</c> reads as
        /// <c>.0703885</c> like System.Text.Json, and not <c>.0703886</c> as <c>DateTime.TryParse</c> rounds it.
        /// The fraction is the run of digits after the first <c>.</c> that follows a <c>:</c> (the seconds).
        /// </summary>
        private static ReadOnlySpan<char> TruncateFraction(ReadOnlySpan<char> text, Span<char> buffer)
        {
            int colon = text.IndexOf(':');
            if (colon < 0) return text;
            int dot = text.Slice(colon).IndexOf('.');
            if (dot < 0) return text;
            int start = colon + dot + 1;
            int end = start;
            while (end < text.Length && text[end] >= '0' && text[end] <= '9') end++;
            if (end - start <= 7) return text;
            int keep = start + 7;
            int length = keep + text.Length - end;
            if (length > buffer.Length) buffer = new char[length];
            text.Slice(0, keep).CopyTo(buffer);
            text.Slice(end).CopyTo(buffer.Slice(keep));
            return buffer.Slice(0, length);
        }

        /// <summary>Parses a <see cref="TimeSpan"/> written as an ISO 8601 duration (<c>P1DT2H</c>) or as <c>d.hh:mm:ss</c>.</summary>
        public static bool TimeSpan(ReadOnlySpan<char> text, out TimeSpan value)
        {
            var s = Text(text);
            if (s.Length > 0 && (s[0] == 'P' || (s[0] == '-' && s.Length > 1 && s[1] == 'P')))
            {
                try
                {
                    value = System.Xml.XmlConvert.ToTimeSpan(text.ToString());
                    return true;
                }
                catch (FormatException)
                {
                    value = default;
                    return false;
                }
                catch (OverflowException)
                {
                    value = default;
                    return false;
                }
            }

            return System.TimeSpan.TryParse(s, Invariant, out value);
        }

#if NET
        /// <summary>Parses an ISO 8601 <see cref="DateOnly"/> (<c>yyyy-MM-dd</c>).</summary>
        public static bool DateOnly(ReadOnlySpan<char> text, out DateOnly value) =>
            System.DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out value);

        /// <summary>Parses an ISO 8601 <see cref="TimeOnly"/>.</summary>
        public static bool TimeOnly(ReadOnlySpan<char> text, out TimeOnly value) =>
            System.TimeOnly.TryParse(text, Invariant, DateTimeStyles.None, out value);
#endif

        /// <summary>Converts a URI string (absolute or relative); <see langword="null"/> when invalid.</summary>
        public static Uri? Uri(string text) => System.Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;

#if NET8_0_OR_GREATER
        /// <summary>Parses an <see cref="System.Int128"/>.</summary>
        public static bool Int128(ReadOnlySpan<char> text, out Int128 value) => System.Int128.TryParse(text, IntegerStyle, Invariant, out value);

        /// <summary>Parses a <see cref="System.UInt128"/>.</summary>
        public static bool UInt128(ReadOnlySpan<char> text, out UInt128 value) => System.UInt128.TryParse(text, IntegerStyle, Invariant, out value);

        /// <summary>Parses a finite <see cref="System.Half"/>.</summary>
        public static bool Half(ReadOnlySpan<char> text, out Half value) =>
            System.Half.TryParse(text, FloatStyle, Invariant, out value) && !System.Half.IsInfinity(value);
#endif

#if NET
        private static ReadOnlySpan<char> Text(ReadOnlySpan<char> text) => text;
#else
        private static string Text(ReadOnlySpan<char> text) => text.ToString();
#endif
    }
}
