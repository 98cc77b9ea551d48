using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace StructGen.Tests.Transport
{
    // Runs alone (not beside other test classes): the load tests would otherwise skew timing- and
    // allocation-sensitive tests elsewhere, and the 100-200 ms timeouts here want a quiet machine.
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TransportCollection : ICollectionFixture<LoopbackServer>
    {
        public const string Name = "Transport loopback server";
    }

    /// <summary>
    /// A Kestrel server on 127.0.0.1 (dynamic port) playing misbehaving chat-completions providers.
    /// Requests go to <c>/{scenario}/{key}/v1/chat/completions</c>; <c>key</c> isolates the per-test
    /// attempt counters. Open TCP connections are counted by connection middleware.
    /// </summary>
    public sealed class LoopbackServer : IAsyncLifetime
    {
        public const string ApiKey = "sk-test-SECRET";

        private readonly ConcurrentDictionary<string, int> _attempts = new ConcurrentDictionary<string, int>();
        private WebApplication? _app;
        private int _openConnections;
        private int _peakConnections;
        private int _abortedRequests;
        private int _activeRequests;

        public Uri BaseAddress { get; private set; } = new Uri("http://127.0.0.1/");

        /// <summary>TCP connections currently open, as seen by the server.</summary>
        public int OpenConnections => Volatile.Read(ref _openConnections);

        /// <summary>Requests being served right now.</summary>
        public int ActiveRequests => Volatile.Read(ref _activeRequests);

        /// <summary>Requests whose client went away before the response completed.</summary>
        public int AbortedRequests => Volatile.Read(ref _abortedRequests);

        public int PeakConnections => Volatile.Read(ref _peakConnections);

        public void ResetPeak() => Volatile.Write(ref _peakConnections, OpenConnections);

        public int AttemptsFor(string scenario, string key) => _attempts.TryGetValue(scenario + "/" + key, out var n) ? n : 0;

        /// <summary>An endpoint for <paramref name="scenario"/> with a fresh counter key.</summary>
        public Uri Endpoint(string scenario, out string key)
        {
            key = Guid.NewGuid().ToString("N");
            return new Uri(BaseAddress, scenario + "/" + key + "/v1/");
        }

        public Uri Endpoint(string scenario) => Endpoint(scenario, out _);

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
                {
                    int open = Interlocked.Increment(ref _openConnections);
                    int peak;
                    while (open > (peak = Volatile.Read(ref _peakConnections)) && Interlocked.CompareExchange(ref _peakConnections, open, peak) != peak)
                    {
                    }

                    try
                    {
                        await next(connection);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _openConnections);
                    }
                }));
            });
            _app = builder.Build();
            _app.Run(HandleAsync);
            await _app.StartAsync();
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.TrimEnd('/') + "/");
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }

        private async Task HandleAsync(HttpContext context)
        {
            Interlocked.Increment(ref _activeRequests);
            try
            {
                var segments = context.Request.Path.Value!.Trim('/').Split('/');
                if (segments.Length != 5 || segments[2] != "v1" || segments[3] != "chat" || segments[4] != "completions" || context.Request.Method != "POST")
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                string scenario = segments[0];
                int attempt = _attempts.AddOrUpdate(scenario + "/" + segments[1], 1, (_, n) => n + 1);
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                await Scenarios.RunAsync(scenario, attempt, context, body.RootElement);
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // Writing to a connection the client closed.
            }
            finally
            {
                // Counted here rather than in a RequestAborted callback, which the handler's own cancelled awaits
                // can pre-empt (they resume inline and would dispose the registration before it runs).
                if (context.RequestAborted.IsCancellationRequested) Interlocked.Increment(ref _abortedRequests);
                Interlocked.Decrement(ref _activeRequests);
            }
        }
    }

    /// <summary>The providers' behaviours, one per scenario name.</summary>
    internal static class Scenarios
    {
        public const string RequestId = "req_loopback_1";

        public static async Task RunAsync(string scenario, int attempt, HttpContext context, JsonElement request)
        {
            var response = context.Response;
            response.Headers["x-request-id"] = RequestId;
            var aborted = context.RequestAborted;
            string[] parts = scenario.Split('-');

            switch (parts[0])
            {
                case "normal":
                    await Sse(context, NormalEvents());
                    return;

                case "drip":
                    StartSse(response);
                    foreach (byte b in Encoding.UTF8.GetBytes(Join(NormalEvents(), "\n")))
                    {
                        await response.Body.WriteAsync(new[] { b }, aborted);
                        await response.Body.FlushAsync(aborted);
                    }

                    return;

                case "crlf":
                    await Raw(context, Join(NormalEvents(), "\r\n"));
                    return;

                case "keepalive":
                    StartSse(response);
                    await Write(context, ": keep-alive\n\n:\n\n");
                    await Write(context, "data:" + Role() + "\n\n");
                    await Write(context, ": OPENROUTER PROCESSING\n\n");
                    await Write(context, "data:" + Content("Hel") + "\n\n");
                    await Write(context, ": ping\n\n");
                    await Write(context, "data: " + Content("lo") + "\n\n");
                    await Write(context, "data:  " + Content(" world") + "\r\n\r\n");
                    await Write(context, "data:" + Finish("stop") + "\n\n: bye\n\ndata:[DONE]\n\n");
                    return;

                case "variety":
                    // Ids only in the first chunk, content null, reasoning_content and reasoning, usage inside the last choice.
                    await Sse(context, new[]
                    {
                        "{\"id\":\"chatcmpl-v\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m-1\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"think \"},\"logprobs\":null,\"finish_reason\":null}]}",
                        "{\"choices\":[{\"delta\":{\"content\":null,\"reasoning\":\"more\"}}],\"x_groq\":{\"id\":\"g\"}}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\",\"tool_calls\":null,\"refusal\":null}}],\"obfuscation\":\"abc\"}",
                        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":null}}]}",
                    });
                    return;

                case "toolswhole":
                    await Sse(context, new[]
                    {
                        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                        Usage(),
                    });
                    return;

                case "toolsparallel":
                    await Sse(context, new[]
                    {
                        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"{\\\"y\\\"\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\":2}\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                    });
                    return;

                case "toolsnoindex":
                    // Each call whole in its own chunk, no index, arguments as an object in the second.
                    await Sse(context, new[]
                    {
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":{\"y\":2}}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                    });
                    return;

                case "nodone":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hello") + "\n\ndata: " + Finish("stop") + "\n\n");
                    return;

                case "jsonbody":
                    response.ContentType = "application/json";
                    await response.WriteAsync(
                        "{\"id\":\"chatcmpl-j\",\"object\":\"chat.completion\",\"model\":\"m\",\n\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Whole answer\"},\"finish_reason\":\"stop\"}],\n\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}",
                        aborted);
                    return;

                case "jsonsse":
                    // An event stream mislabelled as JSON by a proxy.
                    response.ContentType = "application/json";
                    foreach (var e in NormalEvents()) await Write(context, "data: " + e + "\n\n");
                    return;

                case "book":
                {
                    // parts[1]: how the book ends: "stop", "length", "content_filter", "drop" or "refusal".
                    string ending = parts.Length > 1 ? parts[1] : "stop";
                    StartSse(response);
                    await Write(context, "data: " + Role() + "\n\n");
                    if (ending == "refusal")
                    {
                        await Write(context, "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't \"}}]}\n\n");
                        await Write(context, "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"help with that.\"}}]}\n\n");
                        await Write(context, "data: " + Finish("stop") + "\n\ndata: [DONE]\n\n");
                        return;
                    }

                    string book = "{\"title\":\"Dune\",\"author\":{\"name\":\"Frank Herbert\",\"nationality\":\"American\"},\"genres\":[\"sf\",\"epic\"],\"published_year\":1965}";
                    int cut = ending == "stop" ? book.Length : book.IndexOf("\"genres\"", StringComparison.Ordinal);
                    for (int i = 0; i < cut; i += 7)
                    {
                        await Write(context, "data: " + Content(book.Substring(i, Math.Min(7, cut - i))) + "\n\n");
                    }

                    if (ending == "drop")
                    {
                        // Let Kestrel put the flushed chunks on the wire first: an abort drops what is still queued.
                        await Task.Delay(50, aborted);
                        context.Abort();
                        return;
                    }

                    await Write(context, "data: " + Finish(ending) + "\n\ndata: " + Usage() + "\n\ndata: [DONE]\n\n");
                    return;
                }

                case "html":
                    response.ContentType = "text/html";
                    await response.WriteAsync("<html><body>Welcome to the captive portal</body></html>", aborted);
                    return;

                case "length":
                    await Sse(context, new[] { Role(), Content("Cut sh"), Finish("length"), Usage() });
                    return;

                case "drop":
                    // Abort the connection mid-stream, after "Hel".
                    StartSse(response);
                    await Write(context, "data: " + Role() + "\n\ndata: " + Content("Hel") + "\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo");
                    await Task.Delay(50, aborted);
                    context.Abort();
                    return;

                case "dropafterfinish":
                    StartSse(response);
                    await Write(context, "data: " + Content("Done") + "\n\ndata: " + Finish("stop") + "\n\n");
                    await Task.Delay(20, aborted);
                    context.Abort();
                    return;

                case "errorevent":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\n");
                    await Write(context, "data: {\"error\":{\"message\":\"The server is overloaded.\",\"type\":\"server_error\",\"code\":\"overloaded\",\"param\":null}}\n\n");
                    return;

                case "erroreventstring":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\ndata: {\"error\":\"model crashed\"}\n\n");
                    return;

                case "erroreventvllm":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\ndata: {\"object\":\"error\",\"message\":\"Input too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}\n\n");
                    return;

                case "erroreventnamed":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\nevent: error\ndata: upstream timed out\n\n");
                    return;

                case "echokey":
                    // A careless proxy echoing the credentials in every kind of failure.
                    string auth = context.Request.Headers.Authorization.ToString();
                    string kind = parts[1];
                    if (kind == "http")
                    {
                        await Error(context, 401, "{\"error\":{\"message\":\"Invalid key " + auth + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"param\":\"" + auth + "\"}}");
                    }
                    else if (kind == "html")
                    {
                        response.StatusCode = 403;
                        response.ContentType = "text/html";
                        await response.WriteAsync("<html>Forbidden for " + auth + "</html>", aborted);
                    }
                    else if (kind == "event")
                    {
                        StartSse(response);
                        await Write(context, "data: " + Content("Hel") + "\n\ndata: {\"error\":{\"message\":\"bad key " + auth + "\",\"type\":\"" + auth + "\",\"code\":\"" + auth + "\"}}\n\n");
                    }
                    else if (kind == "named")
                    {
                        StartSse(response);
                        await Write(context, "data: " + Content("Hel") + "\n\nevent: error\ndata: rejected " + auth + "\n\n");
                    }
                    else
                    {
                        StartSse(response);
                        await Write(context, "data: " + Content("Hel") + "\n\ndata: not json " + auth + "\n\n");
                    }

                    return;

                case "echoheader":
                {
                    // A proxy echoing the credentials in the request id header, on every kind of answer (parts[1]).
                    response.Headers["x-request-id"] = "req-for " + context.Request.Headers.Authorization.ToString();
                    if (parts[1] == "event")
                    {
                        StartSse(response);
                        await Write(context, "data: " + Content("Hel") + "\n\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n");
                        return;
                    }

                    int status = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    if (status == 429) response.Headers["retry-after-ms"] = "1";
                    await Error(context, status, ErrorBody(status));
                    return;
                }

                case "longline":
                {
                    // One content delta of parts[1] MiB on one SSE line; "esc" in parts[2] makes it a string with escapes.
                    // Written in 64 KB pieces, each flushed, and escaped by hand: the server shares the test's process, and
                    // neither Kestrel's block pool nor System.Text.Json's pooled writer may keep what it sent.
                    int mib = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    string unit = parts.Length > 2 && parts[2] == "esc" ? "line\\n\\\"q\\\"\\t" : "abcdefghijklmnop";
                    StartSse(response);
                    await Write(context, "data: " + Role() + "\n\n");
                    await Write(context, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
                    var piece = string.Concat(Enumerable.Repeat(unit, 64 * 1024 / unit.Length));
                    for (long sent = 0; sent < mib * 1024L * 1024; sent += piece.Length) await Write(context, piece);
                    await Write(context, "\"}}]}\n\ndata: " + Finish("stop") + "\n\ndata: [DONE]\n\n");
                    return;
                }

                case "nofinish":
                {
                    // Snowflake Cortex: no finish reason (parts[1] "none"), or an empty one ("empty"), then [DONE];
                    // "body": a whole JSON body with "finish_reason": ""; "eof": no finish reason and no [DONE].
                    string ending = parts[1];
                    if (ending == "body")
                    {
                        response.ContentType = "application/json";
                        await response.WriteAsync(
                            "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion\",\"model\":\"claude-3-5-sonnet\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Whole answer\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":\"\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}",
                            aborted);
                        return;
                    }

                    var events = new List<string>
                    {
                        "{\"id\":\"chatcmpl-s\",\"model\":\"claude-3-5-sonnet\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}",
                        "{\"id\":\"chatcmpl-s\",\"model\":\"claude-3-5-sonnet\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}" + (ending == "empty" ? ",\"finish_reason\":\"\"" : string.Empty) + "}]}",
                        "{\"id\":\"chatcmpl-s\",\"model\":\"claude-3-5-sonnet\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}}]}",
                        "{\"id\":\"chatcmpl-s\",\"model\":\"claude-3-5-sonnet\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}",
                    };
                    if (ending != "eof") events.Add("[DONE]");
                    await Sse(context, events);
                    return;
                }

                case "http":
                {
                    int status = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    if (status == 429) response.Headers["retry-after-ms"] = "5";
                    if (status == 503) response.Headers["Retry-After"] = "0";
                    await Error(context, status, ErrorBody(status));
                    return;
                }

                case "flaky":
                    // HTTP 503 (Retry-After: 0) on the first two attempts, then a normal stream.
                    if (attempt <= 2)
                    {
                        response.Headers["Retry-After"] = "0";
                        await Error(context, 503, ErrorBody(503));
                        return;
                    }

                    await Sse(context, NormalEvents());
                    return;

                case "ratelimited":
                    // 429 asking for parts[1] seconds.
                    response.Headers["Retry-After"] = parts[1];
                    await Error(context, 429, ErrorBody(429));
                    return;

                case "shouldnotretry":
                    response.Headers["x-should-retry"] = "false";
                    await Error(context, 500, ErrorBody(500));
                    return;

                case "notjsonerror":
                    response.StatusCode = 502;
                    response.ContentType = "text/html";
                    await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", aborted);
                    return;

                case "abortonce":
                    // The connection is reset before any response on the first attempt.
                    if (attempt == 1)
                    {
                        context.Abort();
                        return;
                    }

                    await Sse(context, NormalEvents());
                    return;

                case "garbage":
                    StartSse(response);
                    await Write(context, "this line is garbage\n\n");
                    await Write(context, "data: " + Role() + "\n\n");
                    await Write(context, "retry: 1000\nid: 7\nrandom_field: whatever\n: comment\n\n");
                    await Write(context, "event: ping\ndata: pong\n\n");
                    await Write(context, "data: " + Content("Hel") + "\n\n");
                    await Write(context, "\n\n\n");
                    await Write(context, "data:\n\n");
                    await Write(context, "data: " + Content("lo") + "\nfoo\n\n");
                    await Write(context, "data: " + Finish("stop") + "\n\ndata: [DONE]\n\n");
                    return;

                case "notjson":
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\ndata: this is not json\n\n");
                    return;

                case "big":
                {
                    string big = new string('x', 1024 * 1024 - 7) + "\u00e9\u4e16\ud83c\udf0d";
                    await Sse(context, new[] { Role(), Content("start "), Content(big), Finish("stop") });
                    return;
                }

                case "badutf8":
                {
                    StartSse(response);
                    var bytes = new List<byte>();
                    bytes.AddRange(Encoding.UTF8.GetBytes("data: " + Content("Hel") + "\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo"));
                    bytes.Add(0xFF);
                    bytes.AddRange(Encoding.UTF8.GetBytes("wor"));
                    bytes.Add(0xC3); // a lead byte without its continuation
                    bytes.AddRange(Encoding.UTF8.GetBytes("ld\"}}]}\n\ndata: " + Finish("stop") + "\n\ndata: [DONE]\n\n"));
                    await response.Body.WriteAsync(bytes.ToArray(), aborted);
                    return;
                }

                case "stall":
                    // One chunk, then silence until the client gives up.
                    StartSse(response);
                    await Write(context, "data: " + Content("Hel") + "\n\n");
                    await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                    return;

                case "stallheaders":
                    // No response headers at all until the client gives up.
                    await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                    return;

                case "slow":
                    // A chunk every 20 ms, for up to 10 s.
                    StartSse(response);
                    await Write(context, "data: " + Role() + "\n\n");
                    for (int i = 0; i < 500; i++)
                    {
                        await Write(context, "data: " + Content("t" + i.ToString(CultureInfo.InvariantCulture) + " ") + "\n\n");
                        await Task.Delay(20, aborted);
                    }

                    await Write(context, "data: " + Finish("stop") + "\n\n");
                    return;

                case "count":
                {
                    // parts[1] numbered deltas, "d0 d1 …", flushed one by one (pauses every 16 when parts[2] is "p").
                    int n = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    bool pause = parts.Length > 2 && parts[2] == "p";
                    StartSse(response);
                    await Write(context, "data: " + Role() + "\n\n");
                    for (int i = 0; i < n; i++)
                    {
                        await Write(context, "data: " + Content("d" + i.ToString(CultureInfo.InvariantCulture) + " ") + "\n\n");
                        if (pause && i % 16 == 15) await Task.Delay(1, aborted);
                    }

                    await Write(context, "data: " + Finish("stop") + "\n\ndata: " + Usage() + "\n\ndata: [DONE]\n\n");
                    return;
                }

                default:
                    await Error(context, 404, "{\"error\":{\"message\":\"Unknown scenario " + scenario + "\",\"type\":\"test\"}}");
                    return;
            }
        }

        public static IReadOnlyList<string> NormalEvents() => new[]
        {
            Role(),
            Content("Hel"),
            Content("lo"),
            Content(" world"),
            Finish("stop"),
            Usage(),
            "[DONE]",
        };

        public static string Role() =>
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}";

        public static string Content(string text) =>
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(text) + "},\"finish_reason\":null}]}";

        public static string Finish(string reason) =>
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";

        public static string Usage() =>
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"test-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}";

        public static string ErrorBody(int status) => status switch
        {
            400 => "{\"error\":{\"message\":\"Invalid schema for response_format 'Book'.\",\"type\":\"invalid_request_error\",\"param\":\"response_format\",\"code\":\"invalid_json_schema\"}}",
            401 => "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
            404 => "{\"error\":{\"message\":\"The model `nope` does not exist.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
            429 => "{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
            500 => "{\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
            503 => "{\"error\":{\"message\":\"The engine is currently overloaded.\",\"type\":\"server_error\",\"param\":null,\"code\":503}}",
            _ => "{\"error\":{\"message\":\"HTTP " + status.ToString(CultureInfo.InvariantCulture) + "\",\"type\":\"test\"}}",
        };

        private static string Join(IEnumerable<string> events, string newline) =>
            string.Concat(events.Select(e => "data: " + e + newline + newline));

        private static void StartSse(HttpResponse response)
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
        }

        private static async Task Sse(HttpContext context, IEnumerable<string> events)
        {
            StartSse(context.Response);
            foreach (var e in events) await Write(context, "data: " + e + "\n\n");
        }

        private static async Task Raw(HttpContext context, string text)
        {
            StartSse(context.Response);
            await Write(context, text);
        }

        private static async Task Write(HttpContext context, string text)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        private static async Task Error(HttpContext context, int status, string body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }
}
