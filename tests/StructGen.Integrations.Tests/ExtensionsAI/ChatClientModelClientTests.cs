using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Chat;
using StructGen.Extensions.AI;
using StructGen.Integrations.Tests.Fixtures;
using StructGen.Tests.Shared;
using Xunit;

namespace StructGen.Integrations.Tests.ExtensionsAI
{
    /// <summary>An IChatClient read through the core: forced-tool mode, repair and message fidelity come from one place.</summary>
    public class ChatClientModelClientTests
    {
        [Fact]
        public async Task Forced_tool_mode_declares_the_tool_and_reads_the_value_from_the_function_call()
        {
            var arguments = new Dictionary<string, object?>();
            using (var book = JsonDocument.Parse(BookText.Json))
            {
                foreach (var property in book.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
            }

            var client = new FakeChatClient(new string[0], ChatFinishReason.ToolCalls)
            {
                StreamedContents = new AIContent[] { new FunctionCallContent("call_1", "Book", arguments) },
            };

            var stream = client.GenerateStreamAsync(
                HandBook.StructuredOutput,
                new[] { new ChatMessage(ChatRole.User, "A book.") },
                requestOptions: new ChatRequestOptions { StructuredOutputMode = StructuredOutputMode.ForcedToolCall });
            var result = await stream.GetResultAsync();

            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Equal("J.R.R. Tolkien", result.Value.Author.Name);
            Assert.Equal("call_1", result.State.ToolCalls.Single().Id);
            var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(client.LastOptions!.Tools!));
            Assert.Equal("Book", tool.Name);
            Assert.Equal(true, tool.AdditionalProperties[AdditionalPropertyKeys.StrictJsonSchema]);
            Assert.Equal("Book", Assert.IsType<RequiredChatToolMode>(client.LastOptions.ToolMode).RequiredFunctionName);
            Assert.Null(client.LastOptions.ResponseFormat);
        }

        [Fact]
        public async Task Repair_sends_the_error_back_and_the_callers_messages_unchanged()
        {
            var invalid = "{\"title\":\"X\",\"author\":{\"name\":\"Y\"},\"genres\":[],\"published_year\":\"1954\"}";
            var client = new FakeChatClient(new[] { BookText.Json }) { Script = call => call == 0 ? new[] { invalid } : new[] { BookText.Json } };
            var original = new ChatMessage(ChatRole.User, "A book.") { AuthorName = "reader" };

            var result = await client.GenerateAsync(HandBook.StructuredOutput, new[] { original }, requestOptions: new ChatRequestOptions { RepairAttempts = 1 });

            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(2, client.Calls);
            var second = client.AllMessages[1];
            Assert.Equal(3, second.Count);
            Assert.Same(original, second[0]);
            Assert.Equal(ChatRole.Assistant, second[1].Role);
            Assert.Equal(invalid, second[1].Text);
            Assert.Equal(ChatRole.User, second[2].Role);
            Assert.Contains("$.published_year", second[2].Text);
        }

        [Fact]
        public async Task A_stream_without_a_finish_reason_is_a_complete_answer()
        {
            var client = new NoFinishChatClient(BookText.Json);
            using var model = new ChatClientModelClient(client, new ChatOptions { MaxOutputTokens = 100 });

            var result = await model.StreamStructuredAsync(HandBook.StructuredOutput, new[] { ModelMessage.User("A book.") }, new ChatRequestOptions { Temperature = 0.5 }).GetResultAsync();

            Assert.Equal(1954, result.Value.PublishedYear);
            Assert.Same(FinishReason.Unspecified, result.FinishReason);
            Assert.Equal(100, client.Options!.MaxOutputTokens);
            Assert.Equal(0.5f, client.Options.Temperature);
            Assert.IsType<ChatResponseFormatJson>(client.Options.ResponseFormat);
        }

        [Fact]
        public async Task An_error_content_fails_the_stream_with_the_providers_message_and_the_last_partial()
        {
            var client = new FakeChatClient(new[] { "{\"title\":\"The Lo" })
            {
                Script = _ => new[] { "{\"title\":\"The Lo" },
                StreamedContents = new AIContent[] { new TextContent("{\"title\":\"The Lo"), new ErrorContent("overloaded") { ErrorCode = "529" } },
            };

            var ex = await Assert.ThrowsAsync<ChatStreamException>(() => client.GenerateStreamAsync(HandBook.StructuredOutput, "A book.").GetResultAsync());

            Assert.Equal(ChatStreamFailure.ProviderError, ex.Failure);
            Assert.Equal("529", ex.ErrorCode);
            Assert.Equal("overloaded", ex.ErrorMessage);
            Assert.Equal("{\"title\":\"The Lo", ex.PartialContent);
            Assert.Equal("The Lo", Assert.IsType<HandBookPartial>(ex.PartialValue).Title);
        }

        private sealed class NoFinishChatClient : IChatClient
        {
            private readonly string _text;

            public NoFinishChatClient(string text) => _text = text;

            public ChatOptions? Options { get; private set; }

            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
                throw new System.NotSupportedException();

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default)
            {
                Options = options;
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, _text);
            }

            public object? GetService(System.Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
    }
}
