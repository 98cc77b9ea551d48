using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StructGen.Chat;
using StructGen.Chat.Anthropic;
using StructGen.Chat.Transport;
using Xunit;

namespace StructGen.Tests.Protocols
{
    /// <summary>
    /// A decoder rests (<see cref="IEventDecoder.Rest"/>) whenever its stream waits on the network: it forgets the
    /// head it remembered and gives it to the thread's spare. Resting between any events must change nothing a reader
    /// sees, and a resting decoder holds no head. Two decoders on one thread share the spare, as paused streams do.
    /// </summary>
    public sealed class DecoderRestTests
    {
        [Fact]
        public void Anthropic_deltas_read_the_same_whenever_the_stream_rests()
        {
            static string Delta(int index, string text) =>
                "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}";

            static string Start(int index) => "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";

            var events = new List<(string, string)>
            {
                ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"),
                ("content_block_start", Start(0)),
            };
            for (int i = 0; i < 12; i++)
            {
                if (i == 6) events.Add(("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
                if (i == 6) events.Add(("content_block_start", Start(1)));
                events.Add(("content_block_delta", Delta(i < 6 ? 0 : 1, "t" + i)));
            }

            AssertRestChangesNothing(
                events.ToArray(),
                "t11",
                state => new MessagesEventDecoder(state, new AnthropicClientOptions { Model = "m" }),
                decoder => ((MessagesEventDecoder)decoder).HoldsHead);
        }

        [Fact]
        public void Responses_deltas_read_the_same_whenever_the_stream_rests()
        {
            static string Delta(int i) =>
                "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":\"w" + i + "\",\"item_id\":\"msg_1\",\"output_index\":0,\"sequence_number\":" + (5 + i) + "}";

            var events = Enumerable.Range(0, 12).Select(i => ("response.output_text.delta", Delta(i))).ToArray();
            AssertRestChangesNothing(
                events,
                "w11",
                state => new ResponsesEventDecoder(state, new ResponsesClientOptions { Model = "m" }),
                decoder => ((ResponsesEventDecoder)decoder).HoldsHead);
        }

        [Fact]
        public void Gemini_events_read_the_same_whenever_the_stream_rests()
        {
            static string Event(string text, int candidates) =>
                "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 38,\"candidatesTokenCount\": " + candidates +
                ",\"totalTokenCount\": " + (38 + candidates) + "},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}";

            var events = Enumerable.Range(0, 12).Select(i => ("message", Event("t" + i, i + 1))).ToArray();
            int next = 0;
            AssertRestChangesNothing(
                events,
                "t11",
                state => new GeminiEventDecoder(state, new GeminiClientOptions { Model = "m" }, () => (++next).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                decoder => ((GeminiEventDecoder)decoder).HoldsEnvelope);
        }

        // Decodes the events three ways: never resting; resting after every event (with a second resting decoder on the
        // same thread taking the spare in between); resting after every third. All three must give the same updates.
        private static void AssertRestChangesNothing((string Type, string Data)[] events, string lastText, Func<ChatStreamState, IEventDecoder> create, Func<IEventDecoder, bool> holdsHead)
        {
            var expected = Decode(events, create, restEvery: 0, holdsHead);
            Assert.Equal(expected, Decode(events, create, restEvery: 1, holdsHead));
            Assert.Equal(expected, Decode(events, create, restEvery: 3, holdsHead));
            Assert.True(expected.Any(line => line == "ContentDelta " + lastText), string.Join("\n", expected));
        }

        private static List<string> Decode((string Type, string Data)[] events, Func<ChatStreamState, IEventDecoder> create, int restEvery, Func<IEventDecoder, bool> holdsHead)
        {
            var decoder = create(new ChatStreamState());
            var other = create(new ChatStreamState());
            var updates = new List<ChatStreamUpdate>();
            var otherUpdates = new List<ChatStreamUpdate>();
            var described = new List<string>();
            for (int i = 0; i < events.Length; i++)
            {
                decoder.Decode(Encoding.UTF8.GetBytes(events[i].Data), Encoding.UTF8.GetBytes(events[i].Type), updates);
                described.AddRange(updates.Select(u => u.Kind + " " + u.Text));
                updates.Clear();
                if (restEvery > 0 && (i + 1) % restEvery == 0)
                {
                    decoder.Rest();
                    Assert.False(holdsHead(decoder), "a resting decoder holds a head");

                    // Another stream on this thread reads an event and rests: it takes the spare and gives it back.
                    other.Decode(Encoding.UTF8.GetBytes(events[events.Length - 1 - i].Data), Encoding.UTF8.GetBytes(events[events.Length - 1 - i].Type), otherUpdates);
                    otherUpdates.Clear();
                    other.Rest();
                }
            }

            decoder.Flush(updates, explicitEnd: false);
            described.AddRange(updates.Select(u => u.Kind + " " + u.Text));
            return described;
        }
    }
}
