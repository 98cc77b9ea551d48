using StructGen.Generator.Infrastructure;
using StructGen.Generator.Model;

namespace StructGen.Generator.Emitting.Streaming
{
    /// <summary>Opens and closes a <c>partial</c> re-declaration of a user type, containing types included.</summary>
    internal static class DeclarationWriter
    {
        public static void Open(SourceWriter w, TypeDeclarationSpec declaration)
        {
            if (declaration.Namespace is not null)
            {
                w.WriteLine("namespace " + declaration.Namespace);
                w.OpenBrace();
            }

            foreach (var container in declaration.ContainingTypes)
            {
                w.WriteLine("partial " + container.Keyword + " " + container.Name);
                w.OpenBrace();
            }

            w.WriteLine("partial " + declaration.Keyword + " " + declaration.Name);
            w.OpenBrace();
        }

        public static void Close(SourceWriter w, TypeDeclarationSpec declaration)
        {
            w.CloseBrace();
            foreach (var _ in declaration.ContainingTypes) w.CloseBrace();
            if (declaration.Namespace is not null) w.CloseBrace();
        }

        public static string HintPrefix(TypeDeclarationSpec declaration)
        {
            var sb = new System.Text.StringBuilder();
            if (declaration.Namespace is not null) sb.Append(declaration.Namespace.Replace("@", string.Empty)).Append('.');
            foreach (var container in declaration.ContainingTypes) sb.Append(StreamingShapes.Unescape(container.Name)).Append('.');
            sb.Append(StreamingShapes.Unescape(declaration.Name));
            return sb.ToString();
        }
    }
}
