using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BookWeb;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StructGen.AspNetCore.Tests.Support;
using StructGen.Streaming;
using Xunit;

namespace StructGen.AspNetCore.Tests
{
    /// <summary>
    /// The sample web app (samples/BookWeb) without a browser: it serves its page, the shipped client
    /// and, offline, a complete patch stream of the recorded Book (the browser test renders it).
    /// </summary>
    public class BookWebSampleTests
    {
        [Fact]
        public async Task The_sample_serves_its_page_the_shipped_client_and_a_complete_patch_stream_of_the_recorded_Book()
        {
            var app = BookWebApp.Create(new[] { "--urls=http://127.0.0.1:0", "--Offline=true", "--ReplayDelayMs=0", "--Logging:LogLevel:Default=Warning" });
            await app.StartAsync();
            try
            {
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                using var http = new HttpClient { BaseAddress = address };

                using var page = await http.GetAsync("/");
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                var html = await page.Content.ReadAsStringAsync();
                Assert.Contains("import { streamObject } from \"./structgen.js\";", html, StringComparison.Ordinal);
                // Model text reaches the DOM through textContent only.
                Assert.DoesNotContain("innerHTML", html, StringComparison.Ordinal);
                Assert.DoesNotContain("eval(", html, StringComparison.Ordinal);

                using var client = await http.GetAsync("/structgen.js");
                Assert.Equal("text/javascript", client.Content.Headers.ContentType?.MediaType);
                Assert.Contains("export class PartialDocument", await client.Content.ReadAsStringAsync(), StringComparison.Ordinal);

                // Twice: each request replays the recording from its start.
                for (int request = 0; request < 2; request++)
                {
                    var capture = await SseCapture.GetAsync(http, "/book");
                    Assert.Equal("text/event-stream", capture.ContentType);
                    Assert.Equal("done", capture.Events[^1].EventType);
                    var applier = new PatchApplier();
                    foreach (var patch in capture.Events.Take(capture.Events.Count - 1))
                    {
                        Assert.Equal("message", patch.EventType);
                        applier.Apply(patch.Data);
                    }

                    Assert.All(applier.Leaves(), leaf => Assert.Equal(FieldState.Complete, leaf.Value.State));
                    var done = JsonNode.Parse(capture.Events[^1].Data)!["value"];
                    Assert.True(JsonNode.DeepEquals(done, applier.Value), $"done {done?.ToJsonString()} but patched {applier.Value?.ToJsonString()}");
                    Assert.Equal("The Lord of the Rings", done!["title"]!.GetValue<string>());
                    Assert.Equal(1954, done["published_year"]!.GetValue<int>());
                }
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }
}
