using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StructGen.Generator.Parsing
{
    /// <summary>
    /// Descriptions come from <c>[Description]</c> (type, property, or record parameter), otherwise the
    /// XML doc <c>&lt;summary&gt;</c> (or <c>&lt;param&gt;</c> for constructor/record parameters).
    /// </summary>
    internal static class DescriptionReader
    {
        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

        public static string? ForType(ISymbol type, CancellationToken cancellationToken, DocCommentScopes? scopes = null) =>
            FromAttribute(type) ?? FromXml(type, "summary", null, cancellationToken, scopes);

        public static string? ForProperty(IPropertySymbol property, IParameterSymbol? parameter, CancellationToken cancellationToken, DocCommentScopes? scopes = null)
        {
            string? description = FromAttribute(property);
            if (description is null && parameter is not null)
            {
                description = FromAttribute(parameter);
            }

            description ??= FromXml(property, "summary", null, cancellationToken, scopes);
            if (description is null && parameter is not null)
            {
                // A primary constructor's <param> tags live on the type (records) or the constructor.
                description = FromXml(parameter.ContainingSymbol, "param", parameter.Name, cancellationToken, scopes)
                    ?? FromXml(parameter.ContainingSymbol.ContainingType, "param", parameter.Name, cancellationToken, scopes);
            }

            return description;
        }

        public static string? FromAttribute(ISymbol symbol)
        {
            AttributeData? attribute = symbol.FindAttribute(KnownNames.DescriptionAttribute);
            string? value = attribute?.GetStringArgument();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        internal static string? FromXml(ISymbol? symbol, string element, string? paramName, CancellationToken cancellationToken, DocCommentScopes? scopes = null)
        {
            if (symbol is null || HasNoDocumentationComment(symbol, cancellationToken, scopes))
            {
                return null;
            }

            string? xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
            return string.IsNullOrWhiteSpace(xml) ? null : FromXmlText(xml!, element, paramName);
        }

        /// <summary>Apart from <see cref="FromXml"/> so the lambda's closure is allocated only when there is XML to read.</summary>
        private static string? FromXmlText(string xml, string element, string? paramName)
        {
            XElement root;
            try
            {
                root = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
            }
            catch (XmlException)
            {
                return null;
            }

            XElement? match = root.Elements(element).FirstOrDefault(e =>
                paramName is null || (string?)e.Attribute("name") == paramName);
            if (match is null)
            {
                return null;
            }

            var builder = new StringBuilder();
            AppendText(builder, match);
            string text = Whitespace.Replace(builder.ToString(), " ").Trim();
            return text.Length == 0 ? null : text;
        }

        /// <summary>
        /// True when the compiler would find no documentation comment for a source symbol. A comment is structured
        /// trivia before a declaration, and every declaration of a type's member (record and primary-constructor
        /// parameters' comments included) lies inside one of that type's declarations; a syntax node knows in O(1)
        /// whether it holds any structured trivia. So when no declaration of the symbol's type (the symbol itself, for a
        /// type; its containing type, for a member) holds any, there is no comment to read. Asking the compiler for the
        /// comments of every member allocates and takes time on every edit even when there are none. False (ask the
        /// compiler) for metadata symbols and types without a type declaration, and whenever a declaration holds any
        /// structured trivia (a doc comment, or a directive such as <c>#nullable</c>).
        /// </summary>
        /// <param name="scopes">Remembers the answer for the last type, so the members of one type check it once.</param>
        internal static bool HasNoDocumentationComment(ISymbol symbol, CancellationToken cancellationToken, DocCommentScopes? scopes = null)
        {
            ISymbol scope = symbol is INamedTypeSymbol ? symbol : symbol.ContainingType ?? symbol;
            if (scopes is not null && scopes.TryGet(scope, out bool known))
            {
                return known;
            }

            bool result = DeclarationsHoldNoStructuredTrivia(scope, cancellationToken);
            scopes?.Remember(scope, result);
            return result;
        }

        private static bool DeclarationsHoldNoStructuredTrivia(ISymbol symbol, CancellationToken cancellationToken)
        {
            var references = symbol.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return false;
            }

            foreach (SyntaxReference reference in references)
            {
                SyntaxNode? node = reference.GetSyntax(cancellationToken);
                while (node is not null && node is not BaseTypeDeclarationSyntax)
                {
                    node = node.Parent;
                }

                if (node is null || node.HasStructuredTrivia)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The last type <see cref="HasNoDocumentationComment"/> checked, and its answer (one per parse).</summary>
        internal sealed class DocCommentScopes
        {
            private ISymbol? _last;
            private bool _answer;

            public bool TryGet(ISymbol scope, out bool answer)
            {
                answer = _answer;
                return _last is not null && SymbolEqualityComparer.Default.Equals(_last, scope);
            }

            public void Remember(ISymbol scope, bool answer)
            {
                _last = scope;
                _answer = answer;
            }
        }

        private static void AppendText(StringBuilder builder, XElement element)
        {
            foreach (XNode node in element.Nodes())
            {
                switch (node)
                {
                    case XText text:
                        builder.Append(text.Value);
                        break;
                    case XElement child when child.Name.LocalName is "see" or "seealso":
                        string? cref = (string?)child.Attribute("cref");
                        string? langword = (string?)child.Attribute("langword");
                        if (!child.IsEmpty)
                        {
                            AppendText(builder, child);
                        }
                        else if (langword is not null)
                        {
                            builder.Append(langword);
                        }
                        else if (cref is not null)
                        {
                            builder.Append(ShortCref(cref));
                        }

                        break;
                    case XElement child when child.Name.LocalName is "paramref" or "typeparamref":
                        builder.Append((string?)child.Attribute("name"));
                        break;
                    case XElement child when child.Name.LocalName is "para" or "br":
                        builder.Append(' ');
                        AppendText(builder, child);
                        builder.Append(' ');
                        break;
                    case XElement child:
                        AppendText(builder, child);
                        break;
                }
            }
        }

        private static string ShortCref(string cref)
        {
            // "T:Demo.Book" -> "Book"; "M:Demo.Book.Run(System.Int32)" -> "Run"
            int colon = cref.IndexOf(':');
            string name = colon >= 0 ? cref.Substring(colon + 1) : cref;
            int paren = name.IndexOf('(');
            if (paren >= 0)
            {
                name = name.Substring(0, paren);
            }

            int backtick = name.IndexOf('`');
            if (backtick >= 0)
            {
                name = name.Substring(0, backtick);
            }

            int dot = name.LastIndexOf('.');
            return dot >= 0 ? name.Substring(dot + 1) : name;
        }
    }
}
