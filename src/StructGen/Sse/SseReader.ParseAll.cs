using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace StructGen.Sse
{
    // A synchronous convenience for bodies already in memory (tests, recorded responses).
    internal sealed partial class SseReader
    {
        /// <summary>
        /// Parses a whole UTF-8 event stream held in memory and returns its dispatched events as strings.
        /// Allocates per event; use <see cref="ReadNextAsync"/> on the hot path.
        /// </summary>
        /// <param name="utf8Body">The complete response body.</param>
        /// <param name="options">Limits and buffering; <see langword="null"/> for the defaults.</param>
        /// <returns>The events in order; an unterminated final event is discarded.</returns>
        /// <exception cref="SseFormatException">A line or event exceeds the configured limits.</exception>
        public static IReadOnlyList<SseEvent> ParseAll(ReadOnlyMemory<byte> utf8Body, SseReaderOptions? options = null)
        {
            // Wrap the caller's array when there is one rather than copying the body.
            MemoryStream stream = MemoryMarshal.TryGetArray(utf8Body, out ArraySegment<byte> segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(utf8Body.ToArray(), writable: false);

            var events = new List<SseEvent>();
            using (var reader = new SseReader(stream, options))
            {
                while (reader.ReadNext())
                {
                    events.Add(reader.ToEvent());
                }
            }

            return events;
        }

        /// <summary>Copies the current event into an immutable <see cref="SseEvent"/>.</summary>
        internal SseEvent ToEvent()
        {
            // Data always views a byte array (the read buffer or the pooled accumulator).
            MemoryMarshal.TryGetArray(Data, out ArraySegment<byte> data);
            string text = data.Count == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(data.Array!, data.Offset, data.Count);
            return new SseEvent(EventType, text, LastEventId, RetryMilliseconds);
        }
    }
}
