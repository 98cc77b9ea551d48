using System.Globalization;

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

        public static string RequestIdText(ChatStreamState state) => state.RequestId is null ? string.Empty : " Request id: " + state.RequestId + ".";
    }
}
