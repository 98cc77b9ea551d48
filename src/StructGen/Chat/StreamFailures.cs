using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>The sentences every stream failure message shares: written once, here.</summary>
    internal static class StreamFailures
    {
        public const string NotRetried = " Not retried: the response had started.";

        public static string Events(ChatStreamState state) => state.EventCount.ToString(CultureInfo.InvariantCulture) + " events";

        public static string Kept(ChatStreamState state)
        {
            var text = state.ContentLength.ToString(CultureInfo.InvariantCulture) + " characters of content";
            if (state.ToolCallCount > 0) text += ", " + state.ToolCallCount.ToString(CultureInfo.InvariantCulture) + " tool call(s)";
            if (state.Usage is not null) text += ", usage";
            return text + " had arrived and are kept in State.";
        }

        public static ChatStreamException Truncated(ChatStreamState state, string? hint, int attempts) => new ChatStreamException(
            ChatStreamFailure.Truncated,
            "The stream ended before the model finished (no finish reason arrived after " + Events(state) + "); the server closed it early. " +
            Kept(state) + NotRetried + hint + RequestIdText(state),
            state)
        {
            Attempts = attempts,
        };

        /// <summary>An error the provider reported inside a started answer (an error event or an error object).</summary>
        /// <param name="state">What had arrived.</param>
        /// <param name="error">The provider's error, redacted and cut here.</param>
        /// <param name="apiKey">The key to mask in it.</param>
        /// <param name="who">Who reported it, for the message ("The provider", "Anthropic").</param>
        public static ChatStreamException ProviderReported(ChatStreamState state, ProviderError error, string? apiKey, string who = "The provider")
        {
            error = error.Redact(apiKey).Truncate(8 * 1024);
            var description = error.Describe();
            if (!description.EndsWith(".", StringComparison.Ordinal)) description += ".";
            return new ChatStreamException(
                ChatStreamFailure.ProviderError,
                who + " reported an error inside the stream after " + Math.Max(0, state.EventCount - 1).ToString(CultureInfo.InvariantCulture) + " events: " +
                description + " " + Kept(state) + NotRetried + RequestIdText(state),
                state)
            {
                ErrorType = error.Type,
                ErrorCode = error.Code,
                ErrorMessage = error.Message,
            };
        }

        /// <summary>An event the decoder cannot read; the reader's message and an excerpt of the data, key masked.</summary>
        /// <param name="state">What had arrived.</param>
        /// <param name="what">What the event should have been ("a valid chat-completion chunk").</param>
        /// <param name="data">The event's data.</param>
        /// <param name="ex">Why it could not be read.</param>
        /// <param name="apiKey">The key to mask (System.Text.Json quotes the offending text in its messages).</param>
        public static ChatStreamException InvalidEvent(ChatStreamState state, string what, ReadOnlySpan<byte> data, Exception ex, string? apiKey)
        {
            var masked = ex is JsonException json
                ? new JsonException(Secrets.Mask(json.Message, apiKey), json.Path, json.LineNumber, json.BytePositionInLine)
                : new JsonException(Secrets.Mask(ex.Message, apiKey));
            return new ChatStreamException(
                ChatStreamFailure.InvalidChunk,
                "Event " + state.EventCount.ToString(CultureInfo.InvariantCulture) + " is not " + what + ": " + masked.Message +
                " Its data starts with: " + Excerpt(data, apiKey) + " " + Kept(state) + NotRetried + RequestIdText(state),
                state,
                masked);
        }

        // Mask before cutting, so a key across the cut cannot leave a recognisable half.
        private static string Excerpt(ReadOnlySpan<byte> data, string? apiKey)
        {
            var text = Secrets.Mask(Encoding.UTF8.GetString(data.ToArray()), apiKey)!;
            return text.Length > 200 ? text.Substring(0, 200) + "…" : text;
        }

        public static string RequestIdText(ChatStreamState state) => state.RequestId is null ? string.Empty : " Request id: " + state.RequestId + ".";
    }
}
