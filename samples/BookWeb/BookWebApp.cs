using System;
using System.IO;
using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using StructGen.AspNetCore;
using StructGen.Cassettes;
using StructGen.Chat;
using StructGen.Samples;

namespace BookWeb;

/// <summary>
/// The app: GET / serves the page (wwwroot/index.html, which imports the shipped structgen.js), GET
/// /book streams the Book as patch events. Without OPENAI_API_KEY the model is the recorded
/// cassette, replayed afresh for every request (also with --Offline=true); with it, the real endpoint. Kept apart from
/// Program.cs so the browser test starts this very app on 127.0.0.1.
/// </summary>
public static class BookWebApp
{
    public const string Prompt = "Generate information about 'The Lord of the Rings' book by J.R.R. Tolkien, including genres like fantasy and adventure, and its publication year (1954).";

    public static WebApplication Create(string[] args)
    {
        // The output folder is the content root: the page, structgen.js and the cassette are copied there.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        var app = builder.Build();
        var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        bool live = IsLive(app);

        Func<ModelClient> client;
        if (live)
        {
            var options = new ChatCompletionsClientOptions { ApiKey = apiKey, Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "o4-mini" };
            if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
            {
                options.Endpoint = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            }

            options.Defaults.MaxCompletionTokens = 4000;
            var shared = new ChatCompletionsClient(options, new HttpClient());
            app.Lifetime.ApplicationStopped.Register(shared.Dispose);
            client = () => shared;
        }
        else
        {
            var cassette = Path.Combine(AppContext.BaseDirectory, "cassettes", "openai-o4-mini", "complex_object_streaming.yaml");
            // A human pace by default, so the page visibly fills in; --ReplayDelayMs=0 replays at once.
            var delay = TimeSpan.FromMilliseconds(app.Configuration.GetValue("ReplayDelayMs", 60));
            client = () => RecordedClient.Create(cassette, new ReplayHandler(cassette, new CassetteReplayOptions { ReadDelay = delay, IgnoreHost = true }));
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapGet("/book", (HttpContext http) =>
        {
            var model = client();
            // Offline each request gets its own replay client; the live client is shared and stays open.
            if (!live) http.Response.RegisterForDispose(model);
            return StructuredStreamResults.ServerSentEvents(ct => model.GenerateBookStreamAsync(Prompt, cancellationToken: ct), BookJson.Default.Book);
        });

        return app;
    }

    /// <summary>Whether the app calls the real endpoint: OPENAI_API_KEY is set and --Offline=true was not given.</summary>
    public static bool IsLive(WebApplication app) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY")) && !app.Configuration.GetValue("Offline", false);
}
