using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using StructGen.Cassettes;
using StructGen.Sse;

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
        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        while (await reader.ReadNextAsync(cancellationToken))
        {
            if (reader.Data.Span.SequenceEqual("[DONE]"u8)) yield break;
            using var chunk = JsonDocument.Parse(reader.Data);
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
