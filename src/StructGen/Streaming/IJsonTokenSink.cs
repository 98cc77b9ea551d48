using System;

namespace StructGen.Streaming
{
    /// <summary>The literal tokens of JSON.</summary>
    internal enum JsonLiteral : byte
    {
        /// <summary><c>null</c></summary>
        Null,
        /// <summary><c>true</c></summary>
        True,
        /// <summary><c>false</c></summary>
        False,
    }

    /// <summary>
    /// Receives tokens from <see cref="JsonStreamTokenizer"/> as they complete. String values are
    /// pushed in pieces as they arrive, so a consumer can show a growing string without waiting
    /// for its closing quote; every other token arrives only once complete.
    /// </summary>
    internal interface IJsonTokenSink
    {
        /// <summary>An object value starts (<c>{</c>).</summary>
        void OnStartObject();

        /// <summary>The innermost open object ends (<c>}</c>).</summary>
        void OnEndObject();

        /// <summary>An array value starts (<c>[</c>).</summary>
        void OnStartArray();

        /// <summary>The innermost open array ends (<c>]</c>).</summary>
        void OnEndArray();

        /// <summary>A complete, unescaped property name; the span is valid only during the call.</summary>
        void OnPropertyName(ReadOnlySpan<char> name);

        /// <summary>A string value starts (its opening quote arrived).</summary>
        /// <param name="contentStart">The offset (as <see cref="JsonStreamTokenizer.Offset"/>) of the first character after the quote.</param>
        void OnStringStart(long contentStart);

        /// <summary>More unescaped characters of the current string value; valid only during the call.</summary>
        /// <param name="chunk">The characters, escapes decoded.</param>
        /// <param name="sourceEnd">
        /// The offset just past the text they were decoded from: the value so far is the string's text
        /// from its content start to here, unescaped (a held-back high surrogate is not part of it yet).
        /// </param>
        void OnStringChunk(ReadOnlySpan<char> chunk, long sourceEnd);

        /// <summary>The current string value ended (its closing quote arrived).</summary>
        void OnStringEnd();

        /// <summary>A complete number, as its JSON text; valid only during the call.</summary>
        void OnNumber(ReadOnlySpan<char> text);

        /// <summary>A complete <c>true</c>, <c>false</c> or <c>null</c>.</summary>
        void OnLiteral(JsonLiteral literal);
    }
}
