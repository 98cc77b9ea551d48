using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>Chat-completions stream bodies that deliver a document in fixed-size content deltas.</summary>
    public static class Upstream
    {
        public static string Body(string document, int deltaSize, bool finish = true)
        {
            var deltas = new List<string>();
            for (int i = 0; i < document.Length; i += deltaSize) deltas.Add(document.Substring(i, Math.Min(deltaSize, document.Length - i)));
            return Body(deltas, finish);
        }

        /// <summary>One content delta per piece, in order.</summary>
        public static string Body(IEnumerable<string> deltas, bool finish = true)
        {
            var sb = new StringBuilder();
            foreach (var delta in deltas)
            {
                sb.Append("data: ").Append(Chunk("{\"content\":" + JsonSerializer.Serialize(delta) + "}", null)).Append("\n\n");
            }

            if (finish) sb.Append("data: ").Append(Chunk("{}", "stop")).Append("\n\ndata: [DONE]\n\n");
            return sb.ToString();
        }

        private static string Chunk(string delta, string? finishReason) =>
            "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":" + delta +
            ",\"finish_reason\":" + (finishReason is null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    /// <summary>Answers with a fixed SSE body.</summary>
    public sealed class FixedUpstream : HttpMessageHandler
    {
        private readonly string _body;

        public FixedUpstream(string body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_body, Encoding.UTF8, "text/event-stream") });
    }

    /// <summary>Sends a first chunk, then holds the stream open until the request is cancelled, and records that it was.</summary>
    public sealed class HangingUpstream : HttpMessageHandler
    {
        private readonly byte[] _first;

        public HangingUpstream(string firstEvents) => _first = Encoding.UTF8.GetBytes(firstEvents);

        public TaskCompletionSource Cancelled { get; } = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => Cancelled.TrySetResult());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new HangingStream(_first, this)) });
        }

        private sealed class HangingStream : Stream
        {
            private readonly byte[] _first;
            private readonly HangingUpstream _owner;
            private int _position;

            public HangingStream(byte[] first, HangingUpstream owner)
            {
                _first = first;
                _owner = owner;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_position < _first.Length)
                {
                    int n = Math.Min(buffer.Length, _first.Length - _position);
                    _first.AsMemory(_position, n).CopyTo(buffer);
                    _position += n;
                    return n;
                }

                using var registration = cancellationToken.Register(() => _owner.Cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
