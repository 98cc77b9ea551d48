using System;

namespace StructGen.Chat
{
    /// <summary>What the model may do with the tools it was given.</summary>
    public enum ToolChoiceKind
    {
        /// <summary>Call tools or answer, as it sees fit.</summary>
        Auto,

        /// <summary>Call no tool.</summary>
        None,

        /// <summary>Call at least one tool.</summary>
        Required,

        /// <summary>Call the named tool.</summary>
        Tool,
    }

    /// <summary>The tool choice, in no protocol's shape (each adapter writes its own).</summary>
    public sealed class ToolChoice
    {
        private ToolChoice(ToolChoiceKind kind, string? toolName)
        {
            Kind = kind;
            ToolName = toolName;
        }

        /// <summary>Call tools or answer, as the model sees fit.</summary>
        public static ToolChoice Auto { get; } = new ToolChoice(ToolChoiceKind.Auto, null);

        /// <summary>Call no tool.</summary>
        public static ToolChoice None { get; } = new ToolChoice(ToolChoiceKind.None, null);

        /// <summary>Call at least one tool.</summary>
        public static ToolChoice Required { get; } = new ToolChoice(ToolChoiceKind.Required, null);

        /// <summary>Call the tool named <paramref name="name"/>.</summary>
        public static ToolChoice Tool(string name) =>
            new ToolChoice(ToolChoiceKind.Tool, string.IsNullOrEmpty(name) ? throw new ArgumentException("A forced tool choice needs the tool's name.", nameof(name)) : name);

        /// <summary>The kind of choice.</summary>
        public ToolChoiceKind Kind { get; }

        /// <summary>The forced tool's name (<see cref="ToolChoiceKind.Tool"/> only).</summary>
        public string? ToolName { get; }

        /// <inheritdoc />
        public override string ToString() => Kind == ToolChoiceKind.Tool ? "tool " + ToolName : Kind.ToString();
    }
}
