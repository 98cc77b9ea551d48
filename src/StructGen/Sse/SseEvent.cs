namespace StructGen.Sse
{
    /// <summary>
    /// One dispatched server-sent event as immutable strings, as returned by
    /// <see cref="SseReader.ParseAll(System.ReadOnlyMemory{byte}, SseReaderOptions?)"/>.
    /// The streaming <see cref="SseReader"/> API exposes the same values without allocating.
    /// </summary>
    internal sealed class SseEvent
    {
        /// <summary>Creates an event.</summary>
        /// <param name="eventType">The event type; <c>message</c> when the stream gave none.</param>
        /// <param name="data">The event data, <c>data</c> lines joined with <c>\n</c>.</param>
        /// <param name="lastEventId">The last event ID in effect for this event, or <see langword="null"/> if none was ever set.</param>
        /// <param name="retryMilliseconds">The reconnection time in effect when the event was dispatched, if the stream set one.</param>
        public SseEvent(string eventType, string data, string? lastEventId, int? retryMilliseconds)
        {
            EventType = eventType;
            Data = data;
            LastEventId = lastEventId;
            RetryMilliseconds = retryMilliseconds;
        }

        /// <summary>The event type; <c>message</c> when the stream gave none.</summary>
        public string EventType { get; }

        /// <summary>The event data, <c>data</c> lines joined with <c>\n</c>.</summary>
        public string Data { get; }

        /// <summary>The last event ID in effect for this event, or <see langword="null"/> if none was ever set.</summary>
        public string? LastEventId { get; }

        /// <summary>The reconnection time in effect when the event was dispatched, if the stream set one.</summary>
        public int? RetryMilliseconds { get; }

        /// <summary>Returns a short description for diagnostics.</summary>
        /// <returns>The event type, ID and data.</returns>
        public override string ToString() => $"{EventType} (id {LastEventId ?? "<none>"}): {Data}";
    }
}
