using System.Collections.Generic;
using System.Linq;
using StructGen.Chat;

namespace StructGen
{
    /// <summary>
    /// Every attempt to get a valid structured value failed, including the repair attempts in which
    /// the validation error was sent back to the model. <see cref="Attempts"/> holds each failure,
    /// with its raw text.
    /// </summary>
    public sealed class StructuredOutputRepairException : StructuredOutputException
    {
        internal StructuredOutputRepairException(IReadOnlyList<StructuredOutputException> attempts, ChatUsage? usage)
            : base(attempts[attempts.Count - 1].Kind, attempts[attempts.Count - 1].Path, attempts[attempts.Count - 1].Expected, attempts[attempts.Count - 1].Actual + " (after " + attempts.Count + " attempts)", attempts[attempts.Count - 1].Offset, attempts[attempts.Count - 1])
        {
            Attempts = attempts;
            Usage = usage;
            RawText = attempts[attempts.Count - 1].RawText;
        }

        /// <summary>Each attempt's failure, in order; each carries that attempt's <see cref="StructuredOutputException.RawText"/>.</summary>
        public IReadOnlyList<StructuredOutputException> Attempts { get; }

        /// <summary>Usage summed over every attempt.</summary>
        public ChatUsage? Usage { get; }

        /// <summary>The raw text of every attempt.</summary>
        public IEnumerable<string?> RawTexts => Attempts.Select(a => a.RawText);
    }
}
