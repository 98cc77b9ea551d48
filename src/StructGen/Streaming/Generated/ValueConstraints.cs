using System;
using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StructGen.Streaming.Generated
{
    /// <summary>
    /// The DataAnnotations bounds of one member, checked on its final value. The schema asks the provider
    /// for them, but a dialect may drop a keyword (Anthropic: numeric and item bounds; Gemini: patterns,
    /// exclusive bounds) and string lengths are only described, so they are enforced here, whatever the
    /// protocol. Generated code creates one per constrained member.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ValueConstraints
    {
        private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);
        private readonly string? _minimum;
        private readonly string? _maximum;
        private readonly string? _exclusiveMinimum;
        private readonly string? _exclusiveMaximum;
        private readonly string? _pattern;
        private readonly bool _email;
        private readonly int? _minItems;
        private readonly int? _maxItems;
        private readonly int? _minLength;
        private readonly int? _maxLength;
        private Regex? _regex;

        /// <summary>Creates the bounds (numbers as JSON number text); null means no such bound.</summary>
        /// <param name="minimum"><c>[Range]</c> lower bound, inclusive.</param>
        /// <param name="maximum"><c>[Range]</c> upper bound, inclusive.</param>
        /// <param name="exclusiveMinimum"><c>[Range(MinimumIsExclusive = true)]</c> lower bound.</param>
        /// <param name="exclusiveMaximum"><c>[Range(MaximumIsExclusive = true)]</c> upper bound.</param>
        /// <param name="pattern"><c>[RegularExpression]</c>: the whole string must match, as DataAnnotations checks it.</param>
        /// <param name="email"><c>[EmailAddress]</c>, checked as DataAnnotations does (one <c>@</c>, not first or last).</param>
        /// <param name="minItems">Fewest collection items.</param>
        /// <param name="maxItems">Most collection items.</param>
        /// <param name="minLength">Fewest string characters (UTF-16 code units, as <c>string.Length</c>).</param>
        /// <param name="maxLength">Most string characters.</param>
        public ValueConstraints(
            string? minimum = null,
            string? maximum = null,
            string? exclusiveMinimum = null,
            string? exclusiveMaximum = null,
            string? pattern = null,
            bool email = false,
            int? minItems = null,
            int? maxItems = null,
            int? minLength = null,
            int? maxLength = null)
        {
            _minimum = minimum;
            _maximum = maximum;
            _exclusiveMinimum = exclusiveMinimum;
            _exclusiveMaximum = exclusiveMaximum;
            _pattern = pattern;
            _email = email;
            _minItems = minItems;
            _maxItems = maxItems;
            _minLength = minLength;
            _maxLength = maxLength;
        }

        /// <summary>Throws when <paramref name="value"/>, the final value of <paramref name="node"/>, breaks a bound.</summary>
        internal void Check(PartialNode node, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case string text:
                    CheckText(node, text);
                    return;
                case ICollection collection:
                    CheckCount(node, collection.Count);
                    return;
                case double or float:
                    CheckNumber(node, value, Convert.ToDouble(value, CultureInfo.InvariantCulture), null);
                    return;
                case decimal or long or int or short or sbyte or ulong or uint or ushort or byte:
                    decimal exact = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    CheckNumber(node, value, (double)exact, exact);
                    return;
            }
        }

        private void CheckNumber(PartialNode node, object value, double approximate, decimal? exact)
        {
            string shown = value is double d ? d.ToString("R", CultureInfo.InvariantCulture)
                : value is float f ? f.ToString("R", CultureInfo.InvariantCulture)
                : Convert.ToString(value, CultureInfo.InvariantCulture)!;
            if (_minimum is not null && Compare(approximate, exact, _minimum) < 0) throw Violation(node, "at least " + _minimum + " (minimum)", shown);
            if (_exclusiveMinimum is not null && Compare(approximate, exact, _exclusiveMinimum) <= 0) throw Violation(node, "more than " + _exclusiveMinimum + " (exclusiveMinimum)", shown);
            if (_maximum is not null && Compare(approximate, exact, _maximum) > 0) throw Violation(node, "at most " + _maximum + " (maximum)", shown);
            if (_exclusiveMaximum is not null && Compare(approximate, exact, _exclusiveMaximum) >= 0) throw Violation(node, "less than " + _exclusiveMaximum + " (exclusiveMaximum)", shown);
        }

        // Integers and decimals compare exactly when the bound is a decimal; floating values (and huge bounds) as doubles.
        private static int Compare(double approximate, decimal? exact, string bound) =>
            exact is decimal value && decimal.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal limit)
                ? value.CompareTo(limit)
                : approximate.CompareTo(double.Parse(bound, NumberStyles.Float, CultureInfo.InvariantCulture));

        private void CheckCount(PartialNode node, int count)
        {
            string shown = Items(count);
            if (_minItems is int min && count < min) throw Violation(node, "at least " + Items(min) + " (minItems)", shown);
            if (_maxItems is int max && count > max) throw Violation(node, "at most " + Items(max) + " (maxItems)", shown);
        }

        private void CheckText(PartialNode node, string text)
        {
            if (_minLength is int min && text.Length < min) throw Violation(node, "at least " + Characters(min) + " (minLength)", Characters(text.Length) + ": " + Quote(text));
            if (_maxLength is int max && text.Length > max) throw Violation(node, "at most " + Characters(max) + " (maxLength)", Characters(text.Length) + ": " + Quote(text));
            if (_email)
            {
                int at = text.IndexOf('@');
                if (at <= 0 || at == text.Length - 1 || at != text.LastIndexOf('@')) throw Violation(node, "an e-mail address (format: email)", Quote(text));
            }

            if (_pattern is not null)
            {
                _regex ??= new Regex(_pattern, RegexOptions.CultureInvariant, PatternTimeout);
                bool matches;
                try
                {
                    Match match = _regex.Match(text);
                    matches = match.Success && match.Index == 0 && match.Length == text.Length;
                }
                catch (RegexMatchTimeoutException)
                {
                    throw Violation(node, "a string matching " + _pattern + " (pattern)", Quote(text) + ", which the pattern could not be checked against within " + PatternTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
                }

                if (!matches) throw Violation(node, "a string matching " + _pattern + " (pattern)", Quote(text));
            }
        }

        private static StructuredOutputException Violation(PartialNode node, string expected, string actual) =>
            new StructuredOutputException(StructuredOutputErrorKind.ConstraintViolated, node.Path, expected, actual);

        private static string Items(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " item" : " items");

        private static string Characters(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " character" : " characters");

        private static string Quote(string text) => "\"" + (text.Length > 200 ? text.Substring(0, 200) + "…" : text) + "\"";
    }
}
