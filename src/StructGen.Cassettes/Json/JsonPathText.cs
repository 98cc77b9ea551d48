using System.Text;

namespace StructGen.Cassettes
{
    /// <summary>Builds JSONPath-style locations (<c>$.messages[1].content</c>, <c>$['odd key']</c>) for messages.</summary>
    internal static class JsonPathText
    {
        public static string Property(string parent, string name)
        {
            if (IsIdentifier(name))
            {
                return parent + "." + name;
            }

            var sb = new StringBuilder(parent).Append("['");
            foreach (char c in name)
            {
                if (c == '\'' || c == '\\')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }

            return sb.Append("']").ToString();
        }

        public static string Index(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

        private static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
