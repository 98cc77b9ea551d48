using System;
using System.Collections.Generic;

namespace StructGen.Chat.Transport
{
    /// <summary>
    /// A wire protocol's reading of its answer: each event (or the one JSON document of a
    /// non-streamed answer) becomes protocol-neutral updates. One instance per response; it may keep
    /// state between events. Throws <see cref="ChatStreamException"/> for an error the provider
    /// reported and for an event it cannot read.
    /// </summary>
    internal interface IEventDecoder
    {
        /// <summary>Decodes one SSE event (<paramref name="eventType"/> is <c>message</c> when unnamed).</summary>
        void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> eventType, List<ChatStreamUpdate> updates);

        /// <summary>
        /// The stream is about to wait on the network: let go of what only a busy stream needs (a paused stream keeps
        /// everything the decoder holds). Decoding goes on as before after it.
        /// </summary>
        void Rest();

        /// <summary>Decodes the whole JSON body of a non-streamed answer.</summary>
        void DecodeBody(ReadOnlySpan<byte> json, List<ChatStreamUpdate> updates);

        /// <summary>The answer ended: publish anything held back.</summary>
        /// <param name="updates">Receives the updates.</param>
        /// <param name="explicitEnd">
        /// <see langword="true"/> when the source itself marked the end (<c>data: [DONE]</c>, or the whole
        /// body of a non-streamed answer was read); <see langword="false"/> when the body just stopped.
        /// A decoder whose protocol can end without a finish reason publishes
        /// <see cref="FinishReason.Unspecified"/> on an explicit end instead of leaving the answer truncated.
        /// </param>
        void Flush(List<ChatStreamUpdate> updates, bool explicitEnd);
    }
}
