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

        public int StreamingCalls { get; private set; }

        /// <summary>Every message list the client was sent, in order.</summary>
        public List<List<ChatMessage>> AllMessages { get; } = new List<List<ChatMessage>>();

        /// <summary>When set, answers the n-th call (0-based) with these deltas instead.</summary>
        public Func<int, IReadOnlyList<string>>? Script { get; set; }

        /// <summary>When set, the streamed answer is these contents (function calls…) instead of text deltas.</summary>
        public IReadOnlyList<AIContent>? StreamedContents { get; set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var deltas = Record(messages, options);
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(deltas)))
            {
                FinishReason = FinishReason,
                Usage = Usage,
                ModelId = "fake-model",
            };
            return Task.FromResult(response);
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var deltas = Record(messages, options);
            StreamingCalls++;
            yield return new ChatResponseUpdate(ChatRole.Assistant, string.Empty) { MessageId = "m1", ResponseId = "r1" };
            if (StreamedContents is not null) yield return new ChatResponseUpdate(ChatRole.Assistant, StreamedContents.ToList()) { MessageId = "m1", ResponseId = "r1" };
            foreach (var delta in StreamedContents is null ? deltas : Array.Empty<string>())
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

        private IReadOnlyList<string> Record(IEnumerable<ChatMessage> messages, ChatOptions? options)
        {
            int call = Calls++;
            LastMessages = messages.ToList();
            AllMessages.Add(LastMessages);
            LastOptions = options;
            return Script?.Invoke(call) ?? _deltas;
        }
    }
}
