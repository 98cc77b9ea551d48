using System;
using System.ComponentModel;
using StructGen.Streaming;
using StructGen.Streaming.Generated;

namespace StructGen.Streaming.Generated
{
    /// <summary>Parses a complete JSON token (number text or unescaped string) into a C# value.</summary>
    /// <returns><see langword="false"/> when the text is not a valid value of <typeparamref name="T"/>.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);
}
