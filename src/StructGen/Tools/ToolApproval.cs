using System;

namespace StructGen.Tools
{
    /// <summary>What <see cref="AgentOptions.ApproveToolCall"/> decides for one call before it runs.</summary>
    public sealed class ToolApproval
    {
        private ToolApproval(ToolApprovalKind kind, string? message, string? arguments)
        {
            Kind = kind;
            Message = message;
            Arguments = arguments;
        }

        /// <summary>Run the call as the model wrote it.</summary>
        public static ToolApproval Approve { get; } = new ToolApproval(ToolApprovalKind.Approved, null, null);

        /// <summary>Do not run the call; <paramref name="message"/> goes back to the model as the call's result, and the loop continues.</summary>
        public static ToolApproval Deny(string message) =>
            new ToolApproval(ToolApprovalKind.Denied, message ?? throw new ArgumentNullException(nameof(message)), null);

        /// <summary>Run the call with other arguments (JSON text); the conversation keeps the model's call as it was written.</summary>
        public static ToolApproval Edit(string argumentsJson) =>
            new ToolApproval(ToolApprovalKind.Edited, null, argumentsJson ?? throw new ArgumentNullException(nameof(argumentsJson)));

        /// <summary>The decision.</summary>
        public ToolApprovalKind Kind { get; }

        /// <summary>For a denial: the text sent back to the model.</summary>
        public string? Message { get; }

        /// <summary>For an edit: the arguments the tool runs with.</summary>
        public string? Arguments { get; }
    }

    /// <summary>The kinds of <see cref="ToolApproval"/>.</summary>
    public enum ToolApprovalKind
    {
        /// <summary>The call runs as written.</summary>
        Approved,
        /// <summary>The call does not run; a message goes back instead.</summary>
        Denied,
        /// <summary>The call runs with edited arguments.</summary>
        Edited,
    }
}
