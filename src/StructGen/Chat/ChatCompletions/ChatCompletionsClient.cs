using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using StructGen.Chat.Transport;

namespace StructGen.Chat
{
    /// <summary>
    /// A client for OpenAI-compatible chat-completions endpoints (OpenAI, Azure OpenAI's v1 API,
    /// OpenRouter, Groq, xAI, vLLM, llama.cpp, Ollama…): <c>POST {Endpoint}/chat/completions</c>.
    /// </summary>
    public sealed class ChatCompletionsClient : ModelClient
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ChatTransport _transport;

        /// <summary>Creates a client.</summary>
        /// <param name="options">Endpoint, key, model and defaults.</param>
        /// <param name="httpClient">The HTTP client to use (not disposed by this client); a new one when <see langword="null"/>.</param>
        public ChatCompletionsClient(ChatCompletionsClientOptions options, HttpClient? httpClient = null)
            : base(options)
        {
            Options = options;
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            _transport = new ChatTransport(_http, options, ChatTransport.AppendPath(options.Endpoint, "chat/completions"), ChatTransport.BearerAuth(options, () => options.ApiKeyHeader));
        }

        /// <summary>The client's settings.</summary>
        public new ChatCompletionsClientOptions Options { get; }

        /// <inheritdoc />
        protected override ReasoningReplay DefaultReasoningReplay => Options.ReasoningReplay;

        /// <inheritdoc />
        protected override IAsyncEnumerable<ChatStreamUpdate> StreamCoreAsync(ModelRequest request, ChatStreamState state, CancellationToken cancellationToken)
        {
            var body = ChatRequestWriter.Write(request.Messages, request.Options, request.Stream);
            return new HttpEventSource(_transport, body, state, new ChunkDecoder(state, Options)).ReadAsync(cancellationToken);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHttp) _http.Dispose();
        }
    }
}
