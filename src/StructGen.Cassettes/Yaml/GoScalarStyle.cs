using System;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace StructGen.Cassettes
{
    /// <summary>
    /// Chooses the YAML style for a string value the way Go's yaml encoder does, so files we
    /// write look like (and read back as) the ones go-vcr writes.
    /// </summary>
    internal static class GoScalarStyle
    {
        // Plain scalars that a YAML 1.1 or 1.2 reader would resolve to something other than a string
        // (null, booleans, numbers, timestamps). Go quotes these with double quotes, and so do we.
        private static readonly Regex NonStringPlain = new Regex(
            @"^(?:~|null|Null|NULL"
            + @"|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
            + @"|[-+]?(?:0|[1-9][0-9_]*)"
            + @"|[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?0x[0-9a-fA-F_]+"
            + @"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
            + @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
            + @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
            + @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
            + @")$",
            RegexOptions.CultureInvariant);

        public static ScalarStyle For(string value)
        {
            if (value.Length == 0 || NonStringPlain.IsMatch(value))
            {
                return ScalarStyle.DoubleQuoted;
            }

            // Carriage returns and the Unicode line separators would be normalised to "\n" by a
            // YAML reader if written literally; escaping them is the only byte-exact choice.
            if (value.IndexOf('\r') >= 0 || value.IndexOf('\u0085') >= 0 || value.IndexOf('\u2028') >= 0 || value.IndexOf('\u2029') >= 0)
            {
                return ScalarStyle.DoubleQuoted;
            }

            // Multi-line text (SSE bodies) is kept readable as a literal block; the emitter adds the
            // chomping indicator (|, |- or |+) that preserves trailing newlines exactly, and falls back
            // to double quotes by itself when a literal block could not represent the text.
            // Text made only of line breaks: YamlDotNet writes "\n" as a clipped literal, which reads back
            // as "", so such values are escaped instead.
            if (value.Trim('\n').Length == 0)
            {
                return ScalarStyle.DoubleQuoted;
            }

            if (value.IndexOf('\n') >= 0)
            {
                return ScalarStyle.Literal;
            }

            // YamlDotNet, asked for "any" style, double-quotes a value containing an apostrophe where
            // Go's encoder single-quotes it (the request bodies in the seed cassettes show that), so
            // the choice between plain and single-quoted is made here. The emitter still switches to
            // double quotes on its own when single quotes cannot represent the value.
            return IsPlainAllowed(value) ? ScalarStyle.Plain : ScalarStyle.SingleQuoted;
        }

        // The block-context plain-scalar rules of libyaml's emitter (shared by Go's encoder and YamlDotNet).
        private static bool IsPlainAllowed(string value)
        {
            if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
            {
                return false;
            }

            char first = value[0];
            char last = value[value.Length - 1];
            if (first == ' ' || last == ' ' || "#,[]{}&*!|>'\"%@`".IndexOf(first) >= 0)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool followedByWhite = i + 1 >= value.Length || IsWhite(value[i + 1]);
                bool precededByWhite = i == 0 || IsWhite(value[i - 1]);
                if (!IsPrintable(c)
                    || ((c == ':' || (i == 0 && (c == '?' || c == '-'))) && followedByWhite)
                    || (c == '#' && precededByWhite))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsWhite(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

        private static bool IsPrintable(char c)
        {
            return c == '\t'
                || (c >= 0x20 && c <= 0x7E)
                || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
        }
    }
}
