using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using Xunit;
using static StructGen.Tests.Protocols.Anthropic.AnthropicTestClients;

namespace StructGen.Tests.Protocols.Anthropic
{
    /// <summary>
    /// Claude on Google Vertex AI: the same Messages body and events, but the model and the streaming choice in the
    /// URL (<c>models/{model}:streamRawPredict</c> or <c>:rawPredict</c>), <c>anthropic_version</c> in the body instead
    /// of a header, no <c>model</c> member, and a Google access token as the bearer.
    /// </summary>
    public class AnthropicVertexTests
    {
        private const string VertexEndpoint = "https://us-east5-aiplatform.googleapis.com/v1/projects/demo-project/locations/us-east5/publishers/anthropic/";
        private const string VertexModel = "claude-3-7-sonnet@20250219";

        private static readonly string Done = Events(MessageStart(), BlockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), TextDelta(0, "Olá!"), BlockStop(0), MessageDelta("end_turn", 3), MessageStop());

        private static AnthropicClient Vertex(ScriptedHandler handler, Action<AnthropicClientOptions>? configure = null) => Over(handler, options =>
        {
            options.Endpoint = new Uri(VertexEndpoint);
            options.Model = VertexModel;
            options.ApiKey = null;
            configure?.Invoke(options);
        });

        private static async Task<string> DrainAsync(TextStream stream)
        {
            await foreach (var _ in stream) { }
            return stream.Text;
        }

        [Fact]
        public async Task A_stream_goes_to_streamRawPredict_with_the_version_in_the_body_and_no_model_member()
        {
            var handler = new ScriptedHandler().Then(Done);
            int calls = 0;
            var client = Vertex(handler, o => o.AccessTokenProvider = _ => { calls++; return new ValueTask<string?>("ya29.token"); });

            var text = await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.System("You are a helpful assistant"), ModelMessage.User("Say hi in Portuguese") }));

            Assert.Equal("Olá!", text);
            var request = Assert.Single(handler.Requests);
            Assert.Equal(VertexEndpoint + "models/claude-3-7-sonnet@20250219:streamRawPredict", request.RequestUri!.AbsoluteUri);
            Assert.Equal("Bearer ya29.token", request.Headers.Authorization!.ToString());
            Assert.False(request.Headers.Contains("x-api-key"));
            Assert.False(request.Headers.Contains("anthropic-version"));
            Assert.Equal(1, calls);
            var expected = JsonNode.Parse("""
                {"max_tokens":4096,"messages":[{"content":[{"text":"Say hi in Portuguese","type":"text"}],"role":"user"}],
                 "system":[{"text":"You are a helpful assistant","type":"text"}],"stream":true,"anthropic_version":"vertex-2023-10-16"}
                """);
            var body = JsonNode.Parse(handler.RequestBodies[0])!;
            Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        }

        [Fact]
        public async Task A_whole_answer_goes_to_rawPredict_and_the_api_key_serves_as_the_access_token()
        {
            var whole = """
                {"id":"msg_vrtx_1","type":"message","role":"assistant","model":"claude-3-7-sonnet-20250219","content":[{"type":"text","text":"Olá!"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":16,"output_tokens":5}}
                """;
            var handler = new ScriptedHandler().Then(System.Net.HttpStatusCode.OK, whole);
            var client = Vertex(handler, o => o.ApiKey = "static-access-token");

            var text = await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.User("Hi") }, new ChatRequestOptions { Stream = false }));

            Assert.Equal("Olá!", text);
            var request = Assert.Single(handler.Requests);
            Assert.EndsWith("/models/claude-3-7-sonnet@20250219:rawPredict", request.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
            Assert.Equal("Bearer static-access-token", request.Headers.Authorization!.ToString());
            var body = JsonNode.Parse(handler.RequestBodies[0])!.AsObject();
            Assert.False(body.ContainsKey("model"));
            Assert.False(body.ContainsKey("stream"));
            Assert.Equal("vertex-2023-10-16", (string)body["anthropic_version"]!);
        }

        [Fact]
        public async Task The_model_is_required_and_the_version_cannot_be_repeated_as_an_additional_property()
        {
            var noModel = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await DrainAsync(Vertex(new ScriptedHandler().Then(Done), o => o.Model = string.Empty).StreamTextAsync(new[] { ModelMessage.User("Hi") })));
            Assert.Contains("Vertex AI takes the model in the URL", noModel.Message, StringComparison.Ordinal);

            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await DrainAsync(Vertex(new ScriptedHandler().Then(Done)).StreamTextAsync(
                    new[] { ModelMessage.User("Hi") },
                    new ChatRequestOptions { AdditionalProperties = new System.Collections.Generic.Dictionary<string, string> { ["anthropic_version"] = "\"vertex-2023-10-16\"" } })));
        }

        [Fact]
        public async Task Outside_vertex_the_token_provider_adds_a_bearer_beside_the_api_key_and_the_model_stays_in_the_body()
        {
            var handler = new ScriptedHandler().Then(Done);
            var client = Over(handler, o => o.AccessTokenProvider = _ => new ValueTask<string?>("gateway-token"));

            await DrainAsync(client.StreamTextAsync(new[] { ModelMessage.User("Hi") }));

            var request = Assert.Single(handler.Requests);
            Assert.Equal("https://api.anthropic.com/v1/messages", request.RequestUri!.AbsoluteUri);
            Assert.Equal("Bearer gateway-token", request.Headers.Authorization!.ToString());
            Assert.Equal("sk-ant-test-not-a-real-key", request.Headers.GetValues("x-api-key").Single());
            Assert.Equal(AnthropicClientOptions.DefaultApiVersion, request.Headers.GetValues("anthropic-version").Single());
            var body = JsonNode.Parse(handler.RequestBodies[0])!.AsObject();
            Assert.Equal(Model, (string)body["model"]!);
            Assert.False(body.ContainsKey("anthropic_version"));
        }

        [Theory]
        [InlineData("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/", true)]
        [InlineData("https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/anthropic", true)]
        [InlineData("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/google/", false)]
        [InlineData("https://api.anthropic.com/v1/", false)]
        [InlineData("https://gateway.example.com/publishers/anthropic/", false)]
        public void Vertex_is_recognised_by_its_host_and_the_anthropic_publisher(string endpoint, bool vertex) =>
            Assert.Equal(vertex, new AnthropicClientOptions { Endpoint = new Uri(endpoint) }.IsVertexAI);
    }
}
