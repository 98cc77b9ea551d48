namespace StructGen.Streaming
{
    /// <summary>
    /// A <see cref="StreamingParser{T, TPartial}"/> seen without its type arguments, for code that
    /// streams values whose type it does not know statically (the agent loop's tool arguments).
    /// </summary>
    public interface IPartialParser
    {
        /// <summary>Consumes the next text delta; <see langword="true"/> when a new partial was published.</summary>
        /// <exception cref="StructuredOutputException">The text so far cannot become a valid value.</exception>
        bool Append(string? delta);

        /// <summary>The latest published partial (a generated partial type), or <see langword="null"/>.</summary>
        object? CurrentPartial { get; }

        /// <summary>Ends the input and returns the final, validated value (boxed).</summary>
        /// <exception cref="StructuredOutputException">The text is not a valid value; the message names the JSON path.</exception>
        object? Complete();
    }
}
