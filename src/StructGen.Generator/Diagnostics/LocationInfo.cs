using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StructGen.Generator.Diagnostics
{
    /// <summary>
    /// A source location as plain values (file path and spans), so pipeline models never hold a
    /// Roslyn <see cref="Location"/> (which would pin a syntax tree and defeat caching).
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo? From(Location? location)
        {
            if (location is null || !location.IsInSource)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

        public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

        /// <summary>
        /// Recreates a location. When the compilation still holds a tree with this path, the location
        /// points into that tree, so <c>#pragma warning disable</c> and editor squiggles work.
        /// </summary>
        public Location ToLocation(Compilation? compilation)
        {
            SyntaxTree? tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
            if (tree is not null && Span.End <= tree.Length)
            {
                return Location.Create(tree, Span);
            }

            return Location.Create(FilePath, Span, LineSpan);
        }
    }
}
