using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.EndToEnd
{
    /// <summary>What a request can carry beyond the typed options: provider members, raw messages, JSON mode.</summary>
    public class RequestExtensionTests
    {
        private const string Document = "{\"author\":{\"name\":\"J.R.R. Tolkien\",\"nationality\":\"British\"},\"genres\":[\"fantasy\",\"adventure\"],\"published_year\":1954,\"title\":\"The Lord of the Rings\"}";

        private static readonly string Hello = StubSseHandler.Events(new[]
        {
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Olá\"}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        });

        [Fact]
        public async Task Additional_properties_are_written_verbatim_and_defaults_fill_in_names_the_request_lacks()
        {
            var handler = new StubSseHandler(Hello);
            var options = new ChatCompletionsClientOptions { Model = "openai/o4-mini" };
            options.Defaults.AdditionalProperties = new Dictionary<string, string>
            {
                ["provider"] = "{\"order\":[\"openai\"],\"allow_fallbacks\":false}",
                ["user"] = "\"default-user\"",
            };
            using var client = new ChatCompletionsClient(options, new HttpClient(handler));
            var request = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { ["user"] = "\"u-42\"", ["stop"] = "[\"\\n\\n\"]" } };

            await client.StreamTextAsync(new[] { ModelMessage.User("hi") }, request).ToListAsync();

            using var body = JsonDocument.Parse(handler.RequestBodies.Single());
            var root = body.RootElement;
            Assert.Equal("openai", root.GetProperty("provider").GetProperty("order")[0].GetString());
            Assert.False(root.GetProperty("provider").GetProperty("allow_fallbacks").GetBoolean());
            Assert.Equal("u-42", root.GetProperty("user").GetString());
            Assert.Equal("\n\n", root.GetProperty("stop")[0].GetString());
            Assert.Equal(2, request.AdditionalProperties.Count); // the caller's dictionary is not changed by the merge
        }

        [Fact]
        public async Task An_additional_property_may_set_a_member_the_typed_options_leave_out()
        {
            var handler = new StubSseHandler(Hello);
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m", Defaults = new ChatRequestOptions() }, new HttpClient(handler));
            var request = new ChatRequestOptions
            {
                AdditionalProperties = new Dictionary<string, string> { ["stream_options"] = "{\"include_usage\":true,\"continuous_usage_stats\":true}" },
            };

            await client.StreamTextAsync(new[] { ModelMessage.User("hi") }, request).ToListAsync();

            using var body = JsonDocument.Parse(handler.RequestBodies.Single());
            Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("continuous_usage_stats").GetBoolean());
        }

        [Theory]
        [InlineData("model", "\"other\"", "set it through its typed option")]
        [InlineData("stream", "false", "which this request already has")]
        [InlineData("stop", "\\n", "is not one valid JSON value")]
        [InlineData("messages", "[]", "'messages'")]
        public async Task A_bad_additional_property_is_rejected_with_its_name_before_anything_is_sent(string name, string value, string expected)
        {
            var handler = new StubSseHandler(Hello);
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(handler));
            var request = new ChatRequestOptions { AdditionalProperties = new Dictionary<string, string> { [name] = value } };

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.StreamTextAsync(new[] { ModelMessage.User("hi") }, request).ToListAsync().AsTask());

            Assert.Contains(expected, ex.Message);
            Assert.Empty(handler.RequestBodies);
        }

        [Fact]
        public async Task A_raw_message_is_sent_verbatim_and_reads_its_role_content_and_tool_calls()
        {
            var handler = new StubSseHandler(Hello);
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(handler));
            const string Image = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}],\"name\":\"ana\"}";
            const string Call = "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"look it up\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"location\\\":\\\"Rome\\\"}\"}}]}";

            var image = ModelMessage.FromJson(Image);
            var call = ModelMessage.FromJson(Call);
            await client.StreamTextAsync(new[] { image, call, ModelMessage.Tool("c1", "40 C") }).ToListAsync();

            Assert.Equal(MessageRole.User, image.Role);
            Assert.Null(image.Text);
            Assert.Equal("weather", Assert.Single(call.ToolCalls).Name);
            Assert.Equal("{\"location\":\"Rome\"}", call.ToolCalls[0].Arguments);
            using var body = JsonDocument.Parse(handler.RequestBodies.Single());
            var messages = body.RootElement.GetProperty("messages");
            Assert.Equal(JsonDocument.Parse(Image).RootElement.GetRawText(), messages[0].GetRawText());
            Assert.Equal("look it up", messages[1].GetProperty("reasoning_content").GetString());
            Assert.Equal("c1", messages[2].GetProperty("tool_call_id").GetString());
        }

        [Theory]
        [InlineData("[1]", "must be a JSON object")]
        [InlineData("{\"content\":\"x\"}", "string \"role\"")]
        [InlineData("{\"role\":", "not valid JSON")]
        [InlineData("{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{}}]}", "tool call needs")]
        public void A_malformed_raw_message_says_what_is_wrong(string json, string expected)
        {
            var ex = Assert.Throws<ArgumentException>(() => ModelMessage.FromJson(json));
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public async Task Json_mode_sends_json_object_with_the_schema_in_a_first_system_message_and_still_validates()
        {
            var chunks = Splits.Random(Document, seed: 11, maxPiece: 6)
                .Select(p => "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(p) + "}}]}")
                .Append("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            var handler = new StubSseHandler(StubSseHandler.Events(chunks));
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "deepseek-chat" }, new HttpClient(handler));

            var result = await client.GenerateBookAsync("a book", new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.JsonObject });

            Assert.Equal(1954, result.Value.PublishedYear);
            using var body = JsonDocument.Parse(handler.RequestBodies.Single());
            var root = body.RootElement;
            Assert.Equal("{\"type\":\"json_object\"}", root.GetProperty("response_format").GetRawText());
            var first = root.GetProperty("messages")[0];
            Assert.Equal("system", first.GetProperty("role").GetString());
            Assert.Contains("JSON", first.GetProperty("content").GetString());
            Assert.EndsWith(Book.JsonSchema, first.GetProperty("content").GetString());
            Assert.False(root.TryGetProperty("tools", out _));
        }
    
        [Fact]
        public async Task An_empty_model_sends_no_model_member_and_a_missing_one_is_a_clear_error()
        {
            var handler = new StubSseHandler(Hello);
            using var deployment = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = string.Empty }, new HttpClient(handler));
            await deployment.StreamTextAsync(new[] { ModelMessage.User("hi") }).ToListAsync();
            using (var body = JsonDocument.Parse(handler.RequestBodies.Single()))
            {
                Assert.False(body.RootElement.TryGetProperty("model", out _));
            }

            using var unset = new ChatCompletionsClient(new ChatCompletionsClientOptions(), new HttpClient(handler));
            var ex = Assert.Throws<InvalidOperationException>(() => unset.StreamAsync(new[] { ModelMessage.User("hi") }));
            Assert.Contains("ChatCompletionsClientOptions.Model", ex.Message);
        }

        [Fact]
        public async Task Stream_false_sends_a_non_streamed_request_from_the_streaming_api_and_reads_the_json_answer()
        {
            var handler = new CapturingHandler("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Olá!\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}", "application/json");
            using var client = new ChatCompletionsClient(new ChatCompletionsClientOptions { Model = "m" }, new HttpClient(handler));

            var stream = client.StreamAsync(new[] { ModelMessage.User("hi") }, new ChatRequestOptions { Stream = false });
            var texts = new List<string>();
            await foreach (var update in stream) if (update.Kind == ChatStreamUpdateKind.ContentDelta) texts.Add(update.Text!);

            Assert.Equal(new[] { "Olá!" }, texts);
            Assert.Equal(5, stream.State.Usage!.TotalTokens);
            using var body = JsonDocument.Parse(handler.Body!);
            Assert.False(body.RootElement.TryGetProperty("stream", out _));
            Assert.False(body.RootElement.TryGetProperty("stream_options", out _)); // IncludeUsage is a streaming option
        }

        [Theory]
        [InlineData("https://contoso.openai.azure.com/openai/deployments/gpt-4o/?api-version=2024-10-21", "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21")]
        [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1/chat/completions")]
        [InlineData("https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1/chat/completions")]
        public async Task The_endpoint_keeps_its_query_after_the_chat_completions_path_and_the_key_can_use_another_header(string endpoint, string expected)
        {
            var handler = new CapturingHandler(Hello);
            var options = new ChatCompletionsClientOptions { Endpoint = new Uri(endpoint), Model = "m", ApiKey = "sk-secret", ApiKeyHeader = "api-key" };
            using var client = new ChatCompletionsClient(options, new HttpClient(handler));

            await client.StreamTextAsync(new[] { ModelMessage.User("hi") }).ToListAsync();

            Assert.Equal(expected, handler.Uri!.AbsoluteUri);
            Assert.Equal("sk-secret", Assert.Single(handler.Headers!.GetValues("api-key")));
            Assert.Null(handler.Headers!.Authorization);
        }

        private sealed class CapturingHandler : HttpMessageHandler
        {
            private readonly string _body;
            private readonly string _mediaType;

            public CapturingHandler(string body, string mediaType = "text/event-stream")
            {
                _body = body;
                _mediaType = mediaType;
            }

            public string? Body { get; private set; }

            public Uri? Uri { get; private set; }

            public System.Net.Http.Headers.HttpRequestHeaders? Headers { get; private set; }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                Uri = request.RequestUri;
                Headers = request.Headers;
                Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
                {
                    Content = new StringContent(_body, System.Text.Encoding.UTF8, _mediaType),
                };
            }
        }
    }
}
