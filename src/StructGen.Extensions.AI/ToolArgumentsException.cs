using System;

namespace StructGen.Extensions.AI
{
    /// <summary>
    /// The arguments passed to a generated tool could not be used: they do not match the tool's
    /// parameters (the inner exception is the <see cref="StructuredOutputException"/> naming the JSON
    /// path), or an argument value could not be written as JSON without reflection.
    /// </summary>
    public sealed class ToolArgumentsException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="toolName">The tool that was called.</param>
        /// <param name="argumentsJson">The arguments as JSON, when they could be written.</param>
        /// <param name="message">What is wrong.</param>
        /// <param name="inner">The underlying error.</param>
        public ToolArgumentsException(string toolName, string? argumentsJson, string message, Exception? inner = null)
            : base(message, inner)
        {
            ToolName = toolName;
            ArgumentsJson = argumentsJson;
        }

        /// <summary>The tool that was called.</summary>
        public string ToolName { get; }

        /// <summary>The arguments as JSON, or <see langword="null"/> when they could not be written.</summary>
        public string? ArgumentsJson { get; }

        internal static ToolArgumentsException Invalid(string toolName, string argumentsJson, StructuredOutputException inner) =>
            new ToolArgumentsException(
                toolName,
                argumentsJson,
                $"Invalid arguments for tool '{toolName}': {inner.Message} Arguments received: {argumentsJson}",
                inner);
    }
}
