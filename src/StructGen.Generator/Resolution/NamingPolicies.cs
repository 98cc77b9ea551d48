using System.Globalization;
using System.Text;
using StructGen.Generator.Model;

namespace StructGen.Generator.Resolution
{
    /// <summary>
    /// C# name → JSON name, with the same word-splitting rules as System.Text.Json's
    /// <c>JsonNamingPolicy</c> (so <c>PublishedYear</c> → <c>published_year</c>, <c>XMLHttp</c> → <c>xml_http</c>).
    /// </summary>
    internal static class NamingPolicies
    {
        public static string Convert(NamingPolicy policy, string name)
        {
            if (name.Length > 0 && name[0] == '@')
            {
                name = name.Substring(1);
            }

            switch (policy)
            {
                case NamingPolicy.SnakeCaseLower: return Separate(name, '_', lowercase: true);
                case NamingPolicy.SnakeCaseUpper: return Separate(name, '_', lowercase: false);
                case NamingPolicy.KebabCaseLower: return Separate(name, '-', lowercase: true);
                case NamingPolicy.CamelCase: return CamelCase(name);
                default: return name;
            }
        }

        private static string CamelCase(string name)
        {
            if (name.Length == 0 || !char.IsUpper(name[0]))
            {
                return name;
            }

            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }

                bool hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    // "URLValue" → "urlValue": the last capital of a run starts the next word.
                    if (chars[i + 1] == ' ')
                    {
                        chars[i] = char.ToLowerInvariant(chars[i]);
                    }

                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }

        private enum State
        {
            NotStarted,
            Upper,
            LowerOrDigit,
            Space,
        }

        private static string Separate(string name, char separator, bool lowercase)
        {
            var builder = new StringBuilder(name.Length + 8);
            State state = State.NotStarted;
            for (int i = 0; i < name.Length; i++)
            {
                char current = name[i];
                switch (char.GetUnicodeCategory(current))
                {
                    case UnicodeCategory.UppercaseLetter:
                        switch (state)
                        {
                            case State.LowerOrDigit:
                            case State.Space:
                                builder.Append(separator);
                                break;
                            case State.Upper when i + 1 < name.Length && char.IsLower(name[i + 1]):
                                builder.Append(separator);
                                break;
                        }

                        builder.Append(lowercase ? char.ToLowerInvariant(current) : current);
                        state = State.Upper;
                        break;

                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                        if (state == State.Space)
                        {
                            builder.Append(separator);
                        }

                        builder.Append(lowercase ? current : char.ToUpperInvariant(current));
                        state = State.LowerOrDigit;
                        break;

                    case UnicodeCategory.SpaceSeparator:
                        // Leading/trailing spaces vanish; inner runs become one separator.
                        if (state != State.NotStarted)
                        {
                            state = State.Space;
                        }

                        break;

                    default:
                        // Other characters ('_', '-', letters without case) are kept and reset word tracking.
                        builder.Append(current);
                        state = State.NotStarted;
                        break;
                }
            }

            return builder.ToString();
        }
    }
}
