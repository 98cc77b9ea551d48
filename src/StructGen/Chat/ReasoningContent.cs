using System;

namespace StructGen.Chat
{
    /// <summary>
    /// One reasoning block of an assistant turn: the text the provider showed, and the opaque data it
    /// needs back on the next turn of a tool loop (an Anthropic thinking signature, an OpenAI
    /// Responses reasoning item, OpenRouter's <c>reasoning_details</c>). Only the protocol named by
    /// <see cref="Protocol"/> sends it back; others skip it.
    /// </summary>
    public sealed class ReasoningContent : MessagePart
    {
        /// <summary>Creates a reasoning block.</summary>
        /// <param name="protocol">The protocol that produced it (<see cref="WireProtocols"/>).</param>
        /// <param name="text">The reasoning text shown (may be empty: encrypted or redacted reasoning).</param>
        /// <param name="signature">A signature that must accompany the text when it is sent back, if any.</param>
        /// <param name="payloadJson">The provider's own JSON for the block, sent back as is, if any.</param>
        /// <param name="mustSendBack">Whether the provider rejects the next turn of a tool loop without it.</param>
        public ReasoningContent(string protocol, string text, string? signature = null, string? payloadJson = null, bool mustSendBack = false)
        {
            Protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Signature = signature;
            PayloadJson = payloadJson;
            MustSendBack = mustSendBack;
        }

        /// <summary>The protocol that produced the block (<see cref="WireProtocols"/>).</summary>
        public string Protocol { get; }

        /// <summary>The reasoning text shown.</summary>
        public string Text { get; }

        /// <summary>The signature that goes back with the text (Anthropic <c>signature</c>), if any.</summary>
        public string? Signature { get; }

        /// <summary>The provider's own JSON for the block, sent back unchanged, if any.</summary>
        public string? PayloadJson { get; }

        /// <summary>Whether the provider needs the block back on the next turn of a tool loop.</summary>
        public bool MustSendBack { get; }

        /// <inheritdoc />
        public override string ToString() => Protocol + " reasoning (" + Text.Length + " chars" + (Signature is null ? string.Empty : ", signed") + ")";
    }

    /// <summary>Names of the wire protocols, as <see cref="ReasoningContent.Protocol"/> uses them.</summary>
    public static class WireProtocols
    {
        /// <summary>OpenAI-compatible chat completions.</summary>
        public const string ChatCompletions = "chat.completions";

        /// <summary>The OpenAI Responses API.</summary>
        public const string Responses = "openai.responses";

        /// <summary>Anthropic Messages.</summary>
        public const string AnthropicMessages = "anthropic.messages";

        /// <summary>Google Gemini <c>generateContent</c>.</summary>
        public const string Gemini = "google.gemini";
    }
}
