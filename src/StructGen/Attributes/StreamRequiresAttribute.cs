using System;

namespace StructGen
{
    /// <summary>
    /// A streaming contract ("required before publish"): an object of this type is not published, neither
    /// in its parent's partial (the member stays <c>null</c> and <see cref="Streaming.FieldState.Missing"/>)
    /// nor as the growing last element of a list, until the named member is complete. From then on it
    /// streams as usual. An object that closes without the member (an optional member left out) is
    /// published when it closes, so the final value is never held back. Name the member with
    /// <c>nameof</c>; declare it first, since strict providers write keys in declaration order (SGEN027).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class StreamRequiresAttribute : Attribute
    {
        /// <summary>Creates the contract.</summary>
        /// <param name="memberName">The C# name of the member that must be complete first, e.g. <c>nameof(Title)</c>.</param>
        public StreamRequiresAttribute(string memberName)
        {
            MemberName = memberName;
        }

        /// <summary>The C# name of the member that must be complete before the object is published.</summary>
        public string MemberName { get; }
    }
}
