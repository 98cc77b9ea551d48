#if !NET
namespace System.Runtime.CompilerServices
{
    // Lets netstandard2.0 builds use init-only setters; the runtime never inspects this type.
    internal static class IsExternalInit
    {
    }
}
#endif
