using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StructGen.Chat;

namespace StructGen.Tests.Transport
{
    /// <summary>Collects every log line (message and exception text) at every level.</summary>
    public sealed class CapturingLogger : ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> _entries = new ConcurrentQueue<(LogLevel, EventId, string)>();

        public IReadOnlyList<(LogLevel Level, EventId Id, string Text)> Entries => _entries.ToArray();

        public string AllText => string.Join("\n", _entries.Select(e => e.Level + " " + e.Id.Name + ": " + e.Text));

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                text += " {" + string.Join(", ", pairs.Select(p => p.Key + "=" + p.Value)) + "}";
            }

            if (exception is not null) text += "\n" + exception;
            _entries.Enqueue((logLevel, eventId, text));
        }
    }

    internal static class TransportTest
    {
        /// <summary>Short timeouts and retry delays so failure tests finish in milliseconds.</summary>
        public static ChatCompletionsClientOptions Options(Uri endpoint, ILogger? logger = null) => new ChatCompletionsClientOptions
        {
            Endpoint = endpoint,
            ApiKey = LoopbackServer.ApiKey,
            Model = "test-model",
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            IdleTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(30),
            Logger = logger,
        };

        public static ChatCompletionsClient Client(Uri endpoint, ILogger? logger = null, HttpClient? http = null, Action<ChatCompletionsClientOptions>? configure = null)
        {
            var options = Options(endpoint, logger);
            configure?.Invoke(options);
            return new ChatCompletionsClient(options, http);
        }

        public static readonly ModelMessage[] Messages = { ModelMessage.User("Say hello.") };

        public static async Task<List<ChatStreamUpdate>> ReadAllAsync(ChatStream stream, CancellationToken cancellationToken = default)
        {
            var updates = new List<ChatStreamUpdate>();
            await foreach (var update in stream.WithCancellation(cancellationToken)) updates.Add(update);
            return updates;
        }

        public static string Deltas(IEnumerable<ChatStreamUpdate> updates) =>
            string.Concat(updates.Where(u => u.Kind == ChatStreamUpdateKind.ContentDelta).Select(u => u.Text));

        /// <summary>Polls until <paramref name="condition"/> holds or the time is up.</summary>
        public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) return false;
                await Task.Delay(10);
            }

            return true;
        }
    }
}
