using System;
using System.IO;
using System.Net.ServerSentEvents;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StructGen.AspNetCore.Tests.Support;
using Xunit;

namespace StructGen.AspNetCore.Tests
{
    public class ReconnectAndCancelTests
    {
        [Fact]
        public async Task A_reconnect_with_Last_Event_ID_gets_a_reset_event_and_does_not_call_the_model_again()
        {
            await using var app = await TestApp.StartAsync();
            using var http = new HttpClient { BaseAddress = app.Address };
            var capture = await SseCapture.GetAsync(http, "/book", lastEventId: "6f1c0b");

            var only = Assert.Single(capture.Events);
            Assert.Equal("reset", only.EventType);
            var data = JsonNode.Parse(only.Data)!;
            Assert.Equal("resume-unsupported", data["reason"]!.GetValue<string>());
            Assert.Equal("6f1c0b", data["lastEventId"]!.GetValue<string>());
            Assert.Contains("cannot be resumed", data["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, app.ModelCalls);
        }

        [Fact]
        public async Task A_client_disconnect_cancels_the_upstream_model_request()
        {
            await using var app = await TestApp.StartAsync();
            // The model sends the start of the title, then keeps the connection open (as a slow model does).
            var upstream = new HangingUpstream(Upstream.Body("{\"title\":\"The Lo", 4, finish: false));
            app.StubUpstream = upstream;

            using var http = new HttpClient { BaseAddress = app.Address };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var response = await http.GetAsync("/stub/book", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            // Read patches until the title shows "The Lo" (what the model sent), then hang up.
            var applier = new PatchApplier();
            await using (var events = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token))
            {
                while (applier.Value?["title"]?.GetValue<string>() != "The Lo")
                {
                    Assert.True(await events.MoveNextAsync(), "the server ended the stream early");
                    Assert.Equal("message", events.Current.EventType);
                    applier.Apply(events.Current.Data);
                }
            }

            Assert.False(upstream.Cancelled.Task.IsCompleted, "the upstream was cancelled before the client left");
            response.Dispose();

            var finished = await Task.WhenAny(upstream.Cancelled.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(finished == upstream.Cancelled.Task, "the model request was not cancelled within 10 s of the client disconnecting");
        }
    }
}
