using System.IO;
using System.Text;
using System.Text.Json;

namespace StructGen.Chat
{
    /// <summary>
    /// The chat-completions reasoning blocks and how they are told apart: a block whose payload is a
    /// JSON array holds <c>reasoning_details</c>; one whose payload is a JSON object holds the
    /// reasoning text as the assistant-message members it goes back in (<c>reasoning_content</c>,
    /// <c>reasoning</c>).
    /// </summary>
    internal static class ReasoningText
    {
        public const string ContentField = "reasoning_content";
        public const string ReasoningField = "reasoning";

        /// <summary>A block for streamed reasoning text, to be sent back in the named field(s).</summary>
        public static ReasoningContent Block(string text, bool asReasoningContent, bool asReasoning)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (asReasoningContent) writer.WriteString(ContentField, text);
                if (asReasoning) writer.WriteString(ReasoningField, text);
                writer.WriteEndObject();
            }

            return new ReasoningContent(WireProtocols.ChatCompletions, text, payloadJson: Encoding.UTF8.GetString(buffer.ToArray()));
        }

        /// <summary>Whether the block holds chat-completions <c>reasoning_details</c>.</summary>
        public static bool IsDetails(ReasoningContent block) =>
            block.Protocol == WireProtocols.ChatCompletions && block.PayloadJson is { } json && FirstChar(json) == '[';

        /// <summary>Whether the block holds chat-completions reasoning text to send back as message members.</summary>
        public static bool IsText(ReasoningContent block) =>
            block.Protocol == WireProtocols.ChatCompletions && block.PayloadJson is { } json && FirstChar(json) == '{';

        private static char FirstChar(string json)
        {
            foreach (char c in json)
            {
                if (!char.IsWhiteSpace(c)) return c;
            }

            return '\0';
        }
    }
}
