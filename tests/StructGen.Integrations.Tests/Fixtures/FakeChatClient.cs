using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace StructGen.Integrations.Tests.Fixtures
{
    /// <summary>An <see cref="IChatClient"/> that replays fixed text deltas and records what it was asked.</summary>
    public sealed class FakeChatClient : IChatClient
    {
        private readonly IReadOnlyList<string> _deltas;

        public FakeChatClient(IReadOnlyList<string> deltas, ChatFinishReason? finishReason = null)
        {
            _deltas = deltas;
            FinishReason = finishReason ?? ChatFinishReason.Stop;
        }

        public ChatFinishReason FinishReason { get; }

        public UsageDetails Usage { get; } = new UsageDetails { InputTokenCount = 156, OutputTokenCount = 189, TotalTokenCount = 345 };

        public ChatOptions? LastOptions { get; private set; }

        public List<ChatMessage>? LastMessages { get; private set; }

        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Record(messages, options);
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(_deltas)))
            {
                FinishReason = FinishReason,
                Usage = Usage,
                ModelId = "fake-model",
            };
            return Task.FromResult(response);
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Record(messages, options);
            yield return new ChatResponseUpdate(ChatRole.Assistant, string.Empty) { MessageId = "m1", ResponseId = "r1" };
            foreach (var delta in _deltas)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, delta) { MessageId = "m1", ResponseId = "r1" };
            }

            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = FinishReason, MessageId = "m1", ResponseId = "r1" };
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = { new UsageContent(Usage) }, MessageId = "m1", ResponseId = "r1" };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private void Record(IEnumerable<ChatMessage> messages, ChatOptions? options)
        {
            Calls++;
            LastMessages = messages.ToList();
            LastOptions = options;
        }
    }
}
