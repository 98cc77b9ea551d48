using System;

namespace StructGen.Streaming
{
    /// <summary>Parses a complete JSON token (number text or unescaped string) into a C# value.</summary>
    /// <returns><see langword="false"/> when the text is not a valid value of <typeparamref name="T"/>.</returns>
    public delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);
}
