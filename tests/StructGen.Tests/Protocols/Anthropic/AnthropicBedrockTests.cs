using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using StructGen.Tests.Support;
using StructGen.Tools;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// Claude on Amazon Bedrock (InvokeModel): the model and the streaming choice in the URL
    /// (<c>model/{model}/invoke-with-response-stream</c> or <c>/invoke</c>), <c>anthropic_version</c> in the body, no
    /// <c>model</c> or <c>stream</c> member, a Bedrock API key as the bearer, and a streamed answer in AWS event-stream frames.
    /// Frames and ids are made up here.
    /// </summary>
    public class AnthropicBedrockTests
    {
        private const string BedrockEndpoint = "https://bedrock-runtime.us-east-1.amazonaws.com/";
        private const string BedrockModel = "us.anthropic.claude-3-haiku-20240307-v1:0";
        private const string EventStream = "application/vnd.amazon.eventstream";

        private static byte[] Frames(params (string Event, string Data)[] events) =>
            EventStreamFrames.Body(events.Select(e => EventStreamFrames.Chunk(e.Data)).ToArray());

        private static byte[] Done() => Frames(MessageStart("msg_bdrk_1"), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "Olá!"), BlockStop(0), MessageDelta("end_turn", 3), MessageStop());

        private static AnthropicClient Bedrock(ScriptedHandler handler, Action<AnthropicClientOptions>? configure = null) => Over(handler, options =>
        {
            options.Endpoint = new Uri(BedrockEndpoint);
            options.Model = BedrockModel;
            options.ApiKey = "bedrock-api-key-not-real";
            configure?.Invoke(options);
        });

        private static async Task<string> DrainAsync(TextStream stream)
        {
            await foreach (var _ in stream) { }
            return stream.Text;
        }

        [Fact]
        public async Task A_stream_goes_to_invoke_with_response_stream_and_its_event_stream_frames_are_read_as_messages_events()
        {
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Done(), EventStream);
            var client = Bedrock(handler);

            var text = await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") }));

            Assert.Equal("Olá!", text);
            var request = Assert.Single(handler.Requests);
            Assert.Equal(BedrockEndpoint + "model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream", request.RequestUri!.AbsoluteUri);
            Assert.Equal("Bearer bedrock-api-key-not-real", request.Headers.Authorization!.ToString());
            Assert.False(request.Headers.Contains("x-api-key"));
            Assert.False(request.Headers.Contains("anthropic-version"));
            Assert.Equal("application/json", request.Headers.GetValues("Accept").Single());
            var expected = JsonNode.Parse("""
                {"max_tokens":4096,"messages":[{"content":[{"text":"Say hi in Portuguese","type":"text"}],"role":"user"}],
                 "system":[{"text":"You are a helpful assistant","type":"text"}],"anthropic_version":"bedrock-2023-05-31"}
                """);
            var body = JsonNode.Parse(handler.RequestBodies[0])!;
            Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        }

        [Fact]
        public async Task A_whole_answer_goes_to_invoke_and_the_token_provider_wins_over_the_api_key()
        {
            var whole = """
                {"id":"msg_bdrk_2","type":"message","role":"assistant","model":"claude-3-haiku-20240307","content":[{"type":"text","text":"Olá!"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":16,"output_tokens":5}}
                """;
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, whole);
            var client = Bedrock(handler, o => { o.AccessTokenProvider = _ => new ValueTask<string?>("short-term-key"); o.BedrockApiVersion = "bedrock-2099-01-01"; });

            var text = await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.User("Hi") }, new ChatRequestOptions { Stream = false }));

            Assert.Equal("Olá!", text);
            var request = Assert.Single(handler.Requests);
            Assert.Equal(BedrockEndpoint + "model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke", request.RequestUri!.AbsoluteUri);
            Assert.Equal("Bearer short-term-key", request.Headers.Authorization!.ToString());
            var body = JsonNode.Parse(handler.RequestBodies[0])!.AsObject();
            Assert.False(body.ContainsKey("model"));
            Assert.False(body.ContainsKey("stream"));
            Assert.Equal("bedrock-2099-01-01", (string)body["anthropic_version"]!);
        }

        [Fact]
        public async Task Betas_go_in_the_body_as_an_array_and_no_header_and_no_credentials_send_no_authorization()
        {
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Done(), EventStream);
            var client = Bedrock(handler, o => { o.ApiKey = null; o.Beta = "token-efficient-tools-2025-02-19, interleaved-thinking-2025-05-14"; });

            await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.User("Hi") }));

            var request = Assert.Single(handler.Requests);
            Assert.False(request.Headers.Contains("anthropic-beta"));
            Assert.Null(request.Headers.Authorization);
            var body = JsonNode.Parse(handler.RequestBodies[0])!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["token-efficient-tools-2025-02-19","interleaved-thinking-2025-05-14"]"""), body["anthropic_beta"]), body.ToJsonString());
        }

        [Fact]
        public async Task An_exception_frame_is_a_provider_error_with_its_exception_type_and_message()
        {
            var body = EventStreamFrames.Body(
                EventStreamFrames.Chunk(Events(MessageStart("msg_bdrk_3")).Split("data: ")[1].Trim()),
                EventStreamFrames.Exception("throttlingException", "Too many tokens, please wait before trying again."));
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, body, EventStream);

            var error = await Assert.ThrowsAsync<ChatStreamException>(() => DrainAsync(Bedrock(handler).StreamTextAsync(new[] { ModelMessage.User("Hi") })));

            Assert.Equal(ChatStreamFailure.ProviderError, error.Failure);
            Assert.Equal("throttlingException", error.ErrorType);
            Assert.Equal("Too many tokens, please wait before trying again.", error.ErrorMessage);
        }

        [Fact]
        public async Task A_frame_with_a_bad_crc_fails_the_stream_as_an_invalid_chunk()
        {
            var body = Done();
            body[40] ^= 0x01; // inside the first frame's headers: the message CRC no longer matches
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, body, EventStream);

            var error = await Assert.ThrowsAsync<ChatStreamException>(() => DrainAsync(Bedrock(handler).StreamTextAsync(new[] { ModelMessage.User("Hi") })));

            Assert.Equal(ChatStreamFailure.InvalidChunk, error.Failure);
            Assert.Contains("AWS event stream", error.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_tool_loop_streams_a_tool_use_then_sends_the_result_back_to_the_same_invoke_url()
        {
            var first = Frames(
                MessageStart("msg_bdrk_tool_1", 300),
                BlockStart(0, "{\"type\":\"tool_use\",\"id\":\"toolu_bdrk_1\",\"name\":\"weather\",\"input\":{}}"),
                JsonDelta(0, ""),
                JsonDelta(0, "{\"location\": \"Flo"),
                JsonDelta(0, "rence\"}"),
                BlockStop(0),
                MessageDelta("tool_use", 40),
                ("message_stop", "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":300,\"outputTokenCount\":40}}"));
            var second = Frames(
                MessageStart("msg_bdrk_tool_2", 360),
                BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                TextDelta(0, "It is 40 C in Florence."),
                BlockStop(0),
                MessageDelta("end_turn", 9),
                MessageStop());
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, first, EventStream).Then(HttpStatusCode.OK, second, EventStream);
            var weather = new WeatherTools();

            var run = Bedrock(handler).RunAgentAsync(new[] { ModelMessage.User("What's the weather in Florence?") }, weather.AsToolSet());
            await foreach (var _ in run) { }

            Assert.Equal(new[] { "Florence" }, weather.Calls);
            Assert.Equal("It is 40 C in Florence.", run.Result.Messages[^1].Text);
            Assert.Equal(2, handler.Requests.Count);
            Assert.All(handler.Requests, r => Assert.EndsWith("/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream", r.RequestUri!.AbsoluteUri, StringComparison.Ordinal));
            var sent = JsonNode.Parse(handler.RequestBodies[1])!;
            Assert.Equal("bedrock-2023-05-31", (string?)sent["anthropic_version"]);
            Assert.False(sent.AsObject().ContainsKey("model"));
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("""{"content":[{"id":"toolu_bdrk_1","input":{"location":"Florence"},"name":"weather","type":"tool_use"}],"role":"assistant"}"""),
                sent["messages"]![1]), sent["messages"]![1]!.ToJsonString());
            Assert.Equal("toolu_bdrk_1", (string?)sent["messages"]![2]!["content"]![0]!["tool_use_id"]);
        }

        [Fact]
        public async Task An_event_stream_without_messages_events_is_truncated_without_doubting_the_endpoint()
        {
            var body = EventStreamFrames.Frame(new[] { (":event-type", "metadata"), (":message-type", "event") }, System.Text.Encoding.UTF8.GetBytes("{}"));
            var handler = new ScriptedHandler().Then(HttpStatusCode.OK, body, EventStream);

            var error = await Assert.ThrowsAsync<ChatStreamException>(() => DrainAsync(Bedrock(handler).StreamTextAsync(new[] { ModelMessage.User("Hi") })));

            Assert.Equal(ChatStreamFailure.Truncated, error.Failure);
            Assert.DoesNotContain("is the endpoint right", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_model_is_required()
        {
            var noModel = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await DrainAsync(Bedrock(new ScriptedHandler().Then(HttpStatusCode.OK, Done(), EventStream), o => o.Model = string.Empty).StreamTextAsync(new[] { ModelMessage.User("Hi") })));
            Assert.Contains("Amazon Bedrock takes the model in the URL", noModel.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("https://bedrock-runtime.us-east-1.amazonaws.com/", true)]
        [InlineData("https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com", true)]
        [InlineData("https://bedrock-runtime.cn-north-1.amazonaws.com.cn/", true)]
        [InlineData("https://bedrock.us-east-1.amazonaws.com/", false)]
        [InlineData("https://bedrock-runtime.example.com/", false)]
        [InlineData("https://api.anthropic.com/v1/", false)]
        public void Bedrock_is_recognised_by_its_runtime_host(string endpoint, bool bedrock) =>
            Assert.Equal(bedrock, new AnthropicClientOptions { Endpoint = new Uri(endpoint) }.IsBedrock);
    }
}
