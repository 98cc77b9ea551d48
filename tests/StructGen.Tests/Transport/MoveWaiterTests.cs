using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat;
using StructGen.Tests.Support;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>
    /// A plain enumeration of a chat stream whose moves wait (the chat enumerator's reused waiter): the moves keep what
    /// an async method gave them (the caller's async-locals where the wait goes on, cancellation by either token) and a
    /// move started while the last one waits is refused, not let loose on the source.
    /// </summary>
    public sealed class MoveWaiterTests
    {
        private static readonly AsyncLocal<string?> Marker = new AsyncLocal<string?>();

        private static readonly string[] Deltas = { "Hello", ", ", "world" };

        [Fact]
        public async Task A_move_started_while_the_last_one_waits_is_refused_and_the_waiting_one_goes_on()
        {
            var body = new GatedBody(Events());
            using var client = Client(body);
            await using var e = client.StreamAsync(new[] { ModelMessage.User("hi") }).GetAsyncEnumerator();

            var first = e.MoveNextAsync();
            Assert.False(first.IsCompleted);
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await e.MoveNextAsync());
            Assert.Contains("previous move was still pending", ex.Message, StringComparison.Ordinal);

            var text = new StringBuilder();
            var move = first;
            while (await Complete(move, body))
            {
                if (e.Current.Kind == ChatStreamUpdateKind.ContentDelta) text.Append(e.Current.Text);
                move = e.MoveNextAsync();
            }

            Assert.Equal(string.Concat(Deltas), text.ToString());
        }

        [Fact]
        public async Task What_runs_after_a_read_completes_elsewhere_sees_the_callers_async_locals()
        {
            var body = new GatedBody(Events());
            using var client = Client(body);
            Marker.Value = "consumer";
            await using var e = client.StreamAsync(new[] { ModelMessage.User("hi") }).GetAsyncEnumerator();

            int deltas = 0;
            while (true)
            {
                var move = e.MoveNextAsync();
                while (!move.IsCompleted)
                {
                    // Completed on a pool thread that does not carry the caller's context: the read after the wait, and
                    // the next event's decoding, run there, inline.
                    Task completion;
                    using (ExecutionContext.SuppressFlow()) completion = Task.Run(body.CompleteFromElsewhere);
                    await completion;
                }

                if (!await move) break;
                if (e.Current.Kind == ChatStreamUpdateKind.ContentDelta) deltas++;
            }

            Assert.Equal(Deltas.Length, deltas);
            Assert.True(body.ReadsFromElsewhere > 0, "some reads were started by a continuation on the pool thread");
            Assert.All(body.MarkersAtRead, marker => Assert.Equal("consumer", marker));
        }

        [Fact]
        public async Task The_enumerators_token_cancels_a_waiting_move_when_the_stream_has_its_own_too()
        {
            var body = new GatedBody(Events());
            using var client = Client(body);
            using var streamToken = new CancellationTokenSource();
            using var enumeratorToken = new CancellationTokenSource();
            var e = client.StreamAsync(new[] { ModelMessage.User("hi") }, cancellationToken: streamToken.Token).GetAsyncEnumerator(enumeratorToken.Token);

            // One event through the waiter (its updates handed out), then a move that waits on the next read.
            Assert.True(await Complete(e.MoveNextAsync(), body));
            var move = e.MoveNextAsync();
            while (move.IsCompleted)
            {
                Assert.True(await move);
                move = e.MoveNextAsync();
            }

            enumeratorToken.Cancel();
            body.FailPending(new OperationCanceledException(enumeratorToken.Token));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await move);
            await e.DisposeAsync();
            Assert.True(body.Disposed);
        }

        private static async ValueTask<bool> Complete(ValueTask<bool> move, GatedBody body)
        {
            while (!move.IsCompleted) body.CompletePending();
            return await move;
        }

        private static ChatCompletionsClient Client(GatedBody body) =>
            new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = new Uri("http://test.invalid/v1/"), ApiKey = "sk-test", Model = "m" }, new HttpClient(new StreamBodyHandler(body)));

        private static List<byte[]> Events()
        {
            const string Head = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[";
            var list = new List<byte[]>();
            foreach (var delta in Deltas) list.Add(Encoding.UTF8.GetBytes("data: " + Head + "{\"index\":0,\"delta\":{\"content\":\"" + delta + "\"},\"finish_reason\":null}]}\n\n"));
            list.Add(Encoding.UTF8.GetBytes("data: " + Head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
            return list;
        }

        /// <summary>
        /// Every read waits until the test completes it (a zero-byte read with 0, any other with the next event); the
        /// continuation runs inline on whichever thread completes it. Notes the caller's marker at every read.
        /// </summary>
        private sealed class GatedBody : GatedReadStream
        {
            [ThreadStatic]
            private static bool t_completing;

            public GatedBody(List<byte[]> events)
                : base(events)
            {
            }

            public List<string?> MarkersAtRead { get; } = new List<string?>();

            /// <summary>Reads started inline by the continuation of a read <see cref="CompleteFromElsewhere"/> completed.</summary>
            public int ReadsFromElsewhere { get; private set; }

            public void CompleteFromElsewhere()
            {
                t_completing = true;
                try
                {
                    CompletePending();
                }
                finally
                {
                    t_completing = false;
                }
            }

            protected override void OnReadStarted()
            {
                MarkersAtRead.Add(Marker.Value);
                if (t_completing) ReadsFromElsewhere++;
            }
        }
    }
}
