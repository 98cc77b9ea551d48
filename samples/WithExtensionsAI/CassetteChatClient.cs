using System;
using System.Collections.Generic;
using System.IO;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Cassettes;

namespace WithExtensionsAI;

/// <summary>
/// A minimal <see cref="IChatClient"/> that streams the assistant text of a recorded session, so the
/// sample runs offline. In an app, use any real IChatClient (OpenAI, Azure, Ollama…) instead.
/// </summary>
internal sealed class CassetteChatClient(string cassettePath) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = CassetteLoader.Load(cassettePath).Interactions[0].Response.Body;
        var events = SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        await foreach (var item in events.EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]") yield break;
            using var chunk = JsonDocument.Parse(item.Data);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
                {
                    await Task.Delay(Console.IsOutputRedirected ? 0 : 60, cancellationToken);
                    yield return new ChatResponseUpdate(ChatRole.Assistant, text);
                }
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
