using System.Collections.Generic;
using System.Text.Json.Nodes;
using StructGen.Cassettes;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Protocols.Responses;
using Xunit;

namespace StructGen.Tests.CassetteCorpus
{
    /// <summary>
    /// The rules by which the corpus harness rebuilds a recorded request, on constructed bodies: what a recorder
    /// sent that a correct client need not send is set aside, and nothing else is.
    /// </summary>
    public class CorpusHarnessTests
    {
        [Fact]
        public void A_chat_request_with_an_unknown_member_keeps_its_tools_and_tool_choice()
        {
            var request = RecordedRequest.From(new CassetteRequest
            {
                Method = "POST",
                Url = "https://router.example/api/v1/chat/completions",
                Body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"m\",\"tool_choice\":\"auto\"," +
                       "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],\"usage\":{\"include\":true}}",
            });

            var raw = request.Options.AdditionalProperties!;
            Assert.Equal("{\"include\":true}", raw["usage"]);
            Assert.Equal("\"auto\"", raw["tool_choice"]);
            Assert.NotNull(request.ToolsJson);
        }

        [Fact]
        public void Responses_function_call_items_lose_only_their_echoed_item_id()
        {
            var body = "{\"input\":[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"{}\"}," +
                       "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"5\"}]}";

            var input = JsonNode.Parse(ResponsesCorpusRequest.WithoutEchoedCallItemIds(body))!["input"]!.AsArray();

            Assert.Null(input[0]!["id"]);
            Assert.Equal("call_1", (string?)input[0]!["call_id"]);
            Assert.Equal("rs_1", (string?)input[1]!["id"]);
            Assert.Equal(3, input.Count);
            const string noCalls = "{\"input\":[{\"role\":\"user\",\"content\":\"hi\",\"id\":\"msg_1\"}]}";
            Assert.Equal(noCalls, ResponsesCorpusRequest.WithoutEchoedCallItemIds(noCalls));
        }

        [Fact]
        public void A_subset_of_the_answers_reasoning_details_is_judged_as_the_whole_array()
        {
            const string answer = "\n  \n{\"choices\":[{\"message\":{\"role\":\"assistant\",\"reasoning_details\":[" +
                                  "{\"type\":\"reasoning.summary\",\"summary\":\"s\",\"index\":0},{\"type\":\"reasoning.encrypted\",\"data\":\"e\",\"index\":1}]}}]}";
            const string subset = "{\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"e\",\"index\":0}]}]}";
            const string foreign = "{\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"format\":\"unknown\",\"index\":0}]}]}";

            var rewritten = JsonNode.Parse(AgentCorpusReplayTests.WithAllReasoningDetailsOfTheAnswer(subset, answer))!;

            Assert.Equal(2, rewritten["messages"]![0]!["reasoning_details"]!.AsArray().Count);
            Assert.Equal(foreign, AgentCorpusReplayTests.WithAllReasoningDetailsOfTheAnswer(foreign, answer)); // not the answer's: compared as recorded
            Assert.Equal(subset, AgentCorpusReplayTests.WithAllReasoningDetailsOfTheAnswer(subset, "data: {}\n\n")); // streamed: as recorded
        }
    }
}
