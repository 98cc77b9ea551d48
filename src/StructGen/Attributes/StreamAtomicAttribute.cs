using System;

namespace StructGen
{
    /// <summary>
    /// A streaming contract: the member (a string, list or object) appears in partials only once it is
    /// complete, never as a growing prefix. Its state still goes Missing → Streaming → Complete, and
    /// no partial is published for its progress alone. Numbers, booleans, enums and dates are always
    /// shown only once complete, so the attribute is redundant on them (SGEN025).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
    public sealed class StreamAtomicAttribute : Attribute
    {
    }
}
