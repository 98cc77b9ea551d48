using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using StructGen.Chat.Anthropic;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// The Messages reader resumes an event whose head (up to the delta's text member) repeats the last
    /// remembered one byte for byte. Any sequence of events must read exactly as fresh reads of each.
    /// </summary>
    public class MessagesDeltaHeadTests
    {
        // Heads that share prefixes in every way they can: other indexes and types, members before the delta
        // or inside it before the text, the delta type after the text, whitespace, an escaped name.
        private static readonly string[] Heads =
        {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"stop_reason\":\"x\",\"text\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"usage\":{\"output_tokens\":3},\"delta\":{\"type\":\"text_delta\",\"text\":",
            "{\"index\":0,\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":",
            "{\"type\":\"content_block_delta\", \"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"t\\u0065xt\":",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"text\":",
        };

        private static readonly string[] Values = { "\"Hel\"", "\"lo \\\"w\\u00e9\\\"\"", "\"\"", "null", "12", "{\"a\":[1]}" };

        // What may follow the text value: the rest of the delta, then the rest of the event.
        private static readonly string[] Tails =
        {
            "}}",
            ",\"type\":\"signature_delta\"}}",
            ",\"text\":\"second\"}}",
            "},\"index\":7}",
            "},\"usage\":{\"output_tokens\":9}}",
            "},\"type\":\"content_block_stop\"}",
            "},\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{\"q\":1}}}",
        };

        [Fact]
        public void Any_sequence_of_events_reads_as_fresh_reads_of_each() =>
            RepeatedHeadProperty.AssertEverySequenceReadsAsFreshReads(Heads, Values, Tails, () => new Reader(), (r, bytes) => r.Read(bytes), r => r.Resumed);

        /// <summary>One stream's reading: a head remembered across events, and how many events resumed from it.</summary>
        private sealed class Reader
        {
            private readonly MessagesDeltaHead _head = new MessagesDeltaHead();

            public long Resumed { get; private set; }

            public string Read(byte[] bytes)
            {
                if (_head.Matches(bytes)) Resumed++;
                return MessagesDeltaHeadTests.Read(bytes, _head);
            }
        }

        [Fact]
        public void A_repeated_head_is_resumed_and_its_values_replayed()
        {
            var head = new MessagesDeltaHead();
            const string Head = "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":";
            var e = new MessagesEvent();
            MessagesEventReader.Read(Encoding.UTF8.GetBytes(Head + "\"{\\\"a\"}}"), e, head);
            Assert.Equal(Encoding.UTF8.GetByteCount(Head), head.Length);

            var next = Encoding.UTF8.GetBytes(Head + "\"\\\":1}\"}}");
            Assert.True(head.Matches(next));
            MessagesEventReader.Read(next, e, head);
            Assert.Equal("content_block_delta", e.Type);
            Assert.Equal(2, e.Index);
            Assert.Equal("input_json_delta", e.DeltaType);
            Assert.Equal("\":1}", e.DeltaText);
        }

        [Theory]
        [InlineData("\"cut")]
        [InlineData("\"a\"")]
        [InlineData("\"a\"}")]
        [InlineData("\"a\"}},")]
        [InlineData("\"a\",}}")]
        public void A_resumed_event_that_is_not_valid_json_fails_as_a_full_read_does(string rest)
        {
            const string Head = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":";
            var head = new MessagesDeltaHead();
            MessagesEventReader.Read(Encoding.UTF8.GetBytes(Head + "\"ok\"}}"), new MessagesEvent(), head);
            var bytes = Encoding.UTF8.GetBytes(Head + rest);
            Assert.True(head.Matches(bytes));
            bool freshFails = Fails(() => MessagesEventReader.Read(bytes, new MessagesEvent()));
            bool resumedFails = Fails(() => MessagesEventReader.Read(bytes, new MessagesEvent(), head));
            Assert.Equal(freshFails, resumedFails);
            Assert.True(resumedFails || rest == "\"a\"}},", "'" + rest + "' should fail");
        }

        private static bool Fails(Action read)
        {
            try
            {
                read();
                return false;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return true;
            }
        }

        private static string Read(byte[] bytes, MessagesDeltaHead? head)
        {
            var e = new MessagesEvent();
            try
            {
                MessagesEventReader.Read(bytes, e, head);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return "error";
            }

            return string.Join(
                "|",
                e.Type, e.Index, e.MessageId, e.Model, e.BlockType, e.BlockId, e.BlockName, e.BlockText, e.BlockThinking, e.BlockSignature, e.BlockData, e.BlockInput,
                e.DeltaType, e.DeltaText, e.StopReason, e.Usage.InputTokens, e.Usage.OutputTokens);
        }
    }
}
