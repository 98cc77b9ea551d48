using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using BookWeb;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StructGen.AspNetCore.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StructGen.AspNetCore.Tests
{
    /// <summary>
    /// Loads the page of the sample app (samples/BookWeb, started here on 127.0.0.1) in a real headless
    /// Chromium: the page imports client/structgen.js, streams /book (the replayed cassette) and renders
    /// it with textContent.
    /// Chromium's --dump-dom prints the DOM once the page is idle (virtual time), which is read here.
    /// </summary>
    public class BrowserTests
    {
        private readonly ITestOutputHelper _output;

        public BrowserTests(ITestOutputHelper output) => _output = output;

        [ChromiumFact]
        public async Task The_BookWeb_sample_page_renders_the_streamed_Book_in_Chromium_and_saw_the_title_grow()
        {
            // The sample app itself (samples/BookWeb), offline whatever the environment holds, at a quick replay pace.
            var app = BookWebApp.Create(new[] { "--urls=http://127.0.0.1:0", "--Offline=true", "--ReplayDelayMs=5", "--Logging:LogLevel:Default=Warning" });
            await app.StartAsync();
            try
            {
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                var dom = await DumpDomAsync(address);

                var final = Regex.Match(dom, "<pre id=\"final\">(.*?)</pre>", RegexOptions.Singleline);
                Assert.True(final.Success && final.Groups[1].Value.Length > 0, "the page never showed the done value; its DOM was:\n" + dom);
                var book = JsonNode.Parse(WebUtility.HtmlDecode(final.Groups[1].Value))!;
                _output.WriteLine("done value on the page: " + book.ToJsonString());
                Assert.Equal("The Lord of the Rings", book["title"]!.GetValue<string>());
                Assert.Equal("J.R.R. Tolkien", book["author"]!["name"]!.GetValue<string>());
                Assert.Equal(1954, book["published_year"]!.GetValue<int>());

                // The title was seen growing by appends, one patch at a time (the page lists each title it showed).
                var history = Regex.Match(dom, "<ol id=\"history\">(.*?)</ol>", RegexOptions.Singleline);
                Assert.True(history.Success, "no title history on the page:\n" + dom);
                var titles = Regex.Matches(history.Groups[1].Value, "<li>(.*?)</li>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
                _output.WriteLine("titles seen: " + string.Join(" | ", titles));
                Assert.True(titles.Count >= 3, "the title was not seen growing: " + string.Join(" | ", titles));
                Assert.Equal("The Lord of the Rings", titles[^1]);
                for (int i = 1; i < titles.Count; i++) Assert.StartsWith(titles[i - 1], titles[i], StringComparison.Ordinal);

                // What the DOM shows, with each member's state.
                Assert.Contains("<h1 id=\"title\" data-state=\"Complete\">The Lord of the Rings</h1>", dom, StringComparison.Ordinal);
                Assert.Contains("<span id=\"author-name\" data-state=\"Complete\">J.R.R. Tolkien</span>", dom, StringComparison.Ordinal);
                Assert.Contains("<span id=\"author-nationality\" data-state=\"Complete\">British</span>", dom, StringComparison.Ordinal);
                Assert.Contains("<span id=\"published-year\" data-state=\"Complete\">1954</span>", dom, StringComparison.Ordinal);
                Assert.Contains("<li data-state=\"Complete\">fantasy</li><li data-state=\"Complete\">adventure</li>", dom, StringComparison.Ordinal);
                Assert.Contains("<span id=\"status\">done</span>", dom, StringComparison.Ordinal);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        private async Task<string> DumpDomAsync(Uri page)
        {
            var profile = Directory.CreateTempSubdirectory("structgen-chromium-");
            try
            {
                var start = new ProcessStartInfo(Chromium.Path)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                // Flags for a closed network and a root user; a fresh profile each run.
                foreach (var arg in new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile.FullName, "--virtual-time-budget=20000", "--dump-dom", page.ToString(),
                })
                {
                    start.ArgumentList.Add(arg);
                }

                using var chromium = Process.Start(start)!;
                var stdout = chromium.StandardOutput.ReadToEndAsync();
                var stderr = chromium.StandardError.ReadToEndAsync();
                var exited = chromium.WaitForExitAsync();
                if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(90))) != exited)
                {
                    chromium.Kill(entireProcessTree: true);
                    Assert.Fail("Chromium did not finish within 90 s; stderr:\n" + await stderr);
                }

                _output.WriteLine($"chromium exited {chromium.ExitCode}");
                Assert.True(chromium.ExitCode == 0, $"Chromium exited with {chromium.ExitCode}; stderr:\n{await stderr}");
                return await stdout;
            }
            finally
            {
                try
                {
                    profile.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // A crashed renderer may still hold a file; the folder is in the temp directory.
                }
            }
        }
    }
}
