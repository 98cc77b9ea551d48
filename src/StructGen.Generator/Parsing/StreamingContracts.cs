using StructGen.Generator.Model;

namespace StructGen.Generator.Parsing
{
    /// <summary>Which members a streaming contract (<c>[StreamAtomic]</c>) can change.</summary>
    internal static class StreamingContracts
    {
        /// <summary>
        /// Whether partials can show the member before it is complete: strings grow, lists and objects
        /// fill in. Every other kind appears only once complete, so an atomic contract on it does nothing.
        /// </summary>
        public static bool CanGrow(TypeRefSpec type) => type.Kind is TypeRefKind.String or TypeRefKind.Array or TypeRefKind.Object;
    }
}
