using System.Text;
using System.Text.RegularExpressions;
using StructGen.Generator.Model;
using StructGen.Generator.Resolution;

namespace StructGen.Generator.Tools
{
    /// <summary>Names used by the tools pipeline: the attribute, generated members, and name conversions.</summary>
    internal static class ToolNames
    {
        public const string ToolAttribute = "StructGen.ToolAttribute";
        public const string CancellationToken = "System.Threading.CancellationToken";

        /// <summary>The tool result sent to the model for <c>void</c>, <c>Task</c> and <c>ValueTask</c> methods.</summary>
        public const string VoidResult = "ok";

        /// <summary>Generated on every tool class.</summary>
        public const string ToolsJson = "ToolsJson";
        public const string ToolDefinitions = "ToolDefinitions";

        /// <summary>Generated when the class has an instance tool (binds <c>this</c>).</summary>
        public const string AsToolSet = "AsToolSet";

        /// <summary>Generated when every tool is static.</summary>
        public const string CreateToolSet = "CreateToolSet";

        /// <summary>Static members of each generated arguments class (a parameter property never takes these names).</summary>
        public static readonly string[] ArgumentsMembers = { "JsonSchema", "ResponseFormatJson", "StructuredOutput", "Parse", "ToolName" };

        /// <summary>Function names: 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-'.</summary>
        public static readonly Regex FunctionNamePattern = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The default tool name: the method name in snake_case without an <c>Async</c> suffix
        /// (<c>GetWeather</c> → <c>get_weather</c>, <c>SearchAsync</c> → <c>search</c>).
        /// </summary>
        public static string DefaultToolName(string methodName)
        {
            if (methodName.Length > "Async".Length && methodName.EndsWith("Async", System.StringComparison.Ordinal))
            {
                methodName = methodName.Substring(0, methodName.Length - "Async".Length);
            }

            return NamingPolicies.Convert(NamingPolicy.SnakeCaseLower, methodName);
        }

        /// <summary>
        /// A PascalCase identifier fragment from a tool name (<c>get_weather</c> → <c>GetWeather</c>);
        /// characters that cannot appear in an identifier separate words.
        /// </summary>
        public static string Identifier(string toolName)
        {
            var builder = new StringBuilder(toolName.Length);
            bool upper = true;
            foreach (char c in toolName)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            if (builder.Length == 0 || char.IsDigit(builder[0]))
            {
                builder.Insert(0, "Tool");
            }

            return builder.ToString();
        }

        /// <summary>The property name for a parameter: its name with the first letter upper-cased.</summary>
        public static string PropertyName(string parameterName)
        {
            string name = parameterName.StartsWith("@", System.StringComparison.Ordinal) ? parameterName.Substring(1) : parameterName;
            return name.Length == 0 ? "Value" : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }
    }
}
