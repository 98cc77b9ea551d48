using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StructGen.Chat;
using StructGen.Tests.EndToEnd;
using BookCassettes = StructGen.Tests.EndToEnd.Cassettes;

namespace StructGen.AspNetCore.Tests.Support
{
    /// <summary>
    /// A real Kestrel app on 127.0.0.1 (an ephemeral port) serving the patch endpoints (the browser
    /// test uses the sample app, samples/BookWeb). The model is a replayed cassette or a stub handler: no network.
    /// </summary>
    public sealed class TestApp : IAsyncDisposable
    {
        public const string BookPrompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";
        public const string BookCassette = "openai-o4-mini/complex_object_streaming.yaml";

        private readonly WebApplication _app;

        private TestApp(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        /// <summary>How many times an endpoint asked the model for a stream.</summary>
        public int ModelCalls => _modelCalls;

        private int _modelCalls;

        /// <summary>The upstream handler for /stub (set by a test before it calls the endpoint).</summary>
        public HttpMessageHandler? StubUpstream { get; set; }

        // The done event's value must use the schema's JSON names, as the patches do: the Book's are snake_case.
        public static JsonTypeInfo<Book> BookTypeInfo { get; } = (JsonTypeInfo<Book>)new JsonSerializerOptions(JsonSerializerOptions.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }.GetTypeInfo(typeof(Book));

        public static async Task<TestApp> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            TestApp? self = null;

            app.MapGet("/book", () => StructuredStreamResults.ServerSentEvents(ct =>
            {
                Interlocked.Increment(ref self!._modelCalls);
                var (client, _) = BookCassettes.Client(BookCassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
                return client.GenerateBookStreamAsync(BookPrompt, cancellationToken: ct);
            }, BookTypeInfo));

            app.MapGet("/book-untyped", () =>
            {
                var (client, _) = BookCassettes.Client(BookCassette, "o4-mini", d => d.MaxCompletionTokens = 4000);
                return client.GenerateBookStreamAsync(BookPrompt).ToServerSentEvents();
            });

            app.MapGet("/stub/book", () => StructuredStreamResults.ServerSentEvents(ct =>
            {
                Interlocked.Increment(ref self!._modelCalls);
                return Stub(self.StubUpstream).GenerateBookStreamAsync(BookPrompt, cancellationToken: ct);
            }, BookTypeInfo));

            app.MapGet("/stub/article", () => StructuredStreamResults.ServerSentEvents(ct =>
                Stub(self!.StubUpstream).GenerateArticleStreamAsync("Write.", cancellationToken: ct)));

            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new TestApp(app, new Uri(address));
            return self;
        }

        private static ChatCompletionsClient Stub(HttpMessageHandler? upstream)
        {
            var options = new ChatCompletionsClientOptions { Model = "gpt-4o-mini", ApiKey = "sk-test-not-a-real-key" };
            return new ChatCompletionsClient(options, new HttpClient(upstream ?? throw new InvalidOperationException("Set StubUpstream first.")));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
