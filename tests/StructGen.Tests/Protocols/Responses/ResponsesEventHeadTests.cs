using System;
using System.Text;
using System.Text.Json;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Protocols.Responses
{
    /// <summary>
    /// The Responses event reader resumes an event whose head (up to its <c>delta</c> member name) repeats the
    /// last remembered one byte for byte. Any sequence of events must read exactly as fresh reads of each.
    /// </summary>
    public class ResponsesEventHeadTests
    {
        // Heads sharing prefixes in every way they can: other types, other members before the delta (skipped
        // ones, and ones the reader keeps, which must stop a head being remembered), whitespace, an escaped name.
        private static readonly string[] Heads =
        {
            "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":",
            "{\"type\":\"response.output_text.delta\",\"content_index\":1,\"delta\":",
            "{\"type\":\"response.function_call_arguments.delta\",\"delta\":",
            "{\"type\":\"response.reasoning_summary_text.delta\",\"summary_index\":2,\"delta\":",
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":3,\"delta\":",
            "{\"type\":\"response.output_text.delta\",\"item\":{\"id\":\"x\"},\"delta\":",
            "{\"content_index\":0,\"delta\":",
            "{\"type\":\"response.output_text.delta\", \"content_index\":0,\"delta\":",
            "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"d\\u0065lta\":",
            "{\"type\":\"response.refusal.delta\",\"content_index\":0,\"delta\":",
        };

        private static readonly string[] Values = { "\"Hel\"", "\"lo \\\"w\\u00e9\\\"\"", "\"\"", "null", "12", "{\"a\":[1]}" };

        private static readonly string[] Tails =
        {
            "}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"RMTD\",\"output_index\":1,\"sequence_number\":6}",
            ",\"item_id\":\"msg_other\",\"output_index\":0,\"sequence_number\":7}",
            // OpenAI's envelope, which a resumed read takes by hand, and near misses that must go to the reader.
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":12,\"sequence_number\":0}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx\\\"8h\",\"output_index\":1,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":-1,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":01,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":1.5,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":1234567890123,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":1,\"sequence_number\":9} ",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":1,\"sequence_number\":9,\"delta\":\"again\"}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx8h\",\"output_index\":1,\"sequence_number\":9}}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zé8h\",\"output_index\":1,\"sequence_number\":9}",
            ",\"item_id\":\"msg_09379b2c\",\"logprobs\":[],\"obfuscation\":\"Zx\t8h\",\"output_index\":1,\"sequence_number\":9}",
            ",\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\",\"id\":\"m\"}}",
            ",\"delta\":\"second\",\"summary_index\":4}",
            ",\"response\":{\"id\":\"r\"},\"output_index\":\"x\"}",
        };

        [Fact]
        public void Any_sequence_of_events_reads_as_fresh_reads_of_each() =>
            RepeatedHeadProperty.AssertEverySequenceReadsAsFreshReads(Heads, Values, Tails, () => new ResponsesEvent(), Read, e => e.HeadHits);

        [Fact]
        public void A_recorded_delta_sequence_resumes_after_the_first_event()
        {
            var e = new ResponsesEvent();
            for (int i = 0; i < 5; i++)
            {
                string json = "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":\"w" + i + "\",\"item_id\":\"msg_0937\",\"logprobs\":[],\"obfuscation\":\"RM" + i + "\",\"output_index\":1,\"sequence_number\":" + (6 + i) + "}";
                e.Read(Encoding.UTF8.GetBytes(json));
                Assert.Equal(ResponsesEventKind.TextDelta, e.Kind);
                Assert.Equal("w" + i, e.Delta);
                Assert.Equal("msg_0937", e.ItemId);
                Assert.Equal(1, e.OutputIndex);
            }

            Assert.Equal(4, e.HeadHits);
            Assert.Equal(4, e.TailHits);
        }

        private static string Read(ResponsesEvent e, byte[] bytes)
        {
            try
            {
                e.Read(bytes);
            }
            catch (JsonException)
            {
                return "error";
            }

            string payload = e.Payload.Length > 0 ? Encoding.UTF8.GetString(bytes, e.Payload.Start, e.Payload.Length) : "-";
            return string.Join("|", e.Kind, e.Delta ?? "<null>", e.ItemId ?? "<null>", e.OutputIndex, e.SummaryIndex, payload);
        }
    }
}
