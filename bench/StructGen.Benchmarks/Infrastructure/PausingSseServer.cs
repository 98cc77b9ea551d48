using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StructGen.Benchmarks.Infrastructure
{
    /// <summary>
    /// W6's server, run in a child process so its own per-connection memory is not counted with the clients':
    /// a Kestrel server on 127.0.0.1 (HTTP/1.1, or HTTP/2 without TLS when asked) that answers <c>POST /r{round}/chat/completions</c> with the recorded Book
    /// stream, sends the first half of its events, then waits until the parent writes <c>release {round}</c> on
    /// standard input before sending the rest. It prints <c>port {n}</c> once listening.
    /// </summary>
    public static class PausingSseServer
    {
        public const string ChildSwitch = "--w6-server";

        /// <param name="cassettePath">The recording whose body is served.</param>
        /// <param name="http2">Listen for HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1.</param>
        public static int Run(string cassettePath, bool http2)
        {
            byte[] body = CassetteBody.Read(cassettePath);
            int[] sizes = CassetteBody.EventReadSizes(body);
            int half = sizes.Take(sizes.Length / 2).Sum();
            var gates = new ConcurrentDictionary<string, TaskCompletionSource>();
            TaskCompletionSource Gate(string round) => gates.GetOrAdd(round, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.MaxConcurrentConnections = null;
                kestrel.Limits.MinResponseDataRate = null;
                kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
                // HTTP/2: Kestrel's default of 100 streams per connection is kept, so N streams share N / 100 connections.
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1);
            });
            var app = builder.Build();
            app.MapPost("/r{round}/chat/completions", async (HttpContext context, string round) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(body.AsMemory(0, half)).ConfigureAwait(false);
                await context.Response.Body.FlushAsync().ConfigureAwait(false);
                await Gate(round).Task.ConfigureAwait(false);
                await context.Response.Body.WriteAsync(body.AsMemory(half)).ConfigureAwait(false);
            });
            app.StartAsync().GetAwaiter().GetResult();
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine("port " + new Uri(address).Port);
            Console.Out.Flush();
            string? line;
            while ((line = Console.ReadLine()) != null)
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[0] == "release") Gate(parts[1]).TrySetResult();
            }

            app.StopAsync().GetAwaiter().GetResult();
            return 0;
        }
    }
}
