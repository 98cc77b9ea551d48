using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using StructGen.Benchmarks.Infrastructure;
using StructGen.Benchmarks.Models;
using StructGen.Chat;

namespace StructGen.Benchmarks
{
    /// <summary>
    /// W6: managed memory held per open stream. N concurrent streams of the recorded Book answer against a
    /// loopback Kestrel server (a child process, <see cref="PausingSseServer"/>) that pauses after half the
    /// events; once every stream has received its first half and gone quiet, the probe measures
    /// <see cref="GC.GetTotalMemory(bool)"/> against the value before the streams were opened, divides by N,
    /// then releases the server and checks every result against the Book in the recording. StructGen's
    /// <c>GenerateBookStreamAsync</c> beside the OpenAI SDK's <c>CompleteChatStreamingAsync</c> (text
    /// accumulated per stream, deserialized at the end), each with its own fresh <see cref="HttpClient"/>.
    /// Not a BenchmarkDotNet class: it measures memory held, not time; run by <c>--w6</c> or a filter matching W6.
    /// </summary>
    public static class W6OpenStreams
    {
        public const string Switch = "--w6";

        /// <summary>After <see cref="Switch"/>: server and both clients speak HTTP/2 (h2c, prior knowledge) instead of HTTP/1.1.</summary>
        public const string Http2Switch = "--http2";

        /// <summary>Selected by a BenchmarkDotNet filter such as <c>*W6*</c>.</summary>
        public const string FilterName = "StructGen.Benchmarks.W6OpenStreams.OpenStreams";

        private static readonly ChatMessage[] SdkMessages = { new UserChatMessage("Generate information about 'The Lord of the Rings'.") };

        public static int Run(IReadOnlyList<int> counts, string resultsDirectory, bool http2 = false)
        {
            string cassette = Path.Combine(AppContext.BaseDirectory, "cassettes", "complex_object_streaming.yaml");
            string expected = ExpectedBookJson(cassette);
            string protocol = http2 ? "HTTP/2" : "HTTP/1.1";
            using var server = StartServer(cassette, http2, out int port);
            var rows = new List<string>();
            int round = 0;
            bool allCorrect = true;
            foreach (int n in counts)
            {
                // Warm-up round per client (JIT, statics, pools), then the measured ones. The warm-up opens as many
                // streams as the measured round (up to 1,000): with only a few, the first measured round was charged
                // for filling process-wide caches (over HTTP/2 the shared ArrayPool's 16 and 32 KiB arrays, ~3 KB per
                // stream at 1,000), and the second was not, so the result depended on which client ran first.
                foreach (var kind in new[] { "StructGen", "OpenAiSdk" })
                {
                    Measure(kind, Math.Min(n, 1_000), port, ++round, server, expected, http2, warmUp: true);
                }

                Outcome ours, sdk;
                if (Environment.GetEnvironmentVariable("STRUCTGEN_W6_SDK_FIRST") == "1") // to check the order does not matter
                {
                    sdk = Measure("OpenAiSdk", n, port, ++round, server, expected, http2);
                    ours = Measure("StructGen", n, port, ++round, server, expected, http2);
                }
                else
                {
                    ours = Measure("StructGen", n, port, ++round, server, expected, http2);
                    sdk = Measure("OpenAiSdk", n, port, ++round, server, expected, http2);
                }
                allCorrect &= ours.Correct == n && sdk.Correct == n;
                double ratio = ours.BytesPerStream / sdk.BytesPerStream;
                rows.Add(string.Format(CultureInfo.InvariantCulture,
                    "| {9} | {0:N0} | {1:N0} | {2:N0} | {3:0.00}x {4} | {5:N0}/{0:N0} | {6:N0}/{0:N0} | {7:0.0} s / {8:0.0} s |",
                    n, ours.BytesPerStream, sdk.BytesPerStream, ratio, n >= 10_000 ? (ratio <= 0.75 ? "(met)" : "(**missed**)") : "", ours.Correct, sdk.Correct, ours.OpenSeconds, sdk.OpenSeconds, protocol));
                Console.WriteLine("// W6 " + rows[^1]);
            }

            server.StandardInput.Close();
            server.WaitForExit(10_000);
            var report = new StringBuilder()
                .AppendLine("# W6: managed bytes per open stream (paused mid-answer)")
                .AppendLine()
                .AppendLine("| Protocol | Streams | StructGen B/stream | OpenAI SDK B/stream | StructGen ÷ SDK (≤ 0.75 at 10,000) | StructGen correct | SDK correct | Time to open all (ours / SDK) |")
                .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var row in rows) report.AppendLine(row);
            Directory.CreateDirectory(resultsDirectory);
            string file = Path.Combine(resultsDirectory, http2 ? "StructGen.Benchmarks-W6-open-streams-http2.md" : "StructGen.Benchmarks-W6-open-streams.md");
            File.WriteAllText(file, report.ToString());
            Console.WriteLine(report.ToString());
            Console.WriteLine("// W6 report: " + file);
            return allCorrect ? 0 : 1;
        }

        /// <summary>
        /// Sends every request of the SDK as HTTP/2 with prior knowledge, whatever version it sets on its own
        /// messages, so it does not fall back to HTTP/1.1.
        /// </summary>
        private sealed class Http2Only : DelegatingHandler
        {
            public Http2Only(HttpMessageHandler inner) : base(inner) { }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.Version = System.Net.HttpVersion.Version20;
                request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
                return base.SendAsync(request, cancellationToken);
            }
        }

        private sealed record Outcome(double BytesPerStream, int Correct, double OpenSeconds);

        private static Outcome Measure(string kind, int n, int port, int round, Process server, string expected, bool http2, bool warmUp = false)
        {
            var endpoint = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/r" + round.ToString(CultureInfo.InvariantCulture) + "/");
            // HTTP/2: more than one connection once the server's stream limit (100) is reached, as a busy client would.
            var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10), EnableMultipleHttp2Connections = true };
            // StructGen's requests take the version the HttpClient is configured for (as a user would ask for HTTP/2); the
            // SDK builds its own messages, so a handler sets it on them.
            var http = new HttpClient(http2 && kind != "StructGen" ? new Http2Only(handler) : handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            if (http2 && kind == "StructGen")
            {
                http.DefaultRequestVersion = System.Net.HttpVersion.Version20;
                http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }

            var reached = new CountdownEvent(n);
            long progress = 0;
            using var gate = new SemaphoreSlim(256); // streams still opening at once: a bounded connect backlog
            Func<Task<string?>> one;
            ChatCompletionsClient? ours = null;
            if (kind == "StructGen")
            {
                ours = new ChatCompletionsClient(new ChatCompletionsClientOptions { Endpoint = endpoint, ApiKey = "sk-bench", Model = "o4-mini" }, http);
                one = () => RunOurs(ours, gate, reached, () => Interlocked.Increment(ref progress));
            }
            else
            {
                var sdk = new ChatClient("o4-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
                {
                    Endpoint = endpoint,
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(0),
                    NetworkTimeout = TimeSpan.FromMinutes(10),
                });
                one = () => RunSdk(sdk, gate, reached, () => Interlocked.Increment(ref progress));
            }

            long before = Settle();
            var clock = Stopwatch.StartNew();
            var streams = new Task<string?>[n];
            for (int i = 0; i < n; i++) streams[i] = Task.Run(one);
            if (!reached.Wait(TimeSpan.FromMinutes(4))) throw new TimeoutException(kind + ": only " + (n - reached.CurrentCount) + " of " + n + " streams reached the pause.");
            double openSeconds = clock.Elapsed.TotalSeconds;

            // Every stream has its first partial; wait until none makes progress (all are parked on the socket).
            long last;
            do
            {
                last = Interlocked.Read(ref progress);
                Thread.Sleep(500);
            }
            while (Interlocked.Read(ref progress) != last);

            long during = Settle();
            if (!warmUp && int.TryParse(Environment.GetEnvironmentVariable("STRUCTGEN_W6_HOLD_SECONDS"), out int hold))
            {
                // Time to take a heap snapshot (dotnet-gcdump collect -p PID) of the paused streams.
                Console.WriteLine("// W6 " + kind + " paused: pid " + Environment.ProcessId + ", holding " + hold + " s");
                Thread.Sleep(TimeSpan.FromSeconds(hold));
            }

            GC.KeepAlive(streams);
            server.StandardInput.WriteLine("release " + round.ToString(CultureInfo.InvariantCulture));
            server.StandardInput.Flush();
            var results = Task.WhenAll(streams).GetAwaiter().GetResult();
            int correct = results.Count(r => r == expected);
            if (correct != n)
            {
                string? wrong = results.FirstOrDefault(r => r != expected);
                Console.WriteLine("// W6 " + kind + ": " + (n - correct) + " of " + n + " results wrong; first: " + (wrong ?? "(null)"));
            }

            ours?.Dispose();
            http.Dispose();
            reached.Dispose();
            return new Outcome((during - before) / (double)n, correct, openSeconds);
        }

        private static async Task<string?> RunOurs(ChatCompletionsClient client, SemaphoreSlim gate, CountdownEvent reached, Action progress)
        {
            bool first = true;
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var stream = client.GenerateBookStreamAsync("Generate information about 'The Lord of the Rings'.");
                await foreach (var partial in stream.ConfigureAwait(false))
                {
                    progress();
                    if (first)
                    {
                        first = false;
                        gate.Release();
                        reached.Signal();
                    }
                }

                return JsonSerializer.Serialize(stream.Result.Value, PeerJsonContext.Default.Book);
            }
            catch (Exception ex)
            {
                return "error: " + ex.GetType().Name + ": " + ex.Message;
            }
            finally
            {
                if (first)
                {
                    gate.Release();
                    reached.Signal();
                }
            }
        }

        private static async Task<string?> RunSdk(ChatClient client, SemaphoreSlim gate, CountdownEvent reached, Action progress)
        {
            bool first = true;
            var text = new StringBuilder();
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await foreach (var update in client.CompleteChatStreamingAsync(SdkMessages).ConfigureAwait(false))
                {
                    progress();
                    foreach (var part in update.ContentUpdate) text.Append(part.Text);
                    if (first && text.Length > 0)
                    {
                        first = false;
                        gate.Release();
                        reached.Signal();
                    }
                }

                var book = JsonSerializer.Deserialize(text.ToString(), PeerJsonContext.Default.Book);
                return JsonSerializer.Serialize(book, PeerJsonContext.Default.Book);
            }
            catch (Exception ex)
            {
                return "error: " + ex.GetType().Name + ": " + ex.Message;
            }
            finally
            {
                if (first)
                {
                    gate.Release();
                    reached.Signal();
                }
            }
        }

        /// <summary>The Book the recording carries: its content deltas joined and parsed by System.Text.Json.</summary>
        private static string ExpectedBookJson(string cassette)
        {
            var text = new StringBuilder();
            foreach (var line in Encoding.UTF8.GetString(CassetteBody.Read(cassette)).Split('\n'))
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
                using var doc = JsonDocument.Parse(line.Substring(6));
                var choices = doc.RootElement.GetProperty("choices");
                if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text.Append(content.GetString());
                }
            }

            var book = JsonSerializer.Deserialize(text.ToString(), PeerJsonContext.Default.Book) ?? throw new InvalidDataException("No Book in " + cassette);
            return JsonSerializer.Serialize(book, PeerJsonContext.Default.Book);
        }

        private static long Settle()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            return GC.GetTotalMemory(forceFullCollection: true);
        }

        private static Process StartServer(string cassette, bool http2, out int port)
        {
            string self = Environment.ProcessPath!;
            var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(W6OpenStreams).Assembly.Location);
            info.ArgumentList.Add(PausingSseServer.ChildSwitch);
            info.ArgumentList.Add(cassette);
            if (http2) info.ArgumentList.Add(Http2Switch);
            var process = Process.Start(info)!;
            string? line = process.StandardOutput.ReadLine();
            if (line is null || !line.StartsWith("port ", StringComparison.Ordinal)) throw new InvalidOperationException("The W6 server did not start: " + line);
            port = int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture);
            return process;
        }
    }
}
